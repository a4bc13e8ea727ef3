namespace Iom.Campaign.Public;

/// <summary>What the app reads and sends without an account: published testimonies, upcoming actions, reports, sign-ups.</summary>
internal static class PublicEndpoints
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    public static IEndpointRouteBuilder MapPublicApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/campaign/public").WithTags("Public").AllowAnonymous();
        group.MapGet("/testimonies", ListPublishedTestimonies.HandleAsync).WithName(nameof(ListPublishedTestimonies))
            .Produces<ListPublishedTestimonies.Page>()
            .CacheOutput(p => p.Expire(CacheFor).Tag(PublicCache.Testimonies).SetVaryByQuery("language", "theme", "country", "cursor", "limit"));
        group.MapGet("/testimonies/{id:guid}", GetPublishedTestimony.HandleAsync).WithName(nameof(GetPublishedTestimony))
            .Produces<ListPublishedTestimonies.Item>()
            .CacheOutput(p => p.Expire(CacheFor).Tag(PublicCache.Testimonies));
        group.MapPost("/testimonies/{id:guid}/reports", ReportTestimony.HandleAsync).WithName(nameof(ReportTestimony))
            .Produces<ReportTestimony.Response>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        // Upcoming-ness depends on the clock: a short expiry on top of the evictions.
        group.MapGet("/actions", ListUpcomingActions.HandleAsync).WithName(nameof(ListUpcomingActions))
            .Produces<ListUpcomingActions.Page>()
            .CacheOutput(p => p.Expire(TimeSpan.FromMinutes(1)).Tag(PublicCache.Actions).SetVaryByQuery("country", "theme", "online", "cursor", "limit"));
        group.MapGet("/actions/{id:guid}", GetUpcomingAction.HandleAsync).WithName(nameof(GetUpcomingAction))
            .Produces<Actions.ActionView>();
        group.MapPost("/actions/{id:guid}/signups", SignUpForAction.HandleAsync).WithName(nameof(SignUpForAction))
            .Produces<SignUpForAction.Response>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/signups/{signupId:guid}/cancellation", CancelSignup.HandleAsync).WithName(nameof(CancelSignup))
            .Produces<CancelSignup.Response>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
