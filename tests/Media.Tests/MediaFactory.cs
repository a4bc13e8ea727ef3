using System.Collections.Concurrent;
using System.Data.Common;
using Iom.Media.Data;
using Iom.Media.Feeds;
using Iom.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Media.Tests;

public class MediaFactory : ServiceFactory<Program>
{
    public MediaFactory()
        : base("mediadb")
    {
        Set("Media:RedisPrefix", $"{QueuePrefix}:");
        Set("Media:Scheduler:Interval", "00:00:00.500");
        Set("Media:FetchLog:FlushInterval", "00:00:00.200");
    }

    /// <summary>Every SQL command the host ran, for "no feed query on a 304" assertions.</summary>
    public CommandLog Commands { get; } = new();

    /// <summary>Runs a query against the service's own database.</summary>
    public async Task<T> QueryAsync<T>(Func<MediaDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<MediaDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
            services.ConfigureDbContext<MediaDbContext>((_, options) => options.AddInterceptors(Commands)));
    }
}

/// <summary>A media host that leaves testimony stories as drafts and requires training for embargo access.</summary>
public sealed class StrictMediaFactory : MediaFactory
{
    public StrictMediaFactory()
    {
        Set("Media:AutoPublishTestimonies", "false");
        Set("Media:Embargo:RequireTraining", "true");
    }
}

public sealed class CommandLog : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> commands = new();

    public int CountFeedQueries() => commands.Count(c => c.Contains(FeedItems.QueryTag, StringComparison.Ordinal));

    /// <summary>Commands that read the feed keys (the key check's lookup).</summary>
    public int CountKeyLookups() => commands.Count(c => c.Contains("FROM feed_keys", StringComparison.Ordinal));

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        commands.Enqueue(command.CommandText);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}

/// <summary>A media host with small abuse limits: 5 refused keys per address and minute, 2 streams per key, 3 in total.</summary>
public sealed class LimitedMediaFactory : MediaFactory
{
    public LimitedMediaFactory()
    {
        Set("Media:Feeds:Limits:InvalidKeysPerWindow", "5");
        Set("Media:Feeds:Limits:StreamsPerKey", "2");
        Set("Media:Feeds:Limits:StreamsTotal", "3");
    }
}

/// <summary>A media host with the demo data on.</summary>
public sealed class DemoMediaFactory : MediaFactory
{
    public DemoMediaFactory()
    {
        Set("Demo:Enabled", "true");
        Set("Demo:PartnerWaitSeconds", "0");
    }
}
