using Iom.Registry.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Iom.Registry.Organizations;

/// <summary>
/// Optimistic concurrency on organisations. A profile update must send If-Match with the ETag from GET:
/// missing → 428 Precondition Required, stale → 412 Precondition Failed. Status changes accept If-Match too
/// but do not require it.
/// </summary>
internal static class Preconditions
{
    public static bool HasIfMatch(HttpRequest request) => request.Headers.IfMatch.Count > 0;

    /// <summary>True when If-Match names the organisation's current version (or is "*").</summary>
    public static bool Matches(HttpRequest request, Organization organization)
    {
        if (!EntityTagHeaderValue.TryParseList(request.Headers.IfMatch, out var tags))
        {
            return false;
        }

        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag.Equals(organization.ETag, StringComparison.Ordinal));
    }

    public static ProblemHttpResult Required() => TypedResults.Problem(
        statusCode: StatusCodes.Status428PreconditionRequired,
        title: "If-Match is required.",
        detail: "Send the ETag from GET /api/registry/organizations/{id} in an If-Match header.");

    public static ProblemHttpResult Failed(Organization organization) => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        title: "The organisation was changed by someone else.",
        detail: $"If-Match does not name the current version; the current ETag is {organization.ETag}. Get it again and reapply your change.");
}
