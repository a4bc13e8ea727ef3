using System.Diagnostics;
using System.Net;
using Iom.TestSupport;
using Xunit;

namespace Iom.Messaging.Tests.Outages;

/// <summary>
/// A server that goes away (frozen with SIGSTOP, or never there) makes a request a quick 503 with Retry-After — never a
/// 500, never a wait for the drivers' default timeouts — and /health says the truth: 503 while PostgreSQL is away,
/// 200 ("Degraded" Redis) while only the cache is, 200 again once the server is back. Each test starts and freezes
/// servers of its own.
/// </summary>
public sealed class OutageTests
{
    /// <summary>
    /// With a 1 s command timeout and the default 1 s connect timeout a frozen server fails a command after 3 s
    /// (1 + 2 × 1, see DependencyTimeouts); the rest is margin for a loaded test machine.
    /// </summary>
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_frozen_PostgreSQL_is_a_quick_503_with_Retry_After_and_an_unhealthy_health_until_it_thaws()
    {
        var servers = await TestServers.GetAsync();
        await using var postgres = await OwnPostgres.StartAsync();
        await using var host = await ProbeHost.StartAsync(
            postgres.ConnectionString("probe"), servers.Redis, servers.RabbitMq, new Dictionary<string, string?> { ["Dependencies:CommandTimeout"] = "00:00:01" });
        await host.EnsureSchemaAsync();
        using (var before = await host.Client.GetAsync("/probe/database"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        Assert.Equal(200, (await host.HealthAsync()).Status);

        postgres.Freeze();
        try
        {
            var watch = Stopwatch.StartNew();
            using var during = await host.Client.GetAsync("/probe/database");
            watch.Stop();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
            Assert.Equal("application/problem+json", during.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(during.Headers.RetryAfter?.Delta);
            Assert.True(watch.Elapsed < Quick, $"503 after {watch.Elapsed}");

            var health = await host.HealthAsync();
            Assert.Equal(503, health.Status);
            Assert.Equal("Unhealthy", health.Checks["postgres"]);
        }
        finally
        {
            postgres.Thaw();
        }

        await Eventually.TrueAsync(async () => (await host.HealthAsync()).Status == 200, TimeSpan.FromSeconds(20), "health 200 after the thaw");
        using var after = await host.Client.GetAsync("/probe/database");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task PostgreSQL_on_a_closed_port_is_a_503_at_once()
    {
        var servers = await TestServers.GetAsync();
        var closed = $"Host=127.0.0.1;Port={OwnServer.FreePort()};Username=postgres;Password=x;Database=probe";
        await using var host = await ProbeHost.StartAsync(closed, servers.Redis, broker: null);
        using (var first = await host.Client.GetAsync("/probe/database"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode); // also builds EF's model: not timed
        }

        var watch = Stopwatch.StartNew();
        using var response = await host.Client.GetAsync("/probe/database");
        watch.Stop();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.True(watch.Elapsed < Quick, $"503 after {watch.Elapsed}");
        var health = await host.HealthAsync();
        Assert.Equal(503, health.Status);
        Assert.Equal("Unhealthy", health.Checks["postgres"]);
    }

    [Fact]
    public async Task A_frozen_Redis_is_a_quick_503_for_what_needs_it_while_the_service_stays_ready()
    {
        var servers = await TestServers.GetAsync();
        await using var redis = await OwnRedis.StartAsync();
        var database = TestDatabase.NewConnectionString(servers.Postgres, "probe");
        try
        {
            await using var host = await ProbeHost.StartAsync(database, redis.ConnectionString, servers.RabbitMq);
            await host.EnsureSchemaAsync();
            using (var before = await host.Client.GetAsync("/probe/cache"))
            {
                Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            }

            redis.Freeze();
            try
            {
                var watch = Stopwatch.StartNew();
                using var during = await host.Client.GetAsync("/probe/cache");
                watch.Stop();
                Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
                Assert.NotNull(during.Headers.RetryAfter?.Delta);
                Assert.True(watch.Elapsed < Quick, $"503 after {watch.Elapsed}");

                // Redis is a cache: the service still serves what does not need it, and says so.
                using var database503 = await host.Client.GetAsync("/probe/database");
                Assert.Equal(HttpStatusCode.OK, database503.StatusCode);
                var health = await host.HealthAsync();
                Assert.Equal(200, health.Status);
                Assert.Equal("Degraded", health.Checks["redis"]);
                Assert.Equal("Healthy", health.Checks["postgres"]);
                Assert.Equal("Healthy", health.Checks["rabbitmq"]);
            }
            finally
            {
                redis.Thaw();
            }

            await Eventually.TrueAsync(
                async () => (await host.HealthAsync()).Checks["redis"] == "Healthy",
                TimeSpan.FromSeconds(20),
                "Redis healthy after the thaw");
            using var after = await host.Client.GetAsync("/probe/cache");
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        }
        finally
        {
            await TestDatabase.DropAsync(database);
        }
    }
}
