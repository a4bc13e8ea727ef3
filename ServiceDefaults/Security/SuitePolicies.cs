using Microsoft.AspNetCore.Authorization;

namespace Iom.ServiceDefaults.Security;

/// <summary>
/// Authorization policies shared by the gateway and the services. Every endpoint names one of these
/// (or allows anonymous access explicitly); the fallback policy refuses anything that names none.
/// </summary>
public static class SuitePolicies
{
    /// <summary>Any valid token.</summary>
    public const string Authenticated = "authenticated";

    /// <summary>Any internal team.</summary>
    public const string Staff = "staff";

    public const string RegistryEditor = "registry-editor";
    public const string ConsultationOrganizer = "consultation-organizer";
    public const string CampaignModerator = "campaign-moderator";
    public const string MediaEditor = "media-editor";
    public const string SyndicateEditor = "syndicate-editor";
    public const string Admin = "admin";

    /// <summary>A CSO focal point with the organisation it acts for.</summary>
    public const string FocalPoint = "cso-focal-point";

    /// <summary>Staff, or a focal point (who is then held to its own organisation by the endpoint).</summary>
    public const string StaffOrFocalPoint = "staff-or-focal-point";

    /// <summary>
    /// Consultation inputs (what CSOs wrote): consultation organizers and admins read them all; a focal point reads its
    /// own organisation's (all of them where it convenes), held there by the endpoint. Other staff teams do not need them.
    /// </summary>
    public const string ConsultationInputsReader = "consultation-inputs-reader";

    /// <summary>
    /// Volunteer sign-up contacts (names, e-mail or phone): the campaign team and admins, and the organising CSO's
    /// focal points (held to their own actions by the endpoint). Other staff teams do not need them.
    /// </summary>
    public const string VolunteerContactsReader = "volunteer-contacts-reader";

    internal static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Authenticated, p => p.RequireAuthenticatedUser());
        options.AddPolicy(Staff, p => p.RequireRole(SuiteRoles.Staff));
        options.AddPolicy(Admin, p => p.RequireRole(SuiteRoles.Admin));
        options.AddPolicy(RegistryEditor, p => p.RequireRole(SuiteRoles.RegistryEditor, SuiteRoles.Admin));
        options.AddPolicy(ConsultationOrganizer, p => p.RequireRole(SuiteRoles.ConsultationOrganizer, SuiteRoles.Admin));
        options.AddPolicy(CampaignModerator, p => p.RequireRole(SuiteRoles.CampaignModerator, SuiteRoles.Admin));
        options.AddPolicy(MediaEditor, p => p.RequireRole(SuiteRoles.MediaEditor, SuiteRoles.Admin));
        options.AddPolicy(SyndicateEditor, p => p.RequireRole(SuiteRoles.SyndicateEditor, SuiteRoles.Admin));
        options.AddPolicy(FocalPoint, p => p.RequireRole(SuiteRoles.CsoFocalPoint).RequireAssertion(c => c.User.OrganizationId() is not null));
        options.AddPolicy(StaffOrFocalPoint, p => p.RequireAssertion(c =>
            SuiteRoles.Staff.Any(c.User.IsInRole) || (c.User.IsInRole(SuiteRoles.CsoFocalPoint) && c.User.OrganizationId() is not null)));
        options.AddPolicy(ConsultationInputsReader, p => p.RequireAssertion(c =>
            c.User.IsInRole(SuiteRoles.ConsultationOrganizer) || c.User.IsInRole(SuiteRoles.Admin) || IsFocalPointWithOrganization(c.User)));
        options.AddPolicy(VolunteerContactsReader, p => p.RequireAssertion(c =>
            c.User.IsInRole(SuiteRoles.CampaignModerator) || c.User.IsInRole(SuiteRoles.Admin) || IsFocalPointWithOrganization(c.User)));

        // A route that names no policy is refused: nothing is open by accident.
        options.FallbackPolicy = options.GetPolicy(Authenticated);
    }

    private static bool IsFocalPointWithOrganization(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(SuiteRoles.CsoFocalPoint) && user.OrganizationId() is not null;
}
