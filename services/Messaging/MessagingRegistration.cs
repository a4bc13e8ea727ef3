using Iom.Messaging.ErrorQueues;
using Iom.Messaging.Outbox;
using Iom.ServiceDefaults.Data;
using Iom.ServiceDefaults.Outages;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Iom.Messaging;

/// <summary>How a service gets its database (with the outbox) and its bus (with the relay). One line each in Program.cs.</summary>
public static class MessagingRegistration
{
    /// <summary>Connection string name of the broker.</summary>
    public const string BrokerConnectionName = "messaging";

    /// <summary>
    /// The service's own PostgreSQL database through EF Core, with the after-commit hook (which also wakes the relay), Aspire's health
    /// check and telemetry. No retrying execution strategy: consumers and the relay use explicit transactions,
    /// and MassTransit's retry covers transient failures.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TDbContext>(this IHostApplicationBuilder builder, string connectionName)
        where TDbContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured.");
        // Short connect and command timeouts: a database that is away is a quick 503, not a request hanging 30 s.
        connectionString = DependencyTimeouts.From(builder.Configuration).ApplyTo(connectionString);
        builder.Services.TryAddSingleton(new DatabaseLock(connectionString));
        builder.Services.TryAddSingleton<OutboxSignal>();
        builder.Services.TryAddSingleton<AfterCommitInterceptor>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddDbContext<TDbContext>((sp, options) => options
            .UseNpgsql(connectionString)
            // EF writes an error line for every connection that fails to open and every query that fails while it
            // reads, before the exception reaches our code — which then says what it means at its real level: a 503
            // with a warning (OutageExceptionHandler), a relay pass that logs and retries, a consumer retry and then the
            // error queue (the queue monitor warns), a bug as ASP.NET's or MassTransit's error line. Those two events
            // (only them: EF's other query warnings stay) were red counts in the dashboard on every crowded start.
            .ConfigureWarnings(w => w.Log((RelationalEventId.ConnectionError, LogLevel.Debug), (CoreEventId.QueryIterationFailed, LogLevel.Debug)))
            .AddInterceptors(sp.GetRequiredService<AfterCommitInterceptor>()));
        builder.EnrichNpgsqlDbContext<TDbContext>(settings => settings.DisableRetry = true);
        return builder;
    }

    /// <summary>
    /// MassTransit on RabbitMQ (publisher confirms on), queues named "{service}-{consumer}", and the outbox
    /// relay for <typeparamref name="TDbContext"/>. Consumers and their definitions are added by the caller.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TDbContext>(this IHostApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator>? consumers = null)
        where TDbContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(BrokerConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{BrokerConnectionName} is not configured.");
        var prefix = builder.Configuration["Messaging:QueuePrefix"] ?? serviceName;

        builder.Services.AddOptions<OutboxOptions>().BindConfiguration("Messaging:Outbox");
        builder.Services.TryAddSingleton<MessagingTelemetry>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        var consumerQueues = new ConsumerQueues();
        builder.Services.AddSingleton(consumerQueues);
        builder.Services.AddSingleton(new ErrorQueueReplay(connectionString));
        builder.Services.AddSingleton<IParkedOutbox, ParkedOutbox<TDbContext>>();
        builder.Services.AddSingleton<Monitoring.QueueMonitor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Monitoring.QueueMonitor>());
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(prefix, includeNamespace: false));
            consumers?.Invoke(bus);
            bus.AddConfigureEndpointsCallback((name, _) => consumerQueues.Add(name));
            // Once for every endpoint: the standard retry, and a consumer whose database is away pauses instead of
            // parking messages in _error. Consumers are registered by assembly, with no definitions repeating these.
            var retry = builder.Configuration.GetSection("Messaging:Retry").Get<ConsumerRetryOptions>() ?? new ConsumerRetryOptions();
            bus.AddConfigureEndpointsCallback((_, endpoint) => endpoint.UseStandardRetry(retry));
            bus.AddConfigureEndpointsCallback((_, endpoint) => endpoint.PauseWhileDatabaseIsAway());
            if (builder.Configuration.GetValue("Messaging:TemporaryQueues", false))
            {
                // Test hosts: their queues go away with them instead of collecting copies of every later event.
                bus.AddConfigureEndpointsCallback((_, endpoint) =>
                {
                    if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                    {
                        rabbit.AutoDelete = true;
                        rabbit.Durable = false;
                    }
                });
            }

            bus.UseQuorumQueues(builder.Configuration);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString), host =>
                {
                    host.PublisherConfirmation = true;
                    // A frozen broker accepts TCP but never answers: give up on a connection attempt after 5 s, not 10.
                    host.RequestedConnectionTimeout(TimeSpan.FromSeconds(5));
                    host.UseClusterNodes(builder.Configuration);
                });
                // Consumers and the relay try again every 0.25–0.5 s (plus MassTransit's 1 s breather), so they are back
                // within seconds of the broker's return, not up to 30 s (BrokerReconnect.cs; FaultRecoveryTests).
                rabbit.ReconnectWithin(TimeSpan.FromMilliseconds(500));
                EnvelopeWithoutHost.Apply(rabbit);
                rabbit.ConfigureEndpoints(context);
            });
        });
        // Start serving only once the bus is connected and every consumer's queue is bound, so nothing published
        // right after start-up is lost for lack of a binding.
        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            options.WaitUntilStarted = true;
            options.StartTimeout = TimeSpan.FromMinutes(2);
            options.StopTimeout = TimeSpan.FromSeconds(15);
        });
        BrokerHealthCheck.Register(builder.Services);
        builder.Services.AddHostedService<OutboxRelay<TDbContext>>();
        builder.Services.AddOptions<MessageRetentionOptions>().BindConfiguration("Messaging:Retention");
        builder.Services.AddSingleton<MessageRetention<TDbContext>>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MessageRetention<TDbContext>>());
        return builder;
    }

    /// <summary>Applies the service's migrations (creating its database if needed) before it serves requests.</summary>
    public static async Task MigrateDatabaseAsync<TDbContext>(this IHost host, CancellationToken cancellationToken = default)
        where TDbContext : DbContext
    {
        // The requests' short connect timeout (Dependencies:ConnectTimeout) is for answering 503 quickly; at start-up a
        // busy or just-started server gets a minute, in attempts, before the process gives up.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await MigrateOnceAsync<TDbContext>(host, cancellationToken);
                return;
            }
            catch (NpgsqlException ex) when (ex.IsTransient && attempt < 12 && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
            }
        }
    }

    private static async Task MigrateOnceAsync<TDbContext>(IHost host, CancellationToken cancellationToken)
        where TDbContext : DbContext
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        db.Database.SetCommandTimeout(DependencyTimeouts.MigrationCommandTimeout);
        await CreateDatabaseIfMissingAsync(db.Database.GetConnectionString(), cancellationToken);
        // Replicas started together (cluster mode, Gateway-style WithReplicas) would each apply the same migration: one
        // wins, the other fails on "column already exists" and exits. A session lock on the database lets one migrate
        // while the others wait, then find nothing left to apply. Closing the connection releases it, also on a crash.
        await using var migrationLock = await new DatabaseLock(db.Database.GetConnectionString()!)
            .AcquireAsync(DatabaseLock.Migrations, DependencyTimeouts.MigrationCommandTimeout, cancellationToken);

        // EF reads its history table before creating it, and logs that first failed read as an error on every new
        // database; the table (EF's own definition for Npgsql) is created first so a first start logs no false alarm.
        await db.Database.ExecuteSqlRawAsync(
            """CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" ("MigrationId" character varying(150) NOT NULL, "ProductVersion" character varying(32) NOT NULL, CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY ("MigrationId"))""",
            cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>
    /// On a first start the database does not exist yet; creating it here, quietly, spares the log the error EF writes
    /// when its existence probe fails. Where the account may not do this (external servers), migration still decides.
    /// </summary>
    private static async Task CreateDatabaseIfMissingAsync(string? connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(target.Database))
        {
            return;
        }

        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false, Timeout = 15 };
        try
        {
            await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", target.Database);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.InvalidCatalogName)
        {
            // Another replica created it first (two CREATE DATABASE at once: 23505 on pg_database), or this account may
            // not: MigrateAsync takes it from here.
        }
    }
}
