using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace Iom.TestSupport;

/// <summary>
/// A RabbitMQ virtual host of a test host's own: its exchanges, queues and bindings are invisible to every other test
/// host, so what a test publishes, consumes or probes is exactly its own and its assertions can be exact. Created
/// and deleted through the broker's management API; hosts that must meet (a cross-service test) share one.
/// </summary>
public static class BrokerNamespace
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The servers with the broker's connection string pointing at a new, empty virtual host.</summary>
    public static async Task<ServerConnections> CreateAsync(ServerConnections servers, string name)
    {
        var management = servers.RabbitMqManagement
            ?? throw new InvalidOperationException("No RabbitMQ management API (IOM_TEST_RABBITMQ_MANAGEMENT): scripts/test.sh starts one.");
        var broker = new Uri(servers.RabbitMq);
        var user = Uri.UnescapeDataString(broker.UserInfo.Split(':')[0]);
        (await SendAsync(HttpMethod.Put, management, broker, $"/api/vhosts/{name}", null)).EnsureSuccessStatusCode();
        (await SendAsync(HttpMethod.Put, management, broker, $"/api/permissions/{name}/{Uri.EscapeDataString(user)}",
            JsonContent.Create(new { configure = ".*", write = ".*", read = ".*" }))).EnsureSuccessStatusCode();
        return servers with { RabbitMq = new UriBuilder(broker) { Path = "/" + name }.Uri.ToString() };
    }

    /// <summary>Deletes the virtual host of these servers' broker connection string, with everything in it.</summary>
    public static async Task DeleteAsync(ServerConnections servers)
    {
        var broker = new Uri(servers.RabbitMq);
        var name = broker.AbsolutePath.Trim('/');
        if (servers.RabbitMqManagement is { } management && name.Length > 0)
        {
            using var response = await SendAsync(HttpMethod.Delete, management, broker, $"/api/vhosts/{name}", null);
        }
    }

    private static Task<HttpResponseMessage> SendAsync(HttpMethod method, string management, Uri broker, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, new Uri(new Uri(management), path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(broker.UserInfo))));
        return Http.SendAsync(request);
    }
}
