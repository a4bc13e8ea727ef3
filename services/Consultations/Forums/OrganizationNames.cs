using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Forums;

/// <summary>The partner names of the organisations behind a set of contributions (from the Registry read model).</summary>
internal static class OrganizationNames
{
    public static async Task<Dictionary<Guid, string>> LoadAsync(ConsultationsDbContext db, IEnumerable<ForumContribution> contributions, CancellationToken cancellationToken)
    {
        var ids = contributions.Select(c => c.OrganizationId).OfType<Guid>().Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Partners.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
    }
}
