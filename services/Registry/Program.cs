using Iom.Data;
using Iom.Messaging;
using Iom.Messaging.ErrorQueues;
using Iom.Messaging.Outbox;
using Iom.Registry;
using Iom.Registry.Agreements;
using Iom.Registry.CapacityDevelopment;
using Iom.Registry.Consortia;
using Iom.Registry.Data;
using Iom.Registry.Demo;
using Iom.Registry.Observers;
using Iom.Registry.Organizations;
using Iom.ServiceDefaults.Demo;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRegistryPolicies();
builder.AddServiceDatabase<RegistryDbContext>("registrydb");
builder.AddMessaging<RegistryDbContext>("registry");
builder.AddRedisClient("cache");
builder.AddDemoSeeder<DemoSeeder>();

var app = builder.Build();
app.UseServiceDefaults();
app.MapOrganizations();
app.MapObservers();
app.MapAgreements();
app.MapCapacityDevelopment();
app.MapConsortia();
app.MapErrorQueueAdmin("/api/registry/admin");
app.MapParkedOutboxAdmin("/api/registry/admin");

await app.RunWithMigrationsAsync<RegistryDbContext>(); // Database:Migrations = OnStart (default) | Only | Skip
