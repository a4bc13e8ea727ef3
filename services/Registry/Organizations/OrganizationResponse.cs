using Iom.Registry.Domain;

namespace Iom.Registry.Organizations;

public sealed record OrganizationResponse(Guid Id, string Name, string? Acronym, string Type, string Country, DateTimeOffset RegisteredAt)
{
    public static OrganizationResponse From(Organization o) =>
        new(o.Id, o.Name, o.Acronym, o.Type.ToWire(), o.Country, o.RegisteredAt);
}
