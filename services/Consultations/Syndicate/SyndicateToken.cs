using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Syndicate;

/// <summary>
/// A member's invitation token, sent in the X-Syndicate-Token header: "{member id}.{secret}". Only the secret's
/// SHA-256 is stored (the receipt mechanism of ServiceDefaults.Privacy); a revoked member's token stops working at once.
/// </summary>
internal static class SyndicateToken
{
    public const string Header = "X-Syndicate-Token";

    public static string Format(Guid memberId, string secret) => $"{memberId:N}.{secret}";

    /// <summary>The member the request's token belongs to, or the 401 to answer.</summary>
    public static async Task<(SyndicateMember? Member, IResult? Problem)> MemberAsync(HttpContext http, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var token = http.Request.Headers[Header].ToString();
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        SyndicateMember? member = null;
        string? secret = null;
        if (dot > 0 && Guid.TryParseExact(token[..dot], "N", out var id))
        {
            member = await db.SyndicateMembers.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
            secret = token[(dot + 1)..];
        }

        if (!ConsentReceipt.Matches(member?.TokenHash, secret) || member!.RevokedAt is not null)
        {
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "A valid syndicate invitation token is required.",
                detail: $"Send the token you received with your invitation in the {Header} header."));
        }

        return (member, null);
    }
}
