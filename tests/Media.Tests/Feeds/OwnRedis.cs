using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Iom.TestSupport;

namespace Iom.Media.Tests.Feeds;

/// <summary>
/// A redis-server of the test's own (Debian's binary, a free loopback port, no persistence), so a test can freeze and
/// thaw it by its pid without touching the shared test Redis.
/// </summary>
public sealed class OwnRedis : IDisposable
{
    private readonly Process process;

    private OwnRedis(Process process, int port)
    {
        this.process = process;
        Connection = $"127.0.0.1:{port}";
    }

    public string Connection { get; }

    public static async Task<OwnRedis> StartAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var process = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var redis = new OwnRedis(process, port);
        await Eventually.TrueAsync(async () =>
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, what: "the test's own redis-server");
        return redis;
    }

    /// <summary>SIGSTOP: the server keeps its connections but answers nothing (as a frozen host would).</summary>
    public void Freeze() => Signal("STOP");

    public void Thaw() => Signal("CONT");

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    public void Dispose()
    {
        Thaw();
        process.Kill();
        process.WaitForExit();
        process.Dispose();
    }
}
