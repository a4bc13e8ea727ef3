using Iom.Campaign;
using Iom.Data;
using Iom.ServiceDefaults.Demo;
using MassTransit;
using Iom.Campaign.Actions;
using Iom.Campaign.Data;
using Iom.Campaign.Demo;
using Iom.Campaign.Idempotency;
using Iom.Campaign.Moderation;
using Iom.Campaign.Partners;
using Iom.Campaign.Public;
using Iom.Campaign.Receipts;
using Iom.Campaign.Retention;
using Iom.Campaign.Testimonies;
using Iom.Messaging;
using Iom.Messaging.ErrorQueues;
using Iom.Messaging.Outbox;
using Iom.ServiceDefaults.Caching;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<CampaignDbContext>("campaigndb");
builder.AddMessaging<CampaignDbContext>("campaign", bus => bus.AddConsumers(typeof(Program).Assembly));
builder.AddRedisClient("cache");
builder.AddRedisOutputCache();
builder.Services.AddScoped<IdempotencyStore>();
builder.Services.AddCampaignSettings();
builder.Services.AddSingleton<Reporter>();
builder.Services.AddHostedService<ScheduledPublisher>();
builder.Services.AddSingleton<CampaignRetention>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<CampaignRetention>());
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
app.MapParkedOutboxAdmin("/api/campaign/admin");

await app.RunWithMigrationsAsync<CampaignDbContext>(); // Database:Migrations = OnStart (default) | Only | Skip

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
