using Microsoft.AspNetCore.Mvc;

namespace Iom.Registry.Organizations;

/// <summary>The query string of the listing and the export (all strings, parsed by hand so a bad value is a 400 naming it).</summary>
public sealed record OrganizationFilterRequest(
    [FromQuery] string? Q,
    [FromQuery] string? Type,
    [FromQuery] string? Country,
    [FromQuery] string? Region,
    [FromQuery] string? Theme,
    [FromQuery] string? Status,
    [FromQuery] string? Observer,
    [FromQuery] string? Limit,
    [FromQuery] string? After);
