using Iom.ServiceDefaults.Security;

namespace Iom.Registry.Agreements;

internal static class AgreementEndpoints
{
    public static IEndpointRouteBuilder MapAgreements(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/registry").WithTags("Agreements");
        group.MapPost("/organizations/{id:guid}/agreements", CreateAgreement.HandleAsync).WithName(nameof(CreateAgreement))
            .RequireAuthorization(SuitePolicies.RegistryEditor);
        group.MapGet("/organizations/{id:guid}/agreements", ListAgreements.HandleAsync).WithName(nameof(ListAgreements))
            .RequireAuthorization(SuitePolicies.Staff);
        group.MapPost("/agreements/{id:guid}/activate", ActivateAgreement.HandleAsync).WithName(nameof(ActivateAgreement))
            .RequireAuthorization(SuitePolicies.RegistryEditor);
        group.MapPost("/agreements/{id:guid}/end", EndAgreement.EndAsync).WithName("EndAgreement")
            .RequireAuthorization(SuitePolicies.RegistryEditor);
        group.MapPost("/agreements/{id:guid}/terminate", EndAgreement.TerminateAsync).WithName("TerminateAgreement")
            .RequireAuthorization(SuitePolicies.RegistryEditor);
        return app;
    }
}
