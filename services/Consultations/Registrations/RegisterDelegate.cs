using System.Net.Mail;
using System.Security.Claims;
using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Contracts.Consultations;
using Iom.Data;
using Iom.Messaging;
using Iom.Messaging.Outbox;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Registrations;

/// <summary>
/// A delegate registers for an active partner organisation. With the consultation's row locked: deadline,
/// per-organisation limit, one registration per person, then a seat (ParticipantRegistered) or the waitlist
/// (ParticipantWaitlisted). Concurrent requests queue on the lock, so seats are never overbooked.
/// </summary>
internal static class RegisterDelegate
{
    public sealed record Request(Guid? OrganizationId, string? DelegateName, string? DelegateEmail) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new(Guid.Parse("3f2b8c1e-5a47-4d0e-9b6a-1c2d3e4f5a6b"), "Fatima Haidari", "fatima.haidari@mvn.example.org");
    }

    public static async Task<Results<Created<RegistrationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, ClaimsPrincipal user, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = Validate(request, out var email);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var organizationId = request.OrganizationId!.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Lock order partner → consultation, as the Registry-event consumers do: a suspension arriving now either
        // waits for this registration (and cancels it) or is seen by it.
        var partner = await db.Partners.FromSql($"""SELECT * FROM partners WHERE "Id" = {organizationId} FOR SHARE""").AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var consultation = await db.LockConsultationAsync(id, cancellationToken);
        if (consultation is null)
        {
            return TypedResults.NotFound();
        }

        if (!user.MayActForDelegatesOf(consultation, organizationId))
        {
            return ConsultationAccess.Forbidden(consultation, "register delegates for other organisations");
        }

        var now = clock.GetUtcNow();
        if (consultation.Status == ConsultationStatus.Cancelled)
        {
            return ConsultationProblems.Conflict("The consultation is cancelled.", $"Registrations are refused: the consultation was cancelled ({consultation.CancellationReason}).");
        }

        if (consultation.Status != ConsultationStatus.OpenForRegistration)
        {
            return ConsultationProblems.Conflict("Registration is not open.", $"The consultation is '{consultation.Status.ToWire()}'; delegates register while it is open for registration.");
        }

        if (now > consultation.RegistrationDeadline)
        {
            return ConsultationProblems.Conflict("The registration deadline has passed.", $"Registrations closed at {consultation.RegistrationDeadline:O}.");
        }

        if (partner is null)
        {
            return new ValidationErrors().Add("organizationId", $"Organisation {organizationId} is not a partner known to the Registry.").ToProblem();
        }

        if (partner.Status != PartnerStatus.Active)
        {
            return ConsultationProblems.Conflict("The organisation may not register.", $"The organisation is {partner.Status.ToWire()} in the Registry.");
        }

        var active = db.Registrations.Where(r => r.ConsultationId == id && (r.Status == RegistrationStatus.Registered || r.Status == RegistrationStatus.Waitlisted));
        if (await active.AnyAsync(r => r.DelegateEmail == email, cancellationToken))
        {
            return ConsultationProblems.Conflict("The person is already registered.", "A delegate with this e-mail address already holds a registration for this consultation.");
        }

        if (await active.CountAsync(r => r.OrganizationId == organizationId, cancellationToken) >= consultation.DelegatesPerOrganization)
        {
            return ConsultationProblems.Conflict("The organisation's delegate limit is reached.", $"Each organisation may register at most {consultation.DelegatesPerOrganization} delegate(s).");
        }

        var seated = await active.CountAsync(r => r.Status == RegistrationStatus.Registered, cancellationToken);
        var waiting = await active.CountAsync(r => r.Status == RegistrationStatus.Waitlisted, cancellationToken);
        var registration = new Registration
        {
            Id = Guid.CreateVersion7(),
            ConsultationId = id,
            OrganizationId = organizationId,
            DelegateName = request.DelegateName!.Trim(),
            DelegateEmail = email,
            Status = seated < consultation.Capacity ? RegistrationStatus.Registered : RegistrationStatus.Waitlisted,
            RegisteredAt = now,
        };
        db.Registrations.Add(registration);
        int? position = null;
        if (registration.Status == RegistrationStatus.Registered)
        {
            db.StageEvent(new ParticipantRegistered(registration.Id, id, organizationId, now));
        }
        else
        {
            position = waiting + 1;
            db.StageEvent(new ParticipantWaitlisted(registration.Id, id, organizationId, position.Value));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return ConsultationProblems.Conflict("The person is already registered.", "A delegate with this e-mail address already holds a registration for this consultation.");
        }

        return TypedResults.Created($"/api/consultations/{id}/registrations/{registration.Id}", RegistrationResponse.From(registration, position));
    }

    private static ValidationErrors Validate(Request request, out string email)
    {
        email = request.DelegateEmail?.Trim().ToLowerInvariant() ?? string.Empty;
        var errors = new ValidationErrors();
        errors.Require(request.OrganizationId is not null && request.OrganizationId != Guid.Empty, "organizationId", "The organisation is required.");
        errors.Require(!string.IsNullOrWhiteSpace(request.DelegateName), "delegateName", "The delegate's name is required.");
        errors.Require(request.DelegateName is null || request.DelegateName.Trim().Length <= 200, "delegateName", "The name is longer than 200 characters.");
        errors.Require(email.Length <= 254 && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email, "delegateEmail", "A valid e-mail address is required.");
        return errors;
    }
}
