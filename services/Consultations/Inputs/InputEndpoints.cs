using Iom.ServiceDefaults.Security;

namespace Iom.Consultations.Inputs;

internal static class InputEndpoints
{
    public static IEndpointRouteBuilder MapInputs(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/consultations/{id:guid}").WithTags("Inputs")
            .RequireAuthorization(SuitePolicies.StaffOrFocalPoint);
        group.MapPost("/inputs", SubmitInput.HandleAsync).WithName(nameof(SubmitInput));
        group.MapGet("/inputs", ListInputs.HandleAsync).WithName(nameof(ListInputs))
            .RequireAuthorization(SuitePolicies.ConsultationInputsReader);
        group.MapPost("/syntheses", SynthesizeRegion.HandleAsync).WithName(nameof(SynthesizeRegion));
        group.MapGet("/syntheses", ListSyntheses.HandleAsync).WithName(nameof(ListSyntheses));
        return app;
    }
}
