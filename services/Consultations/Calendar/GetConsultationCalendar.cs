using System.Text;
using Iom.Consultations.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Calendar;

/// <summary>One consultation as an .ics file for participants' calendars.</summary>
internal static class GetConsultationCalendar
{
    public static async Task<Results<FileContentHttpResult, NotFound>> HandleAsync(Guid id, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is null)
        {
            return TypedResults.NotFound();
        }

        var ics = IcsCalendar.Write([consultation], clock.GetUtcNow(), consultation.Title);
        return TypedResults.File(Encoding.UTF8.GetBytes(ics), IcsCalendar.ContentType, $"consultation-{id}.ics");
    }
}
