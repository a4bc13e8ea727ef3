using System.Text;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Calendar;

/// <summary>The public feed of upcoming consultations (announced, not yet over), for anyone's calendar application.</summary>
internal static class GetPublicCalendar
{
    public static async Task<FileContentHttpResult> HandleAsync(ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var upcoming = await db.Consultations.AsNoTracking()
            .Where(c => c.EndsAt >= now && (c.Status == ConsultationStatus.OpenForRegistration || c.Status == ConsultationStatus.RegistrationClosed))
            .OrderBy(c => c.StartsAt).Take(500).ToListAsync(cancellationToken);
        var ics = IcsCalendar.Write(upcoming, now, "IOM consultations with civil society");
        return TypedResults.File(Encoding.UTF8.GetBytes(ics), IcsCalendar.ContentType, "iom-consultations.ics");
    }
}
