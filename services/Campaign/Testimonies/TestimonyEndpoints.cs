using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Mvc;

namespace Iom.Campaign.Testimonies;

internal static class TestimonyEndpoints
{
    /// <summary>A story at its longest, in any script, with room for the rest; anything larger is a 413.</summary>
    private const long MaxBodyBytes = 128 * 1024;

    public static IEndpointRouteBuilder MapTestimonies(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/campaign/testimonies", SubmitTestimony.HandleAsync).WithName(nameof(SubmitTestimony)).WithTags("Testimonies")
            .Produces<SubmitTestimony.Receipt>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .AllowAnonymous();
        app.MapPost("/api/campaign/organizations/{organizationId:guid}/testimonies", SubmitTestimonyOnBehalf.HandleAsync)
            .WithName(nameof(SubmitTestimonyOnBehalf)).WithTags("Testimonies")
            .Produces<SubmitTestimony.Receipt>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .RequireAuthorization(SuitePolicies.FocalPoint);
        return app;
    }
}
