namespace Iom.Together.Gateway;

/// <summary>
/// The front calls the suite only through the gateway's public routes, like any client: the address is the
/// gateway's name for service discovery ("http://gateway"), or any URL in Together:Gateway.
/// </summary>
public static class GatewayAddress
{
    public static void Configure(IServiceProvider services, HttpClient client)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        client.BaseAddress = new Uri(configuration["Together:Gateway"] ?? "http://gateway");
        client.Timeout = TimeSpan.FromSeconds(30);
    }
}
