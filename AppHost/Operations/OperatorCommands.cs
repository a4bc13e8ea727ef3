using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.AppHost.Operations;

/// <summary>
/// The fixes an operator needs at 3 a.m., as dashboard commands on each service resource. Each asks for confirmation,
/// calls the service's own admin endpoint (with an admin token the AppHost mints) and reports what it did.
/// </summary>
internal static class OperatorCommands
{
    public const string ReplayErrorQueues = "iom-replay-error-queues";
    public const string ResendParkedOutbox = "iom-resend-parked-outbox";

    public static IResourceBuilder<ProjectResource> WithOperatorCommands(this IResourceBuilder<ProjectResource> project)
    {
        var service = project.Resource.Name;
        var admin = $"/api/{service}/admin";
        var configuration = project.ApplicationBuilder.Configuration;
        var endpoint = project.GetEndpoint("http");

        project.WithCommand(
            ReplayErrorQueues,
            "Replay error queues",
            context => RunAsync(context, configuration, endpoint, (client, ct) => ReplayAsync(client, admin, ct)),
            new CommandOptions
            {
                Description = $"Moves every message in {service}'s error queues back to its queue (after the cause is fixed).",
                ConfirmationMessage = $"Move all failed messages of {service} back to their queues?",
                IconName = "ArrowRedo",
                UpdateState = RunningOnly,
            });
        project.WithCommand(
            ResendParkedOutbox,
            "Resend parked outbox rows",
            context => RunAsync(context, configuration, endpoint, (client, ct) => ResendParkedAsync(client, admin, ct)),
            new CommandOptions
            {
                Description = $"Gives {service}'s parked outbox rows (publishing failed too often) back to the relay.",
                ConfirmationMessage = $"Send {service}'s parked outbox rows again?",
                IconName = "MailArrowForward",
                UpdateState = RunningOnly,
            });
        return project;
    }

    private static ResourceCommandState RunningOnly(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.State?.Text == KnownResourceStates.Running ? ResourceCommandState.Enabled : ResourceCommandState.Disabled;

    private static async Task<ExecuteCommandResult> RunAsync(
        ExecuteCommandContext context, IConfiguration configuration, EndpointReference endpoint, Func<HttpClient, CancellationToken, Task<ExecuteCommandResult>> call)
    {
        var token = OperatorToken.Mint(configuration, context.Services.GetService<TimeProvider>() ?? TimeProvider.System);
        if (token is null)
        {
            return CommandResults.Failure("No Auth:SigningKey configured: with an external identity provider, call the admin endpoint with an admin token instead.");
        }

        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(endpoint.Url), Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return await call(client, context.CancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return CommandResults.Failure($"The service did not answer: {ex.Message}");
        }
    }

    private static async Task<ExecuteCommandResult> ReplayAsync(HttpClient client, string admin, CancellationToken cancellationToken)
    {
        using var listed = await client.GetAsync($"{admin}/error-queues", cancellationToken);
        if (!listed.IsSuccessStatusCode)
        {
            return CommandResults.Failure($"Listing the error queues answered {(int)listed.StatusCode}.");
        }

        var queues = await listed.Content.ReadFromJsonAsync<List<ErrorQueue>>(cancellationToken) ?? [];
        var moved = 0;
        var from = new List<string>();
        foreach (var queue in queues.Where(q => q.Failed > 0))
        {
            using var replayed = await client.PostAsync($"{admin}/error-queues/{Uri.EscapeDataString(queue.Queue)}/replay", content: null, cancellationToken);
            if (!replayed.IsSuccessStatusCode)
            {
                return CommandResults.Failure($"Replaying {queue.Queue} answered {(int)replayed.StatusCode} (moved {moved} before).");
            }

            var result = await replayed.Content.ReadFromJsonAsync<Replayed>(cancellationToken);
            moved += result?.Moved ?? 0;
            from.Add($"{queue.Queue} ({result?.Moved ?? 0})");
        }

        return CommandResults.Success(from.Count == 0
            ? $"No failed messages in {queues.Count} error queues."
            : $"Moved {moved} messages back: {string.Join(", ", from)}.");
    }

    private static async Task<ExecuteCommandResult> ResendParkedAsync(HttpClient client, string admin, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsync($"{admin}/outbox/parked/resend", content: null, cancellationToken);
        var body = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        if (body.Length > 300)
        {
            body = body[..300] + "…";
        }

        return response.IsSuccessStatusCode
            ? CommandResults.Success($"Parked outbox rows handed back to the relay: {body}")
            : CommandResults.Failure($"The service answered {(int)response.StatusCode}: {body}");
    }

    private sealed record ErrorQueue(string Queue, uint Failed);

    private sealed record Replayed(string Queue, int Moved);
}
