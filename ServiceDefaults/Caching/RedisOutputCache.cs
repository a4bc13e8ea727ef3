using System.ComponentModel.DataAnnotations;
using Iom.ServiceDefaults.Settings;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Iom.ServiceDefaults.Caching;

/// <summary>
/// ASP.NET Core output caching stored in Redis (shared by every replica of a service), for feeds and public
/// listings. Entries carry tags; a consumer of the event that changes a listing evicts its tag through
/// <see cref="IOutputCacheStore.EvictByTagAsync"/>. Cached responses that carry an ETag answer If-None-Match with 304.
/// Needs the "cache" Redis client (builder.AddRedisClient("cache")) and app.UseOutputCache() after authorization.
/// </summary>
public static class RedisOutputCache
{
    public static TBuilder AddRedisOutputCache<TBuilder>(this TBuilder builder, Action<OutputCacheOptions>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        // Each service (and each test host) keeps its entries and tags under its own prefix in the shared Redis.
        var prefix = builder.AddSettings<CacheSettings>(CacheSettings.Section).Prefix ?? builder.Environment.ApplicationName;
        builder.Services.AddStackExchangeRedisOutputCache(options => options.InstanceName = prefix + ":");
        builder.Services.AddOptions<RedisOutputCacheOptions>()
            .Configure<IServiceProvider>((options, services) =>
                options.ConnectionMultiplexerFactory = () => Task.FromResult(services.GetRequiredService<IConnectionMultiplexer>()));
        builder.Services.AddOutputCache(options => configure?.Invoke(options));
        return builder;
    }
}

/// <summary>Cache:Prefix — the prefix of this process's entries and tags in the shared Redis (default: the application's name).</summary>
internal sealed class CacheSettings
{
    public const string Section = "Cache";

    [RegularExpression(@"^\S+$", ErrorMessage = "The prefix must not be empty or contain spaces.")]
    public string? Prefix { get; set; }
}
