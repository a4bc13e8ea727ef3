using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.Campaign.Idempotency;
using Iom.Contracts.Campaign;
using Iom.Messaging.Outbox;
using Iom.ServiceDefaults.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Iom.Campaign.Testimonies;

/// <summary>
/// An anonymous author submits a testimony from the app: validated, stored as pending with a consent receipt
/// (id + secret, only the secret's hash kept), TestimonySubmitted staged (no content) in the same commit.
/// </summary>
internal static partial class SubmitTestimony
{
    public sealed record Receipt(Guid TestimonyId, string ReceiptSecret, string State, IReadOnlyList<string> Consents, DateTimeOffset SubmittedAt, string ReceiptPath);

    public static async Task<IResult> HandleAsync(
        TestimonyInput request, HttpContext http, IdempotencyStore idempotency, CampaignDbContext db, TimeProvider clock,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        // Validated before the Idempotency-Key is looked at: a request that cannot succeed claims no key.
        var errors = request.Validate();
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        return await idempotency.ExecuteAsync(
            http, "testimonies", request,
            async () => await CreateAsync(request, sourceOrganizationId: null, consentReference: null, "author", db, clock, loggers, cancellationToken),
            ReceiptOf);
    }

    /// <summary>The testimony an idempotent submission created, so erasing the testimony erases the stored answer too.</summary>
    internal static Guid? ReceiptOf(object? response) => (response as Receipt)?.TestimonyId;

    /// <summary>Stores a valid submission and its event; shared with CSO submissions and the demo data.</summary>
    internal static async Task<Created<Receipt>> CreateAsync(
        TestimonyInput input, Guid? sourceOrganizationId, string? consentReference, string actor,
        CampaignDbContext db, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var secret = ConsentReceipt.NewSecret();
        var testimony = new Testimony
        {
            Id = Guid.CreateVersion7(now),
            Title = input.NormalizedTitle,
            Story = input.NormalizedStory,
            Language = input.NormalizedLanguage,
            CountryOfOrigin = input.NormalizedCountryOfOrigin,
            CountryOfResidence = input.NormalizedCountryOfResidence,
            Themes = input.NormalizedThemes,
            FirstName = input.NormalizedFirstName,
            Consents = input.NormalizedConsents,
            SourceOrganizationId = sourceOrganizationId,
            ConsentReference = consentReference,
            SecretHash = ConsentReceipt.Hash(secret),
            State = TestimonyState.Pending,
            SubmittedAt = now,
            QueuedAt = now,
            UpdatedAt = now,
        };
        db.Testimonies.Add(testimony);
        db.ModerationAudit.Add(new ModerationAuditEntry
        {
            TestimonyId = testimony.Id,
            Actor = actor,
            Action = "submitted",
            Detail = $"consents: {string.Join(", ", testimony.Consents)}",
            At = now,
        });
        db.StageEvent(new TestimonySubmitted(testimony.Id, testimony.Language, sourceOrganizationId, now), clock);
        await db.SaveChangesAsync(cancellationToken);
        LogSubmitted(loggers.CreateLogger(nameof(SubmitTestimony)), testimony.Id, testimony.Language, sourceOrganizationId);

        return TypedResults.Created(
            $"/api/campaign/receipts/{testimony.Id}",
            new Receipt(testimony.Id, secret, testimony.State.ToWire(), testimony.Consents, now, $"/api/campaign/receipts/{testimony.Id}"));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Testimony {TestimonyId} submitted in {Language} (source organisation {OrganizationId})")]
    private static partial void LogSubmitted(ILogger logger, Guid testimonyId, string language, Guid? organizationId);
}
