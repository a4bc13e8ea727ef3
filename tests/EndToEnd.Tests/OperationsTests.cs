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
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var before = await suite.App.ResourceNotifications.WaitForResourceAsync("consultations", e => Pid(e.Snapshot) is not null, timeout.Token);
        var pid = Pid(before.Snapshot)!.Value;

        using (var kill = Process.Start("kill", ["-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(timeout.Token);
        }

        var stopwatch = Stopwatch.StartNew();
        await suite.App.ResourceNotifications.WaitForResourceAsync("consultations", e => e.Snapshot.State?.Text == KnownResourceStates.Exited, timeout.Token);
        var back = await suite.App.ResourceNotifications.WaitForResourceAsync(
            "consultations",
            e => e.Snapshot.State?.Text == KnownResourceStates.Running && Pid(e.Snapshot) is { } p && p != pid,
            timeout.Token);
        await suite.App.ResourceNotifications.WaitForResourceHealthyAsync("consultations", timeout.Token);
        Assert.NotEqual(pid, Pid(back.Snapshot));
        Console.WriteLine($"consultations: killed (pid {pid}), running and healthy again after {stopwatch.Elapsed.TotalSeconds:0.0} s");
    }

    private static bool IsAlarm(string line) =>
        line.Contains("warn:", StringComparison.Ordinal) || line.Contains("fail:", StringComparison.Ordinal) || line.Contains("crit:", StringComparison.Ordinal);

    private static int? Pid(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name is "executable.pid" or "project.pid")?.Value is { } value
        && int.TryParse(value.ToString(), out var pid) ? pid : null;
}
