namespace Iom.ServiceDefaults.Security;

/// <summary>
/// Configuration section "Auth", the same for the gateway and every service. Production: Authority (the identity
/// provider's issuer URL, OpenID Connect discovery) and Audience. Development only: SigningKey (HS256) and Issuer.
/// </summary>
internal sealed class SuiteAuthOptions
{
    public const string Section = "Auth";

    /// <summary>The identity provider (https; discovery at {Authority}/.well-known/openid-configuration).</summary>
    public string? Authority { get; set; }

    /// <summary>The expected "iss". Development key: defaults to "iom-dev". With an authority: the one its discovery names, unless set.</summary>
    public string? Issuer { get; set; }

    public string Audience { get; set; } = SuiteAuthentication.DefaultAudience;

    /// <summary>The symmetric development key. Refused outside Development.</summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Whether discovery and keys must be fetched over https. Default: true, except in Development. False is accepted
    /// outside Development only for an authority on loopback (a test issuer), never silently.
    /// </summary>
    public bool? RequireHttpsMetadata { get; set; }

    /// <summary>The provider's claim carrying a focal point's organisation (a Registry partner id), copied to "org".</summary>
    public string OrganizationClaim { get; set; } = SuiteClaims.Organization;

    /// <summary>
    /// Provider role name → suite role, for providers whose role values differ from ours (e.g. Entra ID app role
    /// "IOM.RegistryEditor" → "registry-editor"). Role names equal to a suite role need no entry.
    /// </summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.Ordinal);

    public bool HasAuthority => !string.IsNullOrWhiteSpace(Authority);

    public bool HasSigningKey => !string.IsNullOrWhiteSpace(SigningKey);
}
