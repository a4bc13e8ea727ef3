using System.Net.Mail;
using System.Security.Claims;
using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Data;
using Iom.Messaging;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Privacy;
using Iom.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Syndicate;

/// <summary>
/// A syndicate editor invites a researcher: name, e-mail (for IOM only) and, when there is one, the academic
/// institution, a Registry partner. The answer holds the invitation token once; only its hash is kept.
/// </summary>
internal static class InviteMember
{
    public const string AcademicInstitution = "academic-institution";

    public sealed record Request(string? Name, string? Email, Guid? InstitutionId) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("Dr Leila Mansour", "l.mansour@university.example.edu", null);
    }

    public sealed record Response(Guid Id, string Name, Guid? InstitutionId, string? Institution, string Token, DateTimeOffset InvitedAt);

    public static async Task<IResult> HandleAsync(Request request, ClaimsPrincipal user, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(!string.IsNullOrWhiteSpace(request.Name) && request.Name.Trim().Length <= 200, "name", "A name of at most 200 characters is required.")
            .Require(IsEmail(request.Email), "email", "A valid e-mail address of at most 254 characters is required.")
            .Require(request.InstitutionId != Guid.Empty, "institutionId", "Leave the institution out rather than sending an empty id.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        Partner? institution = null;
        if (request.InstitutionId is { } institutionId)
        {
            institution = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == institutionId, cancellationToken);
            if (institution is null || institution.Type != AcademicInstitution)
            {
                return new ValidationErrors().Add("institutionId", $"{institutionId} is not an academic institution known to the Registry.").ToProblem();
            }

            if (institution.Status != PartnerStatus.Active)
            {
                return ConsultationProblems.Conflict("The institution is not active.", $"It is {institution.Status.ToWire()} in the Registry.");
            }
        }

        var secret = ConsentReceipt.NewSecret();
        var member = new SyndicateMember
        {
            Id = Guid.CreateVersion7(),
            Name = request.Name!.Trim(),
            Email = request.Email!.Trim().ToLowerInvariant(),
            InstitutionId = institution?.Id,
            TokenHash = ConsentReceipt.Hash(secret),
            InvitedAt = clock.GetUtcNow(),
            InvitedBy = user.Actor(),
        };
        db.SyndicateMembers.Add(member);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return ConsultationProblems.Conflict("Already invited.", "A member with this e-mail address is already in the syndicate.");
        }

        return TypedResults.Created($"/api/consultations/syndicate/members/{member.Id}",
            new Response(member.Id, member.Name, member.InstitutionId, institution?.Name, SyndicateToken.Format(member.Id, secret), member.InvitedAt));
    }

    private static bool IsEmail(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Trim().Length <= 254 && MailAddress.TryCreate(value.Trim(), out var address) && address.Address == value.Trim();
}
