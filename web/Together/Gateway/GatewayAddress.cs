using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Iom.Together.Gateway;

/// <summary>
/// The front calls the suite only through the gateway's public routes, like any client: the address is the
/// gateway's name for service discovery ("http://gateway"), or any URL in Together:Gateway.
/// </summary>
internal static class GatewayAddress
{
    public static void Configure(IServiceProvider services, HttpClient client)
    {
        client.BaseAddress = services.GetRequiredService<IOptions<TogetherSettings>>().Value.Gateway;
        client.Timeout = TimeSpan.FromSeconds(30);
    }
}

/// <summary>Together:Gateway — the gateway's address (default "http://gateway", its name for service discovery).</summary>
internal sealed class TogetherSettings
{
    public const string Section = "Together";

    [Required]
    public Uri Gateway { get; set; } = new("http://gateway");
}
