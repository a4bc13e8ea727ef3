using System.Diagnostics;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;
using Testcontainers.Redis;

namespace Iom.TestSupport;

/// <summary>
/// Connection strings of the real servers the integration tests use; <paramref name="RabbitMqManagement"/> is the
/// broker's management API (http), through which <see cref="BrokerNamespace"/> gives a test host a virtual host of its own.
/// </summary>
public sealed record ServerConnections(string Postgres, string RabbitMq, string Redis, string? RabbitMqManagement = null);

/// <summary>
/// Real PostgreSQL, RabbitMQ and Redis for integration tests, started once per test assembly:
/// the servers named by IOM_TEST_POSTGRES / IOM_TEST_RABBITMQ / IOM_TEST_REDIS (started by scripts/test.sh),
/// else Testcontainers where a container engine answers. Never an in-memory stand-in.
/// </summary>
public static class TestServers
{
    private const int ManagementPort = 15672;
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static ServerConnections? connections;

    public static async Task<ServerConnections> GetAsync()
    {
        if (connections is not null)
        {
            return connections;
        }

        await Gate.WaitAsync();
        try
        {
            return connections ??= FromEnvironment() ?? await StartContainersAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static ServerConnections? FromEnvironment()
    {
        var pg = Environment.GetEnvironmentVariable("IOM_TEST_POSTGRES");
        var rabbit = Environment.GetEnvironmentVariable("IOM_TEST_RABBITMQ");
        var redis = Environment.GetEnvironmentVariable("IOM_TEST_REDIS");
        var management = Environment.GetEnvironmentVariable("IOM_TEST_RABBITMQ_MANAGEMENT");
        return string.IsNullOrEmpty(pg) || string.IsNullOrEmpty(rabbit) || string.IsNullOrEmpty(redis)
            ? null
            : new ServerConnections(pg, rabbit, redis, string.IsNullOrEmpty(management) ? null : management);
    }

    private static async Task<ServerConnections> StartContainersAsync()
    {
        if (!ContainerEngineAnswers())
        {
            throw new InvalidOperationException(
                "No test servers: set IOM_TEST_POSTGRES, IOM_TEST_RABBITMQ and IOM_TEST_REDIS (scripts/test.sh starts Debian's servers and sets them), or run where a container engine answers.");
        }

        var pg = new PostgreSqlBuilder("postgres:15").Build();
        var rabbit = new RabbitMqBuilder("rabbitmq:3.12-management").WithPortBinding(ManagementPort, true).Build();
        var redis = new RedisBuilder("redis:7").Build();
        await Task.WhenAll(pg.StartAsync(), rabbit.StartAsync(), redis.StartAsync());
        return new ServerConnections(
            pg.GetConnectionString(), rabbit.GetConnectionString(), redis.GetConnectionString(), $"http://{rabbit.Hostname}:{rabbit.GetMappedPublicPort(ManagementPort)}");
    }

    private static bool ContainerEngineAnswers()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("docker", "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null || !process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
