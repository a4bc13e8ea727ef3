using Iom.ServiceDefaults.Security;

namespace Iom.Consultations.Funding;

internal static class FundingEndpoints
{
    public static IEndpointRouteBuilder MapFunding(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/consultations/{id:guid}/funding-requests").WithTags("Funding");
        group.MapPost("/", RequestFunding.HandleAsync).WithName(nameof(RequestFunding))
            .RequireAuthorization(SuitePolicies.StaffOrFocalPoint);
        group.MapGet("/", ListFundingRequests.HandleAsync).WithName(nameof(ListFundingRequests))
            .RequireAuthorization(SuitePolicies.ConsultationOrganizer);
        group.MapPost("/{fundingRequestId:guid}/approve", ApproveFunding.HandleAsync).WithName(nameof(ApproveFunding))
            .RequireAuthorization(SuitePolicies.ConsultationOrganizer);
        group.MapPost("/{fundingRequestId:guid}/decline", DeclineFunding.HandleAsync).WithName(nameof(DeclineFunding))
            .RequireAuthorization(SuitePolicies.ConsultationOrganizer);
        return app;
    }
}
