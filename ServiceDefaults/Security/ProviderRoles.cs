using System.Security.Claims;
using System.Text.Json;

namespace Iom.ServiceDefaults.Security;

/// <summary>
/// Maps the role claims identity providers send onto the suite's "role" claims: "roles" (an array, as Entra ID sends
/// app roles), "realm_access.roles" (Keycloak realm roles) and "resource_access.{audience}.roles" (Keycloak client
/// roles). A provider name maps through Auth:RoleMap, else it is taken as is when it names a suite role; anything
/// else is dropped. The organisation claim (Auth:OrganizationClaim) is copied to "org".
/// </summary>
internal static class ProviderRoles
{
    public const string EntraRoles = "roles";
    public const string KeycloakRealmAccess = "realm_access";
    public const string KeycloakResourceAccess = "resource_access";

    public static void MapOnto(ClaimsIdentity identity, SuiteAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(options);
        var provided = new List<string>();
        provided.AddRange(identity.FindAll(EntraRoles).Select(c => c.Value));
        foreach (var claim in identity.FindAll(KeycloakRealmAccess))
        {
            provided.AddRange(RolesIn(claim.Value, []));
        }

        foreach (var claim in identity.FindAll(KeycloakResourceAccess))
        {
            provided.AddRange(RolesIn(claim.Value, [options.Audience]));
        }

        var present = identity.FindAll(SuiteClaims.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var name in provided)
        {
            var role = options.RoleMap.TryGetValue(name, out var mapped) ? mapped : name;
            if (SuiteRoles.All.Contains(role) && present.Add(role))
            {
                identity.AddClaim(new Claim(SuiteClaims.Role, role));
            }
        }

        if (options.OrganizationClaim != SuiteClaims.Organization && identity.FindFirst(SuiteClaims.Organization) is null
            && identity.FindFirst(options.OrganizationClaim) is { } organization)
        {
            identity.AddClaim(new Claim(SuiteClaims.Organization, organization.Value));
        }
    }

    /// <summary>The "roles" array of a JSON object claim, reached through the given property path.</summary>
    private static IEnumerable<string> RolesIn(string json, string[] path)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var element = document.RootElement;
            foreach (var property in path)
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out element))
                {
                    return [];
                }
            }

            return element.ValueKind == JsonValueKind.Object && element.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array
                ? roles.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
