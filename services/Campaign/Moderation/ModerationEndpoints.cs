using Iom.ServiceDefaults.Security;

namespace Iom.Campaign.Moderation;

internal static class ModerationEndpoints
{
    public static IEndpointRouteBuilder MapModeration(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/campaign/moderation").WithTags("Moderation")
            .RequireAuthorization(SuitePolicies.CampaignModerator);
        group.MapGet("/queue", GetModerationQueue.HandleAsync).WithName(nameof(GetModerationQueue))
            .Produces<GetModerationQueue.Page>();
        group.MapGet("/testimonies/{id:guid}", GetTestimonyForModeration.HandleAsync).WithName(nameof(GetTestimonyForModeration))
            .Produces<GetTestimonyForModeration.Response>();
        group.MapPost("/testimonies/{id:guid}/approval", ApproveTestimony.HandleAsync).WithName(nameof(ApproveTestimony))
            .Produces<ModerationView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/testimonies/{id:guid}/rejection", RejectTestimony.HandleAsync).WithName(nameof(RejectTestimony))
            .Produces<ModerationView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/testimonies/{id:guid}/hold", HoldTestimony.HandleAsync).WithName(nameof(HoldTestimony))
            .Produces<ModerationView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/testimonies/{id:guid}/reports/dismissal", DismissReports.HandleAsync).WithName(nameof(DismissReports))
            .Produces<ModerationView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/testimonies/{id:guid}/edit", EditTestimony.HandleAsync).WithName(nameof(EditTestimony))
            .Produces<ModerationView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }
}
