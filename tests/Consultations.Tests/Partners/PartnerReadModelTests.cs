using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Contracts.Registry;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Consultations.Tests.Partners;

public sealed class PartnerReadModelTests(ConsultationsFactory consultations) : IClassFixture<ConsultationsFactory>
{
    private static PartnerRegistered Registered(Guid id, string name = "Alaska Institute for Justice") =>
        new(id, name, "AIJ", "ngo", "national", "US", ["US"], ["environment-and-climate-change"], DateTimeOffset.UtcNow);

    [Fact]
    public async Task PartnerRegistered_on_the_bus_puts_an_active_partner_in_the_read_model()
    {
        await using var bus = await TestBus.StartAsync(consultations.Servers.RabbitMq);
        var id = Guid.NewGuid();

        await bus.PublishAsync(Registered(id));

        var client = consultations.ClientFor(SuiteRoles.ConsultationOrganizer);
        var partner = (await Eventually.GetAsync(async () =>
        {
            var response = await client.GetAsync($"/api/consultations/partners/{id}");
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
        }))!.Value;
        Assert.Equal("Alaska Institute for Justice", partner.GetProperty("name").GetString());
        Assert.Equal("active", partner.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_same_message_delivered_twice_has_one_effect()
    {
        await using var bus = await TestBus.StartAsync(consultations.Servers.RabbitMq);
        var id = Guid.NewGuid();
        var messageId = Guid.NewGuid();

        await bus.PublishAsync(Registered(id, "First name"), messageId);
        await Eventually.TrueAsync(() => consultations.QueryAsync(db => db.Partners.AnyAsync(p => p.Id == id)));
        // A redelivery of the same message (same id) carrying different content must not be applied again.
        await bus.PublishAsync(Registered(id, "Changed by a redelivery"), messageId);
        var marker = Guid.NewGuid();
        await bus.PublishAsync(Registered(marker, "Marker"));
        await Eventually.TrueAsync(() => consultations.QueryAsync(db => db.Partners.AnyAsync(p => p.Id == marker)));

        var partner = await consultations.QueryAsync(db => db.Partners.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal("First name", partner.Name);
        Assert.Equal(1, await consultations.QueryAsync(db => db.Set<Iom.Messaging.Inbox.InboxMessage>().CountAsync(m => m.MessageId == messageId)));
    }

    [Fact]
    public async Task A_focal_point_reads_its_own_organisations_record_and_no_other()
    {
        var own = await consultations.AddPartnerAsync("SN");
        var other = await consultations.AddPartnerAsync("KE");
        var focal = consultations.ClientFor(SuiteRoles.CsoFocalPoint, own);

        Assert.Equal(own, (await focal.GetFromJsonAsync<JsonElement>($"/api/consultations/partners/{own}")).GetProperty("id").GetGuid());
        var response = await focal.GetAsync($"/api/consultations/partners/{other}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await consultations.ClientFor(SuiteRoles.RegistryEditor).GetAsync($"/api/consultations/partners/{other}")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_partner_is_404()
    {
        var response = await consultations.ClientFor(SuiteRoles.Admin).GetAsync($"/api/consultations/partners/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_suspension_that_overtakes_PartnerRegistered_is_kept_and_the_registration_fills_in_the_profile()
    {
        await using var bus = await TestBus.StartAsync(consultations.Servers.RabbitMq);
        var id = Guid.NewGuid();
        var registered = Registered(id);

        await bus.PublishAsync(new PartnerSuspended(id, "ngo", "Agreement under review", registered.RegisteredAt.AddMinutes(1)));
        await Eventually.TrueAsync(() => consultations.QueryAsync(db => db.Partners.AnyAsync(p => p.Id == id && p.Status == Iom.Consultations.Domain.PartnerStatus.Suspended)), what: "the placeholder");
        await bus.PublishAsync(registered);

        var partner = await Eventually.GetAsync(() => consultations.QueryAsync(db => db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.Type == "ngo")), what: "the registration");
        Assert.Equal(("Alaska Institute for Justice", Iom.Consultations.Domain.PartnerStatus.Suspended), (partner.Name, partner.Status));
    }
}
