using System.Net;
using Iom.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace Iom.Messaging.Tests.Outages;

/// <summary>
/// Stopping a service (what SIGTERM does: the host's lifetime asks it to stop) lets a request that is being served
/// finish with its answer, and the stop is bounded by the shutdown timeout every process gets from ServiceDefaults.
/// </summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task A_request_in_flight_when_the_service_is_told_to_stop_still_gets_its_answer()
    {
        var servers = await TestServers.GetAsync();
        var database = TestDatabase.NewConnectionString(servers.Postgres, "shutdown");
        try
        {
            await using var host = await ProbeHost.StartAsync(database, servers.Redis, servers.RabbitMq);
            Assert.Equal(ServiceDefaultsExtensions.DefaultShutdownTimeout, host.App.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);

            var inFlight = host.Client.GetAsync("/probe/slow");
            await host.SlowEntered.Task.WaitAsync(TimeSpan.FromSeconds(30));
            host.App.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication(); // as on SIGTERM
            var stopping = host.App.StopAsync();
            Assert.False(inFlight.IsCompleted);

            host.SlowGate.SetResult();
            using var response = await inFlight.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("finished", await response.Content.ReadAsStringAsync());
            await stopping.WaitAsync(ServiceDefaultsExtensions.DefaultShutdownTimeout);
        }
        finally
        {
            await TestDatabase.DropAsync(database);
        }
    }
}
