using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Iom.EndToEnd.Tests;

/// <summary>
/// What an operator sees and does on the running suite: a start that logs no false alarm, the dashboard commands on
/// the service resources (executed like the dashboard does, through ResourceCommandService), and a service killed with
/// SIGKILL coming back by itself.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class OperationsTests(SuiteFixture suite)
{
    private static readonly string[] Services = ["registry", "consultations", "campaign", "media"];

    [Fact]
    public void A_start_of_the_suite_logs_no_warning_or_error_from_the_services_or_the_gateway()
    {
        var alarms = suite.StartupLogs
            .Where(r => Services.Contains(r.Key) || r.Key == "gateway")
            .SelectMany(r => r.Value.Where(IsAlarm).Select(line => $"{r.Key}: {line}"))
            .ToList();
        Assert.True(alarms.Count == 0, "Warnings or errors at start-up:\n" + string.Join('\n', alarms.Take(30)));
        Assert.All(Services, s => Assert.NotEmpty(suite.StartupLogs[s])); // the logs were read at all
    }

    [Fact]
    public void No_resource_asks_for_a_development_certificate_so_the_dashboard_shows_no_certificate_error()
    {
        // Aspire shows "No trusted development certificate" on every dashboard page when a resource serves https or has
        // an HTTPS-certificate callback that is not turned off (DcpHost's check); nothing in the suite serves TLS.
#pragma warning disable ASPIRECERTIFICATES001
        var model = suite.App.Services.GetRequiredService<DistributedApplicationModel>();
        Assert.All(model.Resources, resource =>
        {
            Assert.DoesNotContain(resource.Annotations.OfType<EndpointAnnotation>(), e => e.UriScheme == "https");
            if (resource.Annotations.OfType<HttpsCertificateConfigurationCallbackAnnotation>().Any())
            {
                var certificate = resource.Annotations.OfType<HttpsCertificateAnnotation>().LastOrDefault();
                Assert.True(certificate is { UseDeveloperCertificate: false, Certificate: null }, $"{resource.Name} would ask for a development certificate");
            }
        });
#pragma warning restore ASPIRECERTIFICATES001
    }

    [Fact]
    public void Each_service_resource_carries_the_operators_commands_and_the_gateway_does_not()
    {
        var model = suite.App.Services.GetRequiredService<DistributedApplicationModel>();
        foreach (var resource in model.Resources.OfType<ProjectResource>())
        {
            var commands = resource.Annotations.OfType<ResourceCommandAnnotation>().ToDictionary(c => c.Name);
            if (Services.Contains(resource.Name))
            {
                Assert.Equal("Replay error queues", commands["iom-replay-error-queues"].DisplayName);
                Assert.Equal("Resend parked outbox rows", commands["iom-resend-parked-outbox"].DisplayName);
                Assert.False(string.IsNullOrEmpty(commands["iom-replay-error-queues"].ConfirmationMessage));
                Assert.False(string.IsNullOrEmpty(commands["iom-resend-parked-outbox"].ConfirmationMessage));
            }
            else
            {
                Assert.DoesNotContain("iom-replay-error-queues", commands.Keys);
            }
        }
    }

    [Fact]
    public async Task Replay_error_queues_calls_the_services_admin_endpoint_with_an_admin_token_and_reports_it()
    {
        var commands = suite.App.Services.GetRequiredService<ResourceCommandService>();
        foreach (var service in Services)
        {
            var result = await commands.ExecuteCommandAsync(service, "iom-replay-error-queues");
            Assert.True(result.Success, $"{service}: {result.Message}");
            Assert.StartsWith("No failed messages in ", result.Message, StringComparison.Ordinal); // it listed the queues: the token was accepted
        }
    }

    [Fact]
    public async Task A_service_killed_with_SIGKILL_is_started_again_by_the_AppHost_and_becomes_healthy()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var before = await suite.App.ResourceNotifications.WaitForResourceAsync("consultations", e => Pid(e.Snapshot) is not null, timeout.Token);
        var launcher = Pid(before.Snapshot)!.Value;

        // The resource's pid is the launcher DCP started ("dotnet run --no-build …"); the service itself is its child.
        // Killing the launcher would orphan the service (still serving, still holding its port): kill the service.
        var service = ServiceProcess(launcher, "Iom.Consultations");
        Assert.True(service is not null, $"no Iom.Consultations process under the resource's process {launcher}");
        var stopwatch = Stopwatch.StartNew();
        using (var process = Process.GetProcessById(service.Value))
        {
            process.Kill(); // SIGKILL on Linux
        }

        var ended = await suite.App.ResourceNotifications.WaitForResourceAsync(
            "consultations",
            e => e.Snapshot.State?.Text == KnownResourceStates.Exited || e.Snapshot.State?.Text == KnownResourceStates.Finished,
            timeout.Token);
        Assert.NotEqual(0, ended.Snapshot.ExitCode ?? 0);
        var back = await suite.App.ResourceNotifications.WaitForResourceAsync(
            "consultations",
            e => e.Snapshot.State?.Text == KnownResourceStates.Running && Pid(e.Snapshot) is { } p && p != launcher,
            timeout.Token);
        await suite.App.ResourceNotifications.WaitForResourceHealthyAsync("consultations", timeout.Token);
        Assert.NotNull(ServiceProcess(Pid(back.Snapshot)!.Value, "Iom.Consultations"));
        Assert.Contains(await suite.LogsAsync("consultations"), line => line.Contains("Exited unexpectedly with code", StringComparison.Ordinal));
        Console.WriteLine($"consultations: service pid {service} killed, running and healthy again after {stopwatch.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>The process named <paramref name="name"/> at or under <paramref name="root"/> (from /proc).</summary>
    private static int? ServiceProcess(int root, string name)
    {
        var pending = new Queue<int>([root]);
        while (pending.TryDequeue(out var pid))
        {
            if (File.Exists($"/proc/{pid}/comm") && File.ReadAllText($"/proc/{pid}/comm").Trim() is var comm
                && name.StartsWith(comm, StringComparison.Ordinal))
            {
                return pid;
            }

            foreach (var task in Directory.Exists($"/proc/{pid}/task") ? Directory.GetDirectories($"/proc/{pid}/task") : [])
            {
                var children = Path.Combine(task, "children");
                if (File.Exists(children))
                {
                    foreach (var child in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        pending.Enqueue(int.Parse(child, System.Globalization.CultureInfo.InvariantCulture));
                    }
                }
            }
        }

        return null;
    }

    private static bool IsAlarm(string line)
    {
        // The services write in colour (Aspire asks for ANSI colours even when redirected): "\e[33mwarn\e[39m…: ".
        var plain = System.Text.RegularExpressions.Regex.Replace(line, "\u001b\\[[0-9;]*m", string.Empty);
        return plain.Contains("warn:", StringComparison.Ordinal) || plain.Contains("fail:", StringComparison.Ordinal) || plain.Contains("crit:", StringComparison.Ordinal);
    }

    private static int? Pid(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name is "executable.pid" or "project.pid")?.Value is { } value
        && int.TryParse(value.ToString(), out var pid) ? pid : null;
}
