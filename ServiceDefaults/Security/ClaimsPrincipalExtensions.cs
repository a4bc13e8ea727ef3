using System.Security.Claims;

namespace Iom.ServiceDefaults.Security;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The organisation a focal point acts for, or null.</summary>
    public static Guid? OrganizationId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(SuiteClaims.Organization)?.Value, out var id) ? id : null;

    public static bool IsStaff(this ClaimsPrincipal user) => SuiteRoles.Staff.Any(user.IsInRole);

    /// <summary>Staff may act for any organisation; a focal point only for its own.</summary>
    public static bool MayActFor(this ClaimsPrincipal user, Guid organizationId) =>
        user.IsStaff() || (user.IsInRole(SuiteRoles.CsoFocalPoint) && user.OrganizationId() == organizationId);

    /// <summary>Who did it, for audit trails: the token's subject.</summary>
    public static string Actor(this ClaimsPrincipal user) => user.FindFirst(SuiteClaims.Subject)?.Value ?? "anonymous";
}
