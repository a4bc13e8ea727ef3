namespace Iom.Media.PublicStories;

/// <summary>The public story pages' data (the web front renders them at /stories/{id}; the feeds link there).</summary>
internal static class PublicStoryEndpoints
{
    /// <summary>Where a published story's page is, below the public base URL (the gateway's forwarded host).</summary>
    public static string PagePath(Guid id) => "/stories/" + id.ToString("D");

    public static IEndpointRouteBuilder MapPublicStories(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/media/public/stories/{id:guid}", GetPublicStory.HandleAsync).WithName(nameof(GetPublicStory)).WithTags("Public")
            .Produces<GetPublicStory.Response>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .AllowAnonymous();
        return app;
    }
}
