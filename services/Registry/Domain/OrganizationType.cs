namespace Iom.Registry.Domain;

/// <summary>The kinds of civil-society partner the seed report names.</summary>
public enum OrganizationType
{
    Ngo,
    Cso,
    AcademicInstitution,
    DiasporaOrganisation,
    MigrantOrganisation,
    TradeUnion,
    MediaOrganisation,
    PhilanthropicFoundation,
    NgoConsortium,
}
