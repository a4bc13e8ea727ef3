using System.ComponentModel.DataAnnotations;
using Iom.Messaging.ErrorQueues;
using Iom.Messaging.Outbox;
using Iom.ServiceDefaults.Settings;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Iom.Messaging;

/// <summary>How a service gets its bus (with the outbox relay): one line in Program.cs, after Iom.Data's AddServiceDatabase.</summary>
public static class MessagingRegistration
{
    /// <summary>Connection string name of the broker.</summary>
    public const string BrokerConnectionName = "messaging";

    /// <summary>
    /// MassTransit on RabbitMQ (publisher confirms on), queues named "{service}-{consumer}", and the outbox
    /// relay for <typeparamref name="TDbContext"/>. Consumers and their definitions are added by the caller.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TDbContext>(this IHostApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator>? consumers = null)
        where TDbContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(BrokerConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{BrokerConnectionName} is not configured.");
        var settings = builder.AddSettings<MessagingSettings>(MessagingSettings.Section);
        var prefix = settings.QueuePrefix ?? serviceName;
        var retry = builder.AddSettings<ConsumerRetryOptions>(ConsumerRetryOptions.Section);
        var broker = builder.AddSettings<BrokerSettings>(BrokerSettings.Section);

        builder.Services.AddSettings<OutboxOptions>("Messaging:Outbox");
        builder.Services.AddSettings<Monitoring.QueueMonitorSettings>(Monitoring.QueueMonitorSettings.Section);
        // The after-commit hook (which also wakes the relay) on the context Iom.Data's AddServiceDatabase registered.
        builder.Services.TryAddSingleton<OutboxSignal>();
        builder.Services.TryAddSingleton<AfterCommitInterceptor>();
        builder.Services.ConfigureDbContext<TDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<AfterCommitInterceptor>()));
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
            bus.AddConfigureEndpointsCallback((_, endpoint) => endpoint.UseStandardRetry(retry));
            bus.AddConfigureEndpointsCallback((_, endpoint) => endpoint.PauseWhileDatabaseIsAway());
            if (settings.TemporaryQueues)
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

            bus.UseQuorumQueues(broker);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString), host =>
                {
                    host.PublisherConfirmation = true;
                    // A frozen broker accepts TCP but never answers: give up on a connection attempt after 5 s, not 10.
                    host.RequestedConnectionTimeout(TimeSpan.FromSeconds(5));
                    host.UseClusterNodes(broker);
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
        builder.Services.AddSettings<MessageRetentionOptions>("Messaging:Retention");
        builder.Services.AddSingleton<MessageRetention<TDbContext>>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MessageRetention<TDbContext>>());
        return builder;
    }
}

/// <summary>
/// The <c>Messaging</c> section's own keys: <c>QueuePrefix</c> (default: the service's name) starts every queue name;
/// <c>TemporaryQueues</c> (test hosts) makes queues auto-delete with their host.
/// </summary>
internal sealed class MessagingSettings
{
    public const string Section = "Messaging";

    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]*$", ErrorMessage = "A queue prefix is letters, digits, '.', '_' and '-'.")]
    public string? QueuePrefix { get; set; }

    public bool TemporaryQueues { get; set; }
}
