using System.Security.Claims;
using Iom.Media.Domain;
using Iom.ServiceDefaults.Security;

namespace Iom.Media.Journalists;

/// <summary>A journalist; the e-mail only for media editors and admins (personal data).</summary>
internal sealed record JournalistResponse(
    Guid Id, string Name, string Outlet, string Country, IReadOnlyList<string> Beats, IReadOnlyList<string> Languages,
    string? Email, Guid? PartnerId, DateTimeOffset CreatedAt, int ActiveKeys)
{
    public static JournalistResponse From(Journalist j, ClaimsPrincipal user, int activeKeys) => new(
        j.Id, j.Name, j.Outlet, j.Country, j.Beats, j.Languages, MaySeeEmail(user) ? j.Email : null, j.PartnerId, j.CreatedAt, activeKeys);

    public static bool MaySeeEmail(ClaimsPrincipal user) => user.IsInRole(SuiteRoles.MediaEditor) || user.IsInRole(SuiteRoles.Admin);
}

internal sealed record FeedKeyResponse(Guid Id, string? Label, bool EmbargoAccess, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, string? RevokedReason)
{
    public static FeedKeyResponse From(FeedKey k) => new(k.Id, k.Label, k.EmbargoAccess, k.CreatedAt, k.RevokedAt, k.RevokedReason);
}
