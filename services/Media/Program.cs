using Iom.Data;
using Iom.Media;
using Iom.ServiceDefaults.Demo;
using MassTransit;
using Iom.Media.Data;
using Iom.Media.Demo;
using Iom.Media.Feeds;
using Iom.Media.Journalists;
using Iom.Media.Partners;
using Iom.Media.PublicStories;
using Iom.Media.Stories;
using Iom.Media.Training;
using Iom.Messaging;
using Iom.Messaging.ErrorQueues;
using Iom.Messaging.Outbox;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<MediaDbContext>("mediadb");
builder.AddMessaging<MediaDbContext>("media", bus => bus.AddConsumers(typeof(Program).Assembly));
// Redis is a cache here: a command fails at once while the connection is down (not after the 5 s backlog), and
// RedisGuard gives the feed path a short budget per call (docs/adr/0005).
builder.AddRedisClient("cache", configureOptions: options =>
{
    options.AbortOnConnectFail = false;
    options.BacklogPolicy = StackExchange.Redis.BacklogPolicy.FailFast;
});
builder.Services.AddSingleton<RedisNames>();
builder.Services.AddSingleton<RedisGuard>();
builder.Services.AddSingleton<PostgresGeneration>();
builder.Services.AddMediaSettings();
builder.Services.AddSingleton<InvalidKeyLimit>();
builder.Services.AddSingleton<FeedInvalidations>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<FeedInvalidations>());
builder.Services.AddSingleton<FeedKeyValidator>();
builder.Services.AddSingleton<FeedCache>();
builder.Services.AddSingleton<FeedStreamHub>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<FeedStreamHub>());
builder.Services.AddSingleton<FeedNotifier>();
builder.Services.AddScoped<StoryLifecycle>();
builder.Services.AddScoped<FeedItems>();
builder.Services.AddSingleton<FetchLogWriter>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<FetchLogWriter>());
builder.Services.AddSingleton<StoryScheduler>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<StoryScheduler>());
builder.AddDemoSeeder<MediaDemoData>();

var app = builder.Build();
app.UseServiceDefaults();
app.MapJournalists();
app.MapStories();
app.MapTraining();
app.MapMediaPartners();
app.MapFeeds();
app.MapPublicStories();
app.MapErrorQueueAdmin("/api/media/admin");
app.MapParkedOutboxAdmin("/api/media/admin");

await app.RunWithMigrationsAsync<MediaDbContext>(); // Database:Migrations = OnStart (default) | Only | Skip
