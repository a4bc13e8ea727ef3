using Microsoft.AspNetCore.OutputCaching;

namespace Iom.Consultations.Calendar;

/// <summary>The public feed is served from the Redis output cache; a use case that changes what it lists evicts it.</summary>
internal static class PublicCalendar
{
    public const string CacheTag = "consultations-public-calendar";

    public static async Task EvictAsync(IOutputCacheStore cache, CancellationToken cancellationToken) =>
        await cache.EvictByTagAsync(CacheTag, cancellationToken);
}
