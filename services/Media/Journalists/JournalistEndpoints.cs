using Iom.ServiceDefaults.Security;

namespace Iom.Media.Journalists;

internal static class JournalistEndpoints
{
    public static IEndpointRouteBuilder MapJournalists(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/media/journalists").WithTags("Journalists");
        group.MapPost("/", CreateJournalist.HandleAsync).WithName(nameof(CreateJournalist)).RequireAuthorization(SuitePolicies.MediaEditor);
        group.MapGet("/", ListJournalists.HandleAsync).WithName(nameof(ListJournalists)).RequireAuthorization(SuitePolicies.Staff);
        group.MapGet("/{id:guid}", GetJournalist.HandleAsync).WithName(nameof(GetJournalist)).RequireAuthorization(SuitePolicies.Staff);
        group.MapPost("/{id:guid}/keys", CreateFeedKey.HandleAsync).WithName(nameof(CreateFeedKey)).RequireAuthorization(SuitePolicies.MediaEditor);
        group.MapGet("/{id:guid}/keys", ListFeedKeys.HandleAsync).WithName(nameof(ListFeedKeys)).RequireAuthorization(SuitePolicies.MediaEditor);
        group.MapPost("/{id:guid}/keys/{keyId:guid}/revoke", RevokeFeedKey.HandleAsync).WithName(nameof(RevokeFeedKey)).RequireAuthorization(SuitePolicies.MediaEditor);
        return app;
    }
}
