using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Iom.Messaging.Outbox;

/// <summary>
/// Operations' view of parked outbox rows, per service, next to the error queues: GET {prefix}/outbox/parked lists them
/// (oldest first, <c>?limit=</c> up to 1000); POST {prefix}/outbox/parked/resend (all, or <c>?sequence=</c> one) puts
/// them back in the relay's way. Admin only.
/// </summary>
public static class ParkedOutboxEndpoints
{
    public sealed record Resent(int Rows);

    public static IEndpointRouteBuilder MapParkedOutboxAdmin(this IEndpointRouteBuilder app, string prefix)
    {
        var group = app.MapGroup(prefix + "/outbox/parked").WithTags("Operations").RequireAuthorization(SuitePolicies.Admin);
        group.MapGet("/", ListAsync);
        group.MapPost("/resend", ResendAsync);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<ParkedRow>>> ListAsync(int? limit, IParkedOutbox parked, CancellationToken cancellationToken) =>
        TypedResults.Ok(await parked.ListAsync(Math.Clamp(limit ?? 100, 1, 1000), cancellationToken));

    private static async Task<Ok<Resent>> ResendAsync(long? sequence, IParkedOutbox parked, CancellationToken cancellationToken) =>
        TypedResults.Ok(new Resent(await parked.ResendAsync(sequence, cancellationToken)));
}
