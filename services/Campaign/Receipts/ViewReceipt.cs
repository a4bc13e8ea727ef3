using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.ServiceDefaults.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Iom.Campaign.Receipts;

/// <summary>The author looks up their testimony with the receipt (id + secret in the X-Receipt-Secret header).</summary>
internal static class ViewReceipt
{
    public const string SecretHeader = "X-Receipt-Secret";

    public sealed record Response(
        Guid TestimonyId,
        string State,
        IReadOnlyList<string> Consents,
        DateTimeOffset SubmittedAt,
        DateTimeOffset? PublishAt,
        DateTimeOffset? PublishedAt,
        DateTimeOffset? WithdrawnAt);

    public static async Task<IResult> HandleAsync(Guid id, HttpContext http, CampaignDbContext db, CancellationToken cancellationToken)
    {
        var testimony = await db.Testimonies.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (!ConsentReceipt.Matches(testimony?.SecretHash, http.Request.Headers[SecretHeader].ToString()))
        {
            return NoMatch();
        }

        return TypedResults.Ok(new Response(
            testimony!.Id, testimony.State.ToWire(), testimony.Consents, testimony.SubmittedAt,
            testimony.State == TestimonyState.Scheduled ? testimony.PublishAt : null,
            testimony.State == TestimonyState.Published ? testimony.PublishedAt : null,
            testimony.WithdrawnAt));
    }

    /// <summary>The same answer for an unknown id and a wrong secret: no hint which.</summary>
    internal static IResult NoMatch() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "No testimony matches this receipt.",
        detail: "Check the receipt's id and secret.");
}
