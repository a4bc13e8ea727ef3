using Iom.Consultations;
using Iom.Data;
using Iom.ServiceDefaults.Demo;
using MassTransit;
using Iom.Consultations.Agenda;
using Iom.Consultations.Analytics;
using Iom.Consultations.Calendar;
using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.Consultations.Demo;
using Iom.Consultations.Forums;
using Iom.Consultations.Funding;
using Iom.Consultations.Inputs;
using Iom.Consultations.Partners;
using Iom.Consultations.Registrations;
using Iom.Consultations.Syndicate;
using Iom.Messaging;
using Iom.Messaging.ErrorQueues;
using Iom.Messaging.Outbox;
using Iom.ServiceDefaults.Caching;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<ConsultationsDbContext>("consultationsdb");
builder.AddMessaging<ConsultationsDbContext>("consultations", bus => bus.AddConsumers(typeof(Program).Assembly));
builder.AddRedisClient("cache");
builder.AddRedisOutputCache();
builder.Services.AddConsultationsSettings();
builder.AddDemoSeeder<DemoSeeder>();

var app = builder.Build();
app.UseServiceDefaults();
app.UseOutputCache();
app.MapPartners();
app.MapConsultations();
app.MapRegistrations();
app.MapFunding();
app.MapAgenda();
app.MapInputs();
app.MapForums();
app.MapSyndicate();
app.MapAnalytics();
app.MapCalendar();
app.MapErrorQueueAdmin("/api/consultations/admin");
app.MapParkedOutboxAdmin("/api/consultations/admin");

await app.RunWithMigrationsAsync<ConsultationsDbContext>(); // Database:Migrations = OnStart (default) | Only | Skip
