using Iom.Consultations.Data;
using Iom.Consultations.Partners;
using Iom.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<ConsultationsDbContext>("consultationsdb");
builder.AddMessaging<ConsultationsDbContext>("consultations", bus =>
    bus.AddConsumer<PartnerRegisteredConsumer>(typeof(PartnerRegisteredConsumerDefinition)));
builder.AddRedisClient("cache");

var app = builder.Build();
app.UseServiceDefaults();
app.MapPartners();

await app.MigrateDatabaseAsync<ConsultationsDbContext>();
await app.RunAsync();
