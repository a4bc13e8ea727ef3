using MassTransit;

namespace Iom.TestSupport;

/// <summary>
/// Publishes integration events onto the real broker the way another service would (MassTransit, same
/// exchanges), so a test can drive a consumer without the publishing service. Pass a message id to send the
/// same message twice (a redelivery).
/// </summary>
public sealed class TestBus : IAsyncDisposable
{
    private readonly IBusControl bus;

    private TestBus(IBusControl bus) => this.bus = bus;

    public static async Task<TestBus> StartAsync(string rabbitUri)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(rabbitUri), h => h.PublisherConfirmation = true));
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        return new TestBus(bus);
    }

    public async Task<Guid> PublishAsync<T>(T message, Guid? messageId = null) where T : class
    {
        var id = messageId ?? Guid.NewGuid();
        await bus.Publish(message, ctx => ctx.MessageId = id);
        return id;
    }

    public async ValueTask DisposeAsync() => await bus.StopAsync();
}
