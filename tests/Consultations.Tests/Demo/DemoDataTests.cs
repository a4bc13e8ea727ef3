using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.Contracts.Registry;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Iom.Consultations.Tests.Demo;

public sealed class DemoFactory : ServiceFactory<Program>
{
    public DemoFactory()
        : base("consultationsdb")
    {
        Set("Demo:Enabled", "true");
        Set("Demo:PartnerWait", "00:01:30");
    }

    public async Task<T> QueryAsync<T>(Func<ConsultationsDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ConsultationsDbContext>());
    }
}

public sealed class DemoDataTests(DemoFactory demo) : IClassFixture<DemoFactory>
{
    [Fact]
    public async Task Demo_data_seeds_the_report_s_consultations_with_registrations_once_partners_arrive_from_the_registry()
    {
        await using var bus = await TestBus.StartAsync(demo.Servers.RabbitMq);
        string[] countries = ["KE", "SN", "MX", "TH", "BE", "LB", "KZ", "TT", "CH"];
        foreach (var country in countries)
        {
            await bus.PublishAsync(new PartnerRegistered(Guid.NewGuid(), $"Civil society network {country}", $"CSN-{country}", "ngo", "regional", country, [country], [], DateTimeOffset.UtcNow));
        }

        await Eventually.TrueAsync(() => demo.QueryAsync(db => db.Consultations.CountAsync(c => c.Kind == ConsultationKinds.MicicConsultation && c.Status == ConsultationStatus.OpenForRegistration).ContinueWith(t => t.Result == 1)), TimeSpan.FromMinutes(3), "demo consultations");

        var all = await demo.QueryAsync(db => db.Consultations.AsNoTracking().ToListAsync());
        Assert.Equal(15, all.Count);
        var rcscs = all.Where(c => c.Kind == ConsultationKinds.RegionalCivilSocietyConsultation).ToList();
        Assert.Equal(7, rcscs.Count);
        Assert.All(rcscs, c => Assert.True(c.CsoLed && c.ConvenerOrganizationIds.Count == 1 && c.Status == ConsultationStatus.OutcomePublished));
        var health = Assert.Single(all, c => c.City == "Colombo");
        Assert.Equal(new DateTimeOffset(2017, 2, 21, 8, 0, 0, TimeSpan.Zero), health.StartsAt);
        Assert.Equal("LK", health.Country);
        Assert.Single(all, c => c.Kind == ConsultationKinds.GrcpMeeting);
        Assert.Single(all, c => c.Kind == ConsultationKinds.IdmEvent);
        Assert.Equal(2, all.Count(c => c.Kind is ConsultationKinds.HumanitarianConsultation or ConsultationKinds.MigrationGovernanceConsultation && c.Status == ConsultationStatus.OpenForRegistration));
        Assert.True(await demo.QueryAsync(db => db.Registrations.CountAsync(r => r.CheckedInAt != null)) > 0);
        Assert.True(await demo.QueryAsync(db => db.RegionalSyntheses.CountAsync()) == 7);
        Assert.True(await demo.QueryAsync(db => db.Registrations.CountAsync(r => r.ConsultationId == health.Id && r.CheckedInAt != null)) > 0);
    }
}
