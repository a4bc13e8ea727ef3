using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Iom.TestSupport;
using Xunit;

namespace Iom.EndToEnd.Tests;

/// <summary>
/// The whole suite, booted from the AppHost as a person runs it — local infrastructure mode (Debian's servers as
/// executables), on free ports and a fresh data folder of its own so it never meets a suite already running.
/// </summary>
public sealed class SuiteFixture : IAsyncLifetime
{
    private DirectoryInfo data = null!;

    public DistributedApplication App { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public int PostgresPort { get; private set; }

    public string PostgresPassword { get; } = "iom-e2e";

    public async Task InitializeAsync()
    {
        data = Directory.CreateTempSubdirectory("iom-e2e-");
        // The servers run as their own users (postgres, rabbitmq) and must be able to reach the folder.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(data.FullName, (UnixFileMode)0b111_101_101);
        }

        var ports = FreePorts(4);
        PostgresPort = ports[0];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            "--Infrastructure:Mode=local",
            $"--Infrastructure:Local:DataDirectory={data.FullName}",
            $"--Infrastructure:Local:PostgresPort={ports[0]}",
            $"--Infrastructure:Local:PostgresPassword={PostgresPassword}",
            $"--Infrastructure:Local:RabbitMqPort={ports[1]}",
            $"--Infrastructure:Local:RedisPort={ports[2]}",
            $"--Gateway:Port={ports[3]}",
            $"--Auth:SigningKey={TestTokens.SigningKey}",
            "--Demo:Enabled=true",
        ]);
        App = await builder.BuildAsync();
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await App.StartAsync(startup.Token);
        foreach (var resource in new[] { "postgres", "rabbitmq", "redis", "registry", "consultations", "campaign", "media", "gateway" })
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, startup.Token);
        }

        Gateway = App.CreateHttpClient("gateway", "http");
    }

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        try
        {
            data.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A server may still be letting go of a file; the folder is in /tmp.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Ports that are free now (and, for RabbitMQ, the two after them for its distribution and epmd).</summary>
    private static int[] FreePorts(int count)
    {
        var ports = new List<int>();
        while (ports.Count < count)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (port < 65000 && !ports.Any(p => Math.Abs(p - port) < 3))
            {
                ports.Add(port);
            }
        }

        return [.. ports];
    }
}

[CollectionDefinition(Name)]
public sealed class SuiteCollection : ICollectionFixture<SuiteFixture>
{
    public const string Name = "suite";
}
