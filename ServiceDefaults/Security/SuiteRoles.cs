namespace Iom.ServiceDefaults.Security;

/// <summary>The roles a token can carry (claim "role"). A focal point's token also carries "org".</summary>
public static class SuiteRoles
{
    public const string Admin = "admin";
    public const string RegistryEditor = "registry-editor";
    public const string ConsultationOrganizer = "consultation-organizer";
    public const string CampaignModerator = "campaign-moderator";
    public const string MediaEditor = "media-editor";

    /// <summary>Reviews and publishes the Migration Research Leaders Syndicate's papers (docs/adr/0009-idiaspora-receipts-and-syndicate-invitations.md).</summary>
    public const string SyndicateEditor = "syndicate-editor";
    public const string CsoFocalPoint = "cso-focal-point";
    public const string Journalist = "journalist";

    /// <summary>IOM's internal teams.</summary>
    public static readonly IReadOnlyList<string> Staff = [Admin, RegistryEditor, ConsultationOrganizer, CampaignModerator, MediaEditor, SyndicateEditor];

    public static readonly IReadOnlyList<string> All = [.. Staff, CsoFocalPoint, Journalist];
}

/// <summary>The claim names our tokens use (no Microsoft claim-type mapping).</summary>
public static class SuiteClaims
{
    public const string Subject = "sub";
    public const string Role = "role";

    /// <summary>The organisation a CSO focal point acts for (a Registry partner id).</summary>
    public const string Organization = "org";
}
