using Iom.ServiceDefaults.Security;

namespace Iom.Campaign.Actions;

internal static class ActionEndpoints
{
    public static IEndpointRouteBuilder MapVolunteerActions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/campaign").WithTags("Volunteer actions");
        group.MapPost("/organizations/{organizationId:guid}/actions", PostVolunteerAction.HandleAsync).WithName(nameof(PostVolunteerAction))
            .Produces<ActionView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(SuitePolicies.FocalPoint);
        group.MapGet("/organizations/{organizationId:guid}/actions", ListOrganizationActions.HandleAsync).WithName(nameof(ListOrganizationActions))
            .Produces<List<ListOrganizationActions.Item>>()
            .RequireAuthorization(SuitePolicies.StaffOrFocalPoint);
        group.MapPost("/actions/{id:guid}/cancellation", CancelVolunteerAction.HandleAsync).WithName(nameof(CancelVolunteerAction))
            .Produces<ActionView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(SuitePolicies.StaffOrFocalPoint);
        group.MapGet("/actions/{id:guid}/signups", ListSignups.HandleAsync).WithName(nameof(ListSignups))
            .Produces<List<ListSignups.Item>>()
            .RequireAuthorization(SuitePolicies.VolunteerContactsReader);
        return app;
    }
}
