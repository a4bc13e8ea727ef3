using Iom.Media.Data;
using Iom.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<MediaDbContext>("mediadb");
builder.AddMessaging<MediaDbContext>("media");
builder.AddRedisClient("cache");

var app = builder.Build();
app.UseServiceDefaults();

await app.MigrateDatabaseAsync<MediaDbContext>();
await app.RunAsync();
