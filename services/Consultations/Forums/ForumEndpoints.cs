using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Security;

namespace Iom.Consultations.Forums;

/// <summary>The iDiaspora forum: organisers open and moderate it, focal points and individuals contribute, the public reads it.</summary>
internal static class ForumEndpoints
{
    public static IEndpointRouteBuilder MapForums(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/consultations").WithTags("Forum").RequireAuthorization(SuitePolicies.StaffOrFocalPoint);
        staff.MapPost("/{id:guid}/forum", OpenForum.HandleAsync).WithName(nameof(OpenForum));
        staff.MapPost("/forums/{forumId:guid}/contributions", ContributeForOrganization.HandleAsync).WithName(nameof(ContributeForOrganization))
            .WithRequestExample(() => ContributionRules.Request.Example with { OrganizationId = ContributionRules.ExampleOrganization })
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(SuitePolicies.FocalPoint);
        staff.MapGet("/forums/{forumId:guid}/moderation", GetModerationQueue.HandleAsync).WithName(nameof(GetModerationQueue));
        staff.MapPost("/forum-contributions/{id:guid}/approval", ApproveContribution.HandleAsync).WithName(nameof(ApproveContribution))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPost("/forum-contributions/{id:guid}/rejection", RejectContribution.HandleAsync).WithName(nameof(RejectContribution))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPost("/forum-contributions/{id:guid}/support", SupportContribution.AsCallerAsync).WithName(nameof(SupportContribution));
        staff.MapPut("/forums/{forumId:guid}/synthesis", ConsolidateForum.HandleAsync).WithName(nameof(ConsolidateForum))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapGet("/forums/{forumId:guid}/synthesis", GetForumSynthesis.HandleAsync).WithName(nameof(GetForumSynthesis));

        var open = app.MapGroup("/api/consultations/public").WithTags("Forum").AllowAnonymous();
        open.MapGet("/forums/{forumId:guid}", GetPublicForum.HandleAsync).WithName(nameof(GetPublicForum))
            .CacheOutput(p => p.Expire(ForumCache.Expiry).Tag(ForumCache.Tag));
        open.MapGet("/forums/{forumId:guid}/contributions", ListPublicContributions.HandleAsync).WithName(nameof(ListPublicContributions))
            .CacheOutput(p => p.Expire(ForumCache.Expiry).Tag(ForumCache.Tag).SetVaryByQuery("topic", "country", "language", "page", "pageSize"));
        open.MapGet("/forum-contributions/{id:guid}", GetPublicContribution.HandleAsync).WithName(nameof(GetPublicContribution))
            .CacheOutput(p => p.Expire(ForumCache.Expiry).Tag(ForumCache.Tag));
        open.MapPost("/forums/{forumId:guid}/contributions", ContributeAnonymously.HandleAsync).WithName(nameof(ContributeAnonymously))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        open.MapPost("/forum-contributions/{id:guid}/support", SupportContribution.WithReceiptAsync).WithName(nameof(SupportContribution) + "WithReceipt");
        open.MapGet("/forum-receipts/{id:guid}", ViewContributionReceipt.HandleAsync).WithName(nameof(ViewContributionReceipt));
        open.MapPost("/forum-receipts/{id:guid}/withdrawal", WithdrawContribution.HandleAsync).WithName(nameof(WithdrawContribution));
        return app;
    }
}
