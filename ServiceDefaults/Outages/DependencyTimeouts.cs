using System.ComponentModel.DataAnnotations;
using Iom.ServiceDefaults.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using StackExchange.Redis;

namespace Iom.ServiceDefaults.Outages;

/// <summary>
/// Short waits for the servers, so an outage is a quick 503 rather than a request hanging for the drivers' defaults
/// (15 s to connect and 30 s per command for Npgsql, 5 s per Redis call). "Dependencies:*" in configuration:
/// ConnectTimeout (default 1 s), CommandTimeout (PostgreSQL, default 5 s), CacheTimeout (Redis, default 1 s).
/// A value already in a connection string that is shorter stays. Measured against a frozen PostgreSQL, a command on
/// an open connection fails after CommandTimeout + 2 × ConnectTimeout (Npgsql then tries to cancel it on a new
/// connection: one connect, one wait) — 7 s with the defaults; a closed port fails at once.
/// </summary>
public sealed class DependencyTimeouts
{
    public const string Section = "Dependencies";

    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan CacheTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Schema migrations at start-up may take longer than a request's command.</summary>
    public static readonly TimeSpan MigrationCommandTimeout = TimeSpan.FromMinutes(5);

    public static DependencyTimeouts From(IConfiguration configuration) =>
        configuration.ReadSettings<DependencyTimeouts>(Section);

    /// <summary>The PostgreSQL connection string with the connect and command timeouts (unless it sets shorter ones).</summary>
    public string ApplyTo(string npgsqlConnectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(npgsqlConnectionString);
        var connect = Seconds(ConnectTimeout);
        var command = Seconds(CommandTimeout);
        if (!builder.ContainsKey("Timeout") || builder.Timeout > connect || builder.Timeout == 0)
        {
            builder.Timeout = connect;
        }

        if (!builder.ContainsKey("Command Timeout") || builder.CommandTimeout > command || builder.CommandTimeout == 0)
        {
            builder.CommandTimeout = command;
        }

        return builder.ConnectionString;
    }

    /// <summary>Redis connections made through Aspire's client: short connect and call timeouts, never abort on a failed connect.</summary>
    internal static void ConfigureRedis(IHostApplicationBuilder builder)
    {
        var timeouts = From(builder.Configuration);
        builder.Services.PostConfigureAll<ConfigurationOptions>(options =>
        {
            var connect = (int)timeouts.ConnectTimeout.TotalMilliseconds;
            var call = (int)timeouts.CacheTimeout.TotalMilliseconds;
            options.ConnectTimeout = Math.Min(options.ConnectTimeout, connect);
            options.SyncTimeout = Math.Min(options.SyncTimeout, call);
            options.AsyncTimeout = Math.Min(options.AsyncTimeout, call);
            options.AbortOnConnectFail = false;
        });
    }

    private static int Seconds(TimeSpan value) => Math.Max(1, (int)Math.Ceiling(value.TotalSeconds));
}
