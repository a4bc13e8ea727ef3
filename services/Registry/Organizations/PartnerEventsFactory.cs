using Iom.Contracts.Registry;
using Iom.Registry.Data;
using Iom.Registry.Domain;

namespace Iom.Registry.Organizations;

/// <summary>The public profile as events carry it (never focal points), and the audit row written beside each change.</summary>
internal static class PartnerEventsFactory
{
    public static PartnerRegistered Registered(Organization o) =>
        new(o.Id, o.Name, o.Acronym, o.Type.ToWire(), WireNames.ToWire(o.Scope), o.Country, [.. o.CountriesOfOperation], [.. o.Themes], o.RegisteredAt);

    public static PartnerUpdated Updated(Organization o, IReadOnlyList<string> changedFields) =>
        new(o.Id, o.Name, o.Acronym, o.Type.ToWire(), WireNames.ToWire(o.Scope), o.Country, [.. o.CountriesOfOperation], [.. o.Themes], [.. changedFields], o.UpdatedAt);

    public static void Audit(this RegistryDbContext db, Guid organizationId, string actor, string action, IEnumerable<string> fields, DateTimeOffset at) =>
        db.AuditTrail.Add(new AuditEntry { OrganizationId = organizationId, Actor = actor, Action = action, ChangedFields = [.. fields], At = at });
}
