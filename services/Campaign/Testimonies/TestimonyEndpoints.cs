using Iom.ServiceDefaults.Security;

namespace Iom.Campaign.Testimonies;

public static class TestimonyEndpoints
{
    public static IEndpointRouteBuilder MapTestimonies(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/campaign/testimonies", SubmitTestimony.HandleAsync).WithName(nameof(SubmitTestimony)).WithTags("Testimonies")
            .Produces<SubmitTestimony.Receipt>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .AllowAnonymous();
        app.MapPost("/api/campaign/organizations/{organizationId:guid}/testimonies", SubmitTestimonyOnBehalf.HandleAsync)
            .WithName(nameof(SubmitTestimonyOnBehalf)).WithTags("Testimonies")
            .Produces<SubmitTestimony.Receipt>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .RequireAuthorization(SuitePolicies.FocalPoint);
        return app;
    }
}
