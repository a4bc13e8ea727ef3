namespace Iom.Campaign.Demo;

internal sealed class DemoSeeder : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
}
