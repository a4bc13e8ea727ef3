using Iom.Campaign.Actions;
using Iom.Campaign.Data;
using Iom.Campaign.Demo;
using Iom.Campaign.Idempotency;
using Iom.Campaign.Moderation;
using Iom.Campaign.Partners;
using Iom.Campaign.Public;
using Iom.Campaign.Receipts;
using Iom.Campaign.Testimonies;
using Iom.Messaging;
using Iom.Messaging.ErrorQueues;
using Iom.ServiceDefaults.Caching;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<CampaignDbContext>("campaigndb");
builder.AddMessaging<CampaignDbContext>("campaign", bus =>
{
    bus.AddConsumer<PartnerRegisteredConsumer>(typeof(PartnerRegisteredConsumerDefinition));
    bus.AddConsumer<PartnerUpdatedConsumer>(typeof(PartnerUpdatedConsumerDefinition));
    bus.AddConsumer<PartnerSuspendedConsumer>(typeof(PartnerSuspendedConsumerDefinition));
    bus.AddConsumer<PartnerReinstatedConsumer>(typeof(PartnerReinstatedConsumerDefinition));
    bus.AddConsumer<PartnerArchivedConsumer>(typeof(PartnerArchivedConsumerDefinition));
});
builder.AddRedisClient("cache");
builder.AddRedisOutputCache();
builder.Services.AddSingleton<IdempotencyStore>();
builder.Services.AddHostedService<ScheduledPublisher>();
builder.AddDemoSeeder<DemoSeeder>();

var app = builder.Build();
app.UseServiceDefaults();
app.UseOutputCache();
app.MapTestimonies();
app.MapReceipts();
app.MapModeration();
app.MapVolunteerActions();
app.MapPublicApi();
app.MapErrorQueueAdmin("/api/campaign/admin");

await app.MigrateDatabaseAsync<CampaignDbContext>();
await app.RunAsync();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
