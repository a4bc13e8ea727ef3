using Iom.Consultations.Data;
using Iom.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Consultations.Tests;

public sealed class ConsultationsFactory() : ServiceFactory<Program>("consultationsdb")
{
    /// <summary>The service's clock: real time, which a test can move (check-in happens on the consultation's day).</summary>
    public TestClock Clock { get; } = new();

    /// <summary>Runs a query against the service's own database.</summary>
    public async Task<T> QueryAsync<T>(Func<ConsultationsDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ConsultationsDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>System time shifted by an offset; timers still run in real time.</summary>
public sealed class TestClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    /// <summary>Moves the clock to <paramref name="moment"/> until the returned scope is disposed.</summary>
    public IDisposable TravelTo(DateTimeOffset moment)
    {
        Interlocked.Exchange(ref offsetTicks, (moment - System.GetUtcNow()).Ticks);
        return new Return(this);
    }

    private sealed class Return(TestClock clock) : IDisposable
    {
        public void Dispose() => Interlocked.Exchange(ref clock.offsetTicks, 0);
    }
}
