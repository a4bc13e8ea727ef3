using Iom.ServiceDefaults.Security;

namespace Iom.Consultations.Agenda;

internal static class AgendaEndpoints
{
    public static IEndpointRouteBuilder MapAgenda(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/consultations/{id:guid}/agenda").WithTags("Agenda")
            .RequireAuthorization(SuitePolicies.StaffOrFocalPoint);
        group.MapGet("/", GetAgenda.HandleAsync).WithName(nameof(GetAgenda));
        group.MapPost("/", AddSession.HandleAsync).WithName(nameof(AddSession));
        group.MapPost("/{sessionId:guid}/speakers", AddSpeaker.HandleAsync).WithName(nameof(AddSpeaker));
        return app;
    }
}
