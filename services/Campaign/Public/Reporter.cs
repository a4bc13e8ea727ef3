using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Iom.Campaign.Public;

/// <summary>
/// Tells reporters apart without keeping their address: HMAC-SHA256 under Campaign:Reports:ReporterKey of the
/// testimony id and the client address (behind the gateway, from X-Forwarded-For). An IPv6 address counts by its
/// /64 network, as one subscriber usually holds a whole /64. The hash differs per testimony, so reports on two
/// testimonies cannot be linked, and it is erased once a moderator decides (docs/adr/0007-campaign-reports-retention-idempotency.md).
/// </summary>
internal sealed class Reporter(IOptions<ReportOptions> options)
{
    private readonly byte[] key = Encoding.UTF8.GetBytes(options.Value.ReporterKey!);

    public byte[] Hash(Guid testimonyId, IPAddress? address)
    {
        var who = Network(address);
        var data = new byte[16 + who.Length];
        testimonyId.TryWriteBytes(data);
        who.CopyTo(data, 16);
        return HMACSHA256.HashData(key, data);
    }

    private static byte[] Network(IPAddress? address)
    {
        if (address is null)
        {
            return [];
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            Array.Clear(bytes, 8, 8);
        }

        return bytes;
    }
}
