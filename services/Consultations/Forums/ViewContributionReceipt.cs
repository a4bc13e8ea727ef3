using Iom.Consultations.Data;
using Iom.ServiceDefaults.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Forums;

/// <summary>The individual looks up their contribution with the receipt (id + secret in the X-Receipt-Secret header).</summary>
internal static class ViewContributionReceipt
{
    public const string SecretHeader = "X-Receipt-Secret";

    public sealed record Response(Guid Id, Guid ForumId, Guid TopicId, Guid? ParentId, string State, string Text, string Language, string CountryOfOrigin, DateTimeOffset SubmittedAt, string? RejectionReason, DateTimeOffset? WithdrawnAt);

    public static async Task<IResult> HandleAsync(Guid id, HttpContext http, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var contribution = await db.ForumContributions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (!ConsentReceipt.Matches(contribution?.SecretHash, http.Request.Headers[SecretHeader].ToString()))
        {
            return NoMatch();
        }

        var c = contribution!;
        return TypedResults.Ok(new Response(c.Id, c.ForumId, c.TopicId, c.ParentId, c.State.ToWire(), c.Text, c.Language, c.CountryOfOrigin, c.SubmittedAt, c.RejectionReason, c.WithdrawnAt));
    }

    /// <summary>The same answer for an unknown id and a wrong secret: no hint which.</summary>
    internal static IResult NoMatch() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "No contribution matches this receipt.",
        detail: "Check the receipt's id and secret.");
}
