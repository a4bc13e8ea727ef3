using Iom.Consultations.Data;
using Iom.ServiceDefaults.Privacy;

namespace Iom.Consultations.Forums;

/// <summary>
/// An individual of the diaspora contributes without an account. The answer is a receipt (id + secret) to view or
/// withdraw the contribution later; only the secret's SHA-256 is stored, and no IP address or other identifier.
/// </summary>
internal static class ContributeAnonymously
{
    public sealed record Receipt(Guid Id, string Secret, string State, string ViewPath);

    public static async Task<IResult> HandleAsync(
        Guid forumId, ContributionRules.Request request, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = ContributionRules.Validate(request)
            .Require(request.OrganizationId is null, "organizationId", "An individual contributes without an organisation; organisations contribute through their focal point.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var secret = ConsentReceipt.NewSecret();
        var (contribution, problem) = await ContributionRules.BuildAsync(forumId, request, null, ConsentReceipt.Hash(secret), db, clock.GetUtcNow(), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        db.ForumContributions.Add(contribution!);
        await db.SaveChangesAsync(cancellationToken);
        var path = $"/api/consultations/public/forum-receipts/{contribution!.Id}";
        return TypedResults.Created(path, new Receipt(contribution.Id, secret, contribution.State.ToWire(), path));
    }
}
