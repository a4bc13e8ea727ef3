using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Iom.TestSupport;
using Xunit;

namespace Iom.EndToEnd.Tests;

/// <summary>
/// The whole suite, booted from the AppHost as a person runs it — local infrastructure mode (Debian's servers as
/// executables), on free ports and a fresh data folder of its own so it never meets a suite already running.
/// </summary>
public sealed class SuiteFixture : IAsyncLifetime
{
    private DirectoryInfo? data;

    public DistributedApplication App { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public int PostgresPort { get; private set; }

    public string PostgresPassword { get; } = "iom-e2e";

    public async Task InitializeAsync()
    {
        // A server that cannot start (a port taken between our check and its bind) gets one more try on other ports,
        // with what the servers logged in the failure if it happens twice.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartSuiteAsync();
                return;
            }
            catch (Exception ex) when (attempt < 2 && ex is OperationCanceledException or TimeoutException or DistributedApplicationException)
            {
                await StopSuiteAsync();
            }
            catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or DistributedApplicationException)
            {
                var logs = await RecentLogsAsync();
                await StopSuiteAsync();
                throw new TimeoutException($"The suite did not become healthy twice. Recent server logs:\n{logs}", ex);
            }
        }
    }

    private async Task StartSuiteAsync()
    {
        data = Directory.CreateTempSubdirectory("iom-e2e-");
        // The servers run as their own users (postgres, rabbitmq) and must be able to reach the folder.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(data.FullName, (UnixFileMode)0b111_101_101);
        }

        var ports = FreePorts(4);
        PostgresPort = ports[0];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            "--Infrastructure:Mode=local",
            $"--Infrastructure:Local:DataDirectory={data.FullName}",
            $"--Infrastructure:Local:PostgresPort={ports[0]}",
            $"--Infrastructure:Local:PostgresPassword={PostgresPassword}",
            $"--Infrastructure:Local:RabbitMqPort={ports[1]}",
            $"--Infrastructure:Local:RedisPort={ports[2]}",
            $"--Gateway:Port={ports[3]}",
            $"--Auth:SigningKey={TestTokens.SigningKey}",
            "--Demo:Enabled=true",
            // All test traffic comes from one address; the browser tests send more than a person would in a minute.
            "--Gateway:Settings:RateLimits:AnonymousSubmission:PermitLimit=500",
            // The services' 1 s budgets to connect to PostgreSQL and to answer from Redis are for a quick 503 when a
            // server is frozen. This suite starts eleven processes at once on a machine shared with other test runs
            // (load averages of 15-30 on 2 cores were measured): a new PostgreSQL backend then takes more than 1 s to
            // fork and authenticate, and every first query of the consumers, the outbox relays, the schedulers and the
            // demo seeding failed and logged at start-up; at a load of 54 a consumer waiting its turn on Media's
            // testimony lock (held by the demo data's other event for the same testimony) passed the 5 s command
            // budget. The outage behaviour of the short budgets is tested in the services' own outage tests; here
            // the budgets fit the machine.
            "--Services:Settings:Dependencies:ConnectTimeout=00:00:10",
            "--Services:Settings:Dependencies:CacheTimeout=00:00:05",
            "--Services:Settings:Dependencies:CommandTimeout=00:00:30",
        ]);
        App = await builder.BuildAsync();
        // Three minutes by default; a crowded machine may need more (IOM_E2E_STARTUP_MINUTES).
        var minutes = int.TryParse(Environment.GetEnvironmentVariable("IOM_E2E_STARTUP_MINUTES"), out var m) && m > 0 ? m : 3;
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(minutes));
        await App.StartAsync(startup.Token);
        foreach (var resource in Resources)
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, startup.Token);
        }

        Gateway = App.CreateHttpClient("gateway", "http");
        StartupLogs = await LogsAsync();
    }

    /// <summary>What each server and service wrote to its console until the whole suite was healthy.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> StartupLogs { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The lines each resource has written so far (its console log as DCP keeps it, and the AppHost's lines for it).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> LogsAsync()
    {
        var logs = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var resource in Resources)
        {
            logs[resource] = await LogsAsync(resource);
        }

        return logs;
    }

    /// <summary>
    /// Everything one resource has written so far. ResourceLoggerService.GetAllAsync reads the whole backlog and then
    /// completes; WatchAsync(string) wants the resolved DCP name (e.g. "registry-xkcd") and never completes.
    /// </summary>
    public async Task<IReadOnlyList<string>> LogsAsync(string resourceName)
    {
        var loggers = App.Services.GetRequiredService<ResourceLoggerService>();
        var resource = App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resourceName);
        var lines = new List<string>();
        using var enough = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var batch in loggers.GetAllAsync(resource).WithCancellation(enough.Token))
        {
            lines.AddRange(batch.Select(l => l.Content));
        }

        return lines;
    }

    public static readonly string[] Resources = ["postgres", "rabbitmq", "redis", "registry", "consultations", "campaign", "media", "gateway", "web"];

    /// <summary>The last lines each server and service wrote, for a failure message.</summary>
    private async Task<string> RecentLogsAsync()
    {
        if (App is null)
        {
            return "(the application did not build)";
        }

        var text = new System.Text.StringBuilder();
        foreach (var resource in Resources)
        {
            IReadOnlyList<string> lines;
            try
            {
                lines = await LogsAsync(resource);
            }
            catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
            {
                lines = [$"(logs not readable: {ex.Message})"];
            }

            text.AppendLine($"--- {resource}").AppendJoin('\n', lines.TakeLast(15)).AppendLine();
        }

        return text.ToString();
    }

    private async Task StopSuiteAsync()
    {
        Gateway?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
            App = null!;
        }

        try
        {
            data?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A server may still be letting go of a file; the folder is in /tmp.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public Task DisposeAsync() => StopSuiteAsync();

    /// <summary>
    /// Ports that are free now, each with the two after it (RabbitMQ's distribution and epmd ports), chosen below the
    /// kernel's ephemeral range so no outgoing connection of the other tests can take one in the meantime.
    /// </summary>
    private static int[] FreePorts(int count)
    {
        var ports = new List<int>();
        while (ports.Count < count)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            if (!ports.Any(p => Math.Abs(p - port) < 3) && Enumerable.Range(port, 3).All(IsFree))
            {
                ports.Add(port);
            }
        }

        return [.. ports];
    }

    private static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SuiteCollection : ICollectionFixture<SuiteFixture>
{
    public const string Name = "suite";
}
