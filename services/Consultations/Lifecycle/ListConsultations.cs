using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.Input;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Lifecycle;

/// <summary>Consultations by start date, optionally of one kind or status.</summary>
internal static class ListConsultations
{
    public static async Task<Results<Ok<List<ConsultationResponse>>, ValidationProblem>> HandleAsync(
        string? kind, string? status, ConsultationsDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors().Require(kind is null || ConsultationKinds.IsKnown(kind), "kind", $"Unknown consultation kind '{kind}'.");
        ConsultationStatus? wanted = null;
        if (status is not null)
        {
            wanted = Enum.GetValues<ConsultationStatus>().Cast<ConsultationStatus?>().FirstOrDefault(s => s!.Value.ToWire() == status);
            errors.Require(wanted is not null, "status", $"Unknown status '{status}'.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var query = db.Consultations.AsNoTracking();
        if (kind is not null)
        {
            query = query.Where(c => c.Kind == kind);
        }

        if (wanted is { } s)
        {
            query = query.Where(c => c.Status == s);
        }

        var list = await query.OrderBy(c => c.StartsAt).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(ConsultationResponse.From).ToList());
    }
}
