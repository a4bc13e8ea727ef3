using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Iom.Gateway.FrontDoor;
using Iom.ServiceDefaults.Security;
using Iom.ServiceDefaults.Settings;
using Microsoft.AspNetCore.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Iom.Gateway.RateLimiting;

/// <summary>
/// Rate limits shared by every gateway replica: each partition is a fixed window counted atomically in Redis
/// (one Lua script per request), so two replicas together admit no more than the limit. Routes name a policy:
/// <see cref="PerCaller"/>, <see cref="FeedKey"/> or <see cref="AnonymousSubmission"/>. A refusal is a 429
/// ProblemDetails with Retry-After. If Redis cannot be reached, each replica falls back to an in-memory window
/// with the same limit (logged), rather than failing every request.
/// </summary>
internal static partial class GatewayRateLimiting
{
    public const string PerCaller = "per-caller";
    public const string FeedKey = "feed-key";
    public const string AnonymousSubmission = "anonymous-submission";

    public const string FeedKeyHeader = "X-Feed-Key";
    public const string FeedKeyQuery = "key";

    public static WebApplicationBuilder AddGatewayRateLimiting(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.AddSettings<RateLimitSettings>(RateLimitSettings.Section);
        builder.Services.AddSingleton(sp => new LocalFallbackLimiter(sp.GetRequiredService<ILogger<LocalFallbackLimiter>>(), settings, sp.GetService<TimeProvider>()));
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PerCaller, context => Partition(context, settings, PerCaller, settings.PerCaller, CallerOf(context)));
            options.AddPolicy(FeedKey, context => Partition(context, settings, FeedKey, settings.FeedKey, FeedKeyOf(context) ?? "ip:" + ClientAddress(context)));
            options.AddPolicy(AnonymousSubmission, context => Partition(context, settings, AnonymousSubmission, settings.AnonymousSubmission, "ip:" + ClientAddress(context)));
            options.OnRejected = RejectAsync;
        });
        return builder;
    }

    /// <summary>The token's subject when there is a valid one, else the client's address.</summary>
    public static string CallerOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.Identity?.IsAuthenticated == true && context.User.FindFirst(SuiteClaims.Subject)?.Value is { Length: > 0 } subject
            ? "sub:" + subject
            : "ip:" + ClientAddress(context);
    }

    /// <summary>A hash of the feed key (keys are secrets: they are not written to Redis as they are).</summary>
    public static string? FeedKeyOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = context.Request.Headers[FeedKeyHeader].ToString();
        if (string.IsNullOrEmpty(key))
        {
            key = context.Request.Query[FeedKeyQuery].ToString();
        }

        return string.IsNullOrEmpty(key)
            ? null
            : "key:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
    }

    /// <summary>The client's address (after trusted forwarded headers); an IPv6 client counts by its /64 network.</summary>
    public static string ClientAddress(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitSettings settings, string policy, WindowLimit limit, string who)
    {
        var key = $"{settings.KeyPrefix}:{policy}:{who}";
        var services = context.RequestServices;
        return RateLimitPartition.Get(key, partitionKey => new RedisOrLocalLimiter(
            new RedisFixedWindowRateLimiter<string>(partitionKey, new RedisFixedWindowRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => services.GetRequiredService<IConnectionMultiplexer>(),
                PermitLimit = limit.PermitLimit,
                Window = limit.Window,
            }),
            partitionKey,
            limit,
            services.GetRequiredService<LocalFallbackLimiter>()));
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var seconds = rejected.Lease.TryGetMetadata(RateLimitMetadataName.RetryAfter, out var redisSeconds) ? redisSeconds
            : rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds)
            : 60;
        seconds = Math.Max(1, seconds);
        var context = rejected.HttpContext;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await GatewayProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests.", $"Try again in {seconds} seconds.");
    }
}
