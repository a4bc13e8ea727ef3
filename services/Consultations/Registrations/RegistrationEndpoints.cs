using Iom.ServiceDefaults.Security;

namespace Iom.Consultations.Registrations;

internal static class RegistrationEndpoints
{
    public static IEndpointRouteBuilder MapRegistrations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/consultations/{id:guid}/registrations").WithTags("Registrations")
            .RequireAuthorization(SuitePolicies.StaffOrFocalPoint);
        group.MapPost("/", RegisterDelegate.HandleAsync).WithName(nameof(RegisterDelegate));
        group.MapGet("/", ListRegistrations.HandleAsync).WithName(nameof(ListRegistrations));
        group.MapPost("/{registrationId:guid}/cancel", CancelRegistration.HandleAsync).WithName(nameof(CancelRegistration));
        group.MapPost("/{registrationId:guid}/check-in", CheckInParticipant.HandleAsync).WithName(nameof(CheckInParticipant));
        return app;
    }
}
