using Iom.ServiceDefaults.Security;

namespace Iom.Consultations.Partners;

internal static class PartnerEndpoints
{
    public static IEndpointRouteBuilder MapPartners(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/consultations/partners").WithTags("Partners");
        group.MapGet("/{id:guid}", GetPartner.HandleAsync).WithName(nameof(GetPartner))
            .RequireAuthorization(SuitePolicies.StaffOrFocalPoint);
        return app;
    }
}
