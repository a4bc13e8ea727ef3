using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.Input;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Agenda;

internal static class Speakers
{
    /// <summary>Loads the registrations to seat as speakers: each must be a registered (not waitlisted) participant of this consultation.</summary>
    public static async Task<(List<Registration> Speakers, ValidationErrors Errors)> LoadAsync(
        ConsultationsDbContext db, Guid consultationId, IReadOnlyCollection<Guid> registrationIds, string field, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var found = await db.Registrations
            .Where(r => r.ConsultationId == consultationId && registrationIds.Contains(r.Id) && r.Status == RegistrationStatus.Registered)
            .ToListAsync(cancellationToken);
        foreach (var missing in registrationIds.Except(found.Select(r => r.Id)))
        {
            errors.Add(field, $"{missing} is not a registered participant of this consultation.");
        }

        return (found, errors);
    }

    public static async Task<SessionResponse> ToResponseAsync(ConsultationsDbContext db, AgendaSession session, CancellationToken cancellationToken)
    {
        var ids = session.SpeakerRegistrationIds;
        var people = await db.Registrations.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        return new SessionResponse(session.Id, session.Title, session.Format, session.StartsAt, session.EndsAt,
            ids.Where(people.ContainsKey).Select(i => new SpeakerResponse(i, people[i].OrganizationId, people[i].DelegateName)).ToList());
    }
}
