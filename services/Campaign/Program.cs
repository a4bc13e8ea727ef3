using Iom.Campaign.Data;
using Iom.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<CampaignDbContext>("campaigndb");
builder.AddMessaging<CampaignDbContext>("campaign");
builder.AddRedisClient("cache");

var app = builder.Build();
app.UseServiceDefaults();

await app.MigrateDatabaseAsync<CampaignDbContext>();
await app.RunAsync();
