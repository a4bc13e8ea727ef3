using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Iom.Messaging.ErrorQueues;

/// <summary>
/// Operations' view of failed messages, per service: GET {prefix}/error-queues lists each consumer queue with
/// the number of messages in its error queue; POST {prefix}/error-queues/{queue}/replay moves them back. Admin only.
/// </summary>
public static class ErrorQueueEndpoints
{
    public sealed record ErrorQueue(string Queue, uint Failed);

    public sealed record Replayed(string Queue, int Moved);

    public static IEndpointRouteBuilder MapErrorQueueAdmin(this IEndpointRouteBuilder app, string prefix)
    {
        var group = app.MapGroup(prefix + "/error-queues").WithTags("Operations").RequireAuthorization(SuitePolicies.Admin);
        group.MapGet("/", ListAsync);
        group.MapPost("/{queue}/replay", ReplayAsync);
        return app;
    }

    private static async Task<Ok<List<ErrorQueue>>> ListAsync(ConsumerQueues queues, ErrorQueueReplay replay, CancellationToken cancellationToken)
    {
        var list = new List<ErrorQueue>();
        foreach (var queue in queues.Names)
        {
            list.Add(new ErrorQueue(queue, await replay.CountAsync(queue, cancellationToken)));
        }

        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<Replayed>, NotFound>> ReplayAsync(string queue, int? limit, ConsumerQueues queues, ErrorQueueReplay replay, CancellationToken cancellationToken)
    {
        if (!queues.Contains(queue))
        {
            return TypedResults.NotFound();
        }

        var moved = await replay.ReplayAsync(queue, Math.Clamp(limit ?? 1000, 1, 10_000), cancellationToken);
        return TypedResults.Ok(new Replayed(queue, moved));
    }
}
