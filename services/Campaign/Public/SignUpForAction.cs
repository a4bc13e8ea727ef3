using Iom.Campaign.Data;
using Iom.Campaign.Domain;
using Iom.Campaign.Idempotency;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Microsoft.EntityFrameworkCore;

namespace Iom.Campaign.Public;

/// <summary>
/// A person signs up for an upcoming action (name and contact: personal data, seen only by the organiser and staff).
/// The count goes up by a conditional UPDATE that locks the action's row, so concurrent sign-ups never pass the
/// capacity; a full, past or cancelled action is a 409.
/// </summary>
internal static partial class SignUpForAction
{
    public sealed record Request(string? Name, string? Contact) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("Lucía Fernández", "lucia.fernandez@example.org");
    }

    public sealed record Response(Guid SignupId, Guid ActionId, DateTimeOffset SignedUpAt, string Message);

    public static Task<IResult> HandleAsync(
        Guid id, Request request, HttpContext http, IdempotencyStore idempotency, CampaignDbContext db, TimeProvider clock,
        ILoggerFactory loggers, CancellationToken cancellationToken) =>
        idempotency.ExecuteAsync(http, $"signups:{id}", request, () => SignUpAsync(id, request, db, clock, loggers, cancellationToken),
            response => (response as Response)?.SignupId);

    internal static async Task<IResult> SignUpAsync(
        Guid id, Request request, CampaignDbContext db, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim() ?? string.Empty;
        var contact = request.Contact?.Trim() ?? string.Empty;
        var errors = new ValidationErrors()
            .Require(name.Length > 0, "name", "A name is required.")
            .Require(name.Length <= 120, "name", "The name is longer than 120 characters.")
            .Require(contact.Length >= 5, "contact", "A contact (an e-mail address or a phone number) is required.")
            .Require(contact.Length <= 200, "contact", "The contact is longer than 200 characters.")
            .Require(contact.Length == 0 || contact.Contains('@', StringComparison.Ordinal) || contact.Count(char.IsAsciiDigit) >= 6,
                "contact", "The contact must be an e-mail address or a phone number.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var now = clock.GetUtcNow();
        // Its own transaction, or the idempotent request's (which commits the sign-up with the stored answer).
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var taken = await db.VolunteerActions
            .Where(a => a.Id == id && !a.Cancelled && a.StartsAt > now && a.SignupCount < a.VolunteersNeeded
                && db.Partners.Any(p => p.Id == a.OrganizationId && p.Status == PartnerStatus.Active))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.SignupCount, a => a.SignupCount + 1), cancellationToken);
        if (taken == 0)
        {
            if (transaction is not null)
            {
                await transaction.RollbackAsync(cancellationToken);
            }

            return await RefusalAsync(id, db, now, cancellationToken);
        }

        var signup = new Signup { Id = Guid.CreateVersion7(now), ActionId = id, Name = name, Contact = contact, SignedUpAt = now };
        db.Signups.Add(signup);
        db.EvictAfterCommit(PublicCache.Actions);
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        LogSignedUp(loggers.CreateLogger(nameof(SignUpForAction)), id, signup.Id);
        return TypedResults.Created((string?)null, new Response(signup.Id, id, now, "You are signed up. The organisation will contact you."));
    }

    private static async Task<IResult> RefusalAsync(Guid id, CampaignDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await (from a in db.VolunteerActions.AsNoTracking()
                         join p in db.Partners.AsNoTracking() on a.OrganizationId equals p.Id
                         where a.Id == id
                         select new { Action = a, p.Status }).FirstOrDefaultAsync(cancellationToken);
        if (row is null || row.Status != PartnerStatus.Active)
        {
            return TypedResults.NotFound();
        }

        var title = row.Action.Cancelled ? "The action was cancelled."
            : row.Action.StartsAt <= now ? "The action has already started."
            : "The action is full.";
        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: $"Action {id} takes no more sign-ups.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-up {SignupId} for volunteer action {ActionId}")]
    private static partial void LogSignedUp(ILogger logger, Guid actionId, Guid signupId);
}
