namespace Iom.Registry.Domain;

/// <summary>Where a partner works: local, national, regional or international.</summary>
public enum OrganizationScope
{
    Local,
    National,
    Regional,
    International,
}

/// <summary>The partner's standing in the registry.</summary>
public enum OrganizationStatus
{
    Active,
    Suspended,
    Archived,
}
