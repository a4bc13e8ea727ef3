using System.Security.Claims;
using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Registrations;

/// <summary>Record attendance on the day: only a seated delegate checks in, around the consultation's dates; checking in twice keeps the first time.</summary>
internal static class CheckInParticipant
{
    public static async Task<Results<Ok<RegistrationResponse>, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, Guid registrationId, ClaimsPrincipal user, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        var registration = consultation is null ? null
            : await db.Registrations.FirstOrDefaultAsync(r => r.Id == registrationId && r.ConsultationId == id, cancellationToken);
        if (consultation is null || registration is null)
        {
            return TypedResults.NotFound();
        }

        if (!user.MayManage(consultation))
        {
            return ConsultationAccess.Forbidden(consultation, "check participants in");
        }

        if (consultation.Status is not (ConsultationStatus.OpenForRegistration or ConsultationStatus.RegistrationClosed or ConsultationStatus.Held))
        {
            return ConsultationProblems.Conflict("Check-in is not possible now.", $"The consultation is '{consultation.Status.ToWire()}'.");
        }

        if (registration.Status != RegistrationStatus.Registered)
        {
            return ConsultationProblems.Conflict("Only a registered delegate checks in.", $"This registration is {registration.Status.ToWire()}.");
        }

        var now = clock.GetUtcNow();
        // "On the day": from the day before the start to the day after the end (time zones, late arrivals).
        if (registration.CheckedInAt is null && (now < consultation.StartsAt.AddDays(-1) || now > consultation.EndsAt.AddDays(1)))
        {
            return ConsultationProblems.Conflict("Check-in happens on the day.", $"The consultation runs from {consultation.StartsAt:O} to {consultation.EndsAt:O}.");
        }

        registration.CheckedInAt ??= now;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(RegistrationResponse.From(registration));
    }
}
