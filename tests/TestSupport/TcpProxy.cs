using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Iom.TestSupport;

/// <summary>
/// A loopback TCP forwarder in front of a real server, so a test can take that server away from one client and give it
/// back (<see cref="Cut"/> refuses new connections and drops the open ones; <see cref="Restore"/> accepts again on the
/// same port) without stopping the server the other tests share.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly string targetHost;
    private readonly int targetPort;
    private readonly ConcurrentDictionary<TcpClient, byte> open = new();
    private TcpListener? listener;
    private CancellationTokenSource? accepting;

    private TcpProxy(string targetHost, int targetPort)
    {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    public int Port { get; private set; }

    public static TcpProxy Start(string targetHost, int targetPort)
    {
        var proxy = new TcpProxy(targetHost, targetPort);
        proxy.Listen(0);
        return proxy;
    }

    /// <summary>The server is "away" for this client: new connections are refused, open ones are dropped.</summary>
    public void Cut()
    {
        accepting?.Cancel();
        listener?.Stop();
        listener = null;
        foreach (var client in open.Keys)
        {
            client.Close();
        }

        open.Clear();
    }

    /// <summary>The server is back, on the same port.</summary>
    public void Restore() => Listen(Port);

    private void Listen(int port)
    {
        var next = new TcpListener(IPAddress.Loopback, port);
        next.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        next.Start();
        listener = next;
        Port = ((IPEndPoint)next.LocalEndpoint).Port;
        accepting = new CancellationTokenSource();
        _ = AcceptAsync(next, accepting.Token);
    }

    private async Task AcceptAsync(TcpListener from, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await from.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = PipeAsync(inbound);
        }
    }

    private async Task PipeAsync(TcpClient inbound)
    {
        var outbound = new TcpClient();
        open.TryAdd(inbound, 0);
        open.TryAdd(outbound, 0);
        try
        {
            await outbound.ConnectAsync(targetHost, targetPort);
            var a = inbound.GetStream();
            var b = outbound.GetStream();
            await Task.WhenAny(a.CopyToAsync(b), b.CopyToAsync(a));
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // One side went away (or was cut): close both.
        }
        finally
        {
            inbound.Close();
            outbound.Close();
            open.TryRemove(inbound, out _);
            open.TryRemove(outbound, out _);
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
