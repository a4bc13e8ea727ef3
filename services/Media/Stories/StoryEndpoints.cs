using Iom.ServiceDefaults.Security;

namespace Iom.Media.Stories;

internal static class StoryEndpoints
{
    public static IEndpointRouteBuilder MapStories(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/media/stories").WithTags("Stories").RequireAuthorization(SuitePolicies.MediaEditor);
        group.MapPost("/", CreateStory.HandleAsync).WithName(nameof(CreateStory));
        group.MapGet("/", ListStories.HandleAsync).WithName(nameof(ListStories));
        group.MapGet("/{id:guid}", GetStory.HandleAsync).WithName(nameof(GetStory));
        group.MapPut("/{id:guid}", EditStory.HandleAsync).WithName(nameof(EditStory));
        group.MapPost("/{id:guid}/schedule", ScheduleStory.HandleAsync).WithName(nameof(ScheduleStory));
        group.MapPost("/{id:guid}/embargo", EmbargoStory.HandleAsync).WithName(nameof(EmbargoStory));
        group.MapPost("/{id:guid}/publish", PublishStory.HandleAsync).WithName(nameof(PublishStory));
        group.MapPost("/{id:guid}/correct", CorrectStory.HandleAsync).WithName(nameof(CorrectStory));
        group.MapPost("/{id:guid}/withdraw", WithdrawStory.HandleAsync).WithName(nameof(WithdrawStory));
        group.MapGet("/{id:guid}/audit", GetStoryAudit.HandleAsync).WithName(nameof(GetStoryAudit));
        group.MapGet("/{id:guid}/fetches", GetStoryFetches.HandleAsync).WithName(nameof(GetStoryFetches));
        return app;
    }
}
