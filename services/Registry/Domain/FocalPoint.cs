namespace Iom.Registry.Domain;

/// <summary>
/// A person who acts for a partner organisation. Personal data: shown to staff only, never written to
/// events or logs.
/// </summary>
public sealed class FocalPoint
{
    public Guid Id { get; init; }

    public Guid OrganizationId { get; init; }

    public required string Name { get; set; }

    public string? Role { get; set; }

    public required string Email { get; set; }

    public string? Phone { get; set; }
}
