using System.Security.Claims;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Iom.Consultations.Lifecycle;

/// <summary>
/// Who may do what on a consultation. The CSO-led rule lives here: when a consultation is CSO-led, only the
/// focal points of its convening organisations change its agenda and decide on registrations; IOM staff can
/// see and fund it but not edit those.
/// </summary>
internal static class ConsultationAccess
{
    public static bool IsOrganizer(this ClaimsPrincipal user) =>
        user.IsInRole(SuiteRoles.ConsultationOrganizer) || user.IsInRole(SuiteRoles.Admin);

    public static bool IsConvenerFocalPoint(this ClaimsPrincipal user, Consultation consultation) =>
        user.IsInRole(SuiteRoles.CsoFocalPoint) && user.OrganizationId() is { } org && consultation.IsConvener(org);

    /// <summary>Changes the agenda and decides on registrations (for any organisation).</summary>
    public static bool MayManage(this ClaimsPrincipal user, Consultation consultation) =>
        consultation.CsoLed ? user.IsConvenerFocalPoint(consultation) : user.IsOrganizer();

    /// <summary>Registers or withdraws delegates of <paramref name="organizationId"/>: a manager, or that organisation's focal point.</summary>
    public static bool MayActForDelegatesOf(this ClaimsPrincipal user, Consultation consultation, Guid organizationId) =>
        user.MayManage(consultation) || (user.IsInRole(SuiteRoles.CsoFocalPoint) && user.OrganizationId() == organizationId);

    /// <summary>
    /// Sees every registration (delegates' names and e-mails): consultation organizers — also of a CSO-led
    /// consultation, which they may see and fund — and the conveners' focal points. Others see their own organisation's.
    /// </summary>
    public static bool SeesAllRegistrations(this ClaimsPrincipal user, Consultation consultation) =>
        user.IsOrganizer() || user.IsConvenerFocalPoint(consultation);

    public static ProblemHttpResult Forbidden(Consultation consultation, string action) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Not allowed on this consultation.",
        detail: consultation.CsoLed
            ? $"This consultation is CSO-led: only focal points of its convening organisations may {action}."
            : $"Only consultation organizers (or the organisation's own focal point, where it applies) may {action}.");
}

/// <summary>The 409 answers shared by the use cases.</summary>
internal static class ConsultationProblems
{
    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    public static ProblemHttpResult IllegalTransition(Consultation consultation, ConsultationStatus to) => Conflict(
        "Illegal lifecycle transition.",
        $"A consultation that is '{consultation.Status.ToWire()}' cannot become '{to.ToWire()}'.");
}
