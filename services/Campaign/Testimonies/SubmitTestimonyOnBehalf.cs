using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.Campaign.Idempotency;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Iom.Campaign.Testimonies;

/// <summary>
/// A focal point of an active partner submits a migrant's testimony with the migrant's recorded consent; the
/// organisation is the source. The receipt comes back to the CSO to hand to the migrant.
/// </summary>
internal static class SubmitTestimonyOnBehalf
{
    public sealed record Request(
        string? Title,
        string? Story,
        string? Language,
        string? CountryOfOrigin,
        string? CountryOfResidence,
        IReadOnlyList<string?>? Themes,
        string? Display,
        string? FirstName,
        IReadOnlyList<string?>? Consents,
        bool? ConsentRecorded,
        string? ConsentReference) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("Rebuilding a fishing business in Dakar", "After two years in Libya I came home to Dakar with nothing. With a reintegration grant and training from a local association I bought a pirogue and now employ three young men from my neighbourhood.", "fr", "SN", "SN", ["assisted-voluntary-return-and-reintegration"], "anonymous", null, ["campaign-app"], true, "MVN-CONSENT-2026-0142");

        [System.Text.Json.Serialization.JsonIgnore]
        public TestimonyInput Input => new(Title, Story, Language, CountryOfOrigin, CountryOfResidence, Themes, Display, FirstName, Consents);
    }

    public static async Task<IResult> HandleAsync(
        Guid organizationId, Request request, HttpContext http, IdempotencyStore idempotency, CampaignDbContext db,
        TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!http.User.MayActFor(organizationId))
        {
            return TypedResults.NotFound();
        }

        // Validated before the Idempotency-Key is looked at: a request that cannot succeed claims no key.
        var errors = request.Input.Validate();
        errors.Require(request.ConsentRecorded == true, "consentRecorded", "Submit on a migrant's behalf only with their recorded consent (consentRecorded: true).");
        errors.Require(request.ConsentReference is null || request.ConsentReference.Trim().Length <= 100, "consentReference", "The consent reference is longer than 100 characters.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        return await idempotency.ExecuteAsync(http, $"partner-testimonies:{organizationId}", request, async () =>
        {
            if (!await db.Partners.AnyAsync(p => p.Id == organizationId && p.Status == PartnerStatus.Active, cancellationToken))
            {
                return NotAnActivePartner();
            }

            var reference = string.IsNullOrWhiteSpace(request.ConsentReference) ? null : request.ConsentReference.Trim();
            return await SubmitTestimony.CreateAsync(request.Input, organizationId, reference, http.User.Actor(), db, clock, loggers, cancellationToken);
        }, SubmitTestimony.ReceiptOf);
    }

    internal static IResult NotAnActivePartner() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "The organisation is not an active partner.",
        detail: "Only organisations registered and not suspended in IOM's partner registry may do this.");
}
