using System.Net.Http.Json;
using System.Text.Json;
using Iom.Contracts.Registry;
using Iom.Messaging.Outbox;
using Iom.Registry.Data;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Iom.Registry.Tests.Demo;

/// <summary>The registry started in demo mode.</summary>
public sealed class DemoRegistryFactory : ServiceFactory<Program>
{
    public DemoRegistryFactory()
        : base("registrydb") => Set("Demo:Enabled", "true");

    public async Task<T> QueryAsync<T>(Func<RegistryDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }
}

public sealed class DemoDataTests(DemoRegistryFactory registry) : IClassFixture<DemoRegistryFactory>
{
    [Fact]
    public async Task Demo_mode_seeds_the_report_partners_75_observers_and_ICVAs_1984_agreement_through_the_outbox()
    {
        var timeout = TimeSpan.FromSeconds(120);
        await Eventually.TrueAsync(() => registry.QueryAsync(async db => await db.Agreements.CountAsync() >= 3), timeout, "demo seed");

        var organizations = await registry.QueryAsync(db => db.Organizations.AsNoTracking().ToListAsync());
        Assert.InRange(organizations.Count, 300, 400);
        foreach (var name in new[] { "International Council of Voluntary Agencies", "Friedrich-Ebert-Stiftung", "Global Future", "CARE International", "Refugees International", "Action contre la faim", "Inter Press Service", "Sciences Po Paris", "Alaska Institute for Justice" })
        {
            Assert.Contains(organizations, o => o.Name == name);
        }

        var observers = await registry.ClientFor(SuiteRoles.RegistryEditor).GetFromJsonAsync<JsonElement>("/api/registry/observers");
        Assert.Equal(75, observers.GetProperty("count").GetInt64());

        var icva = organizations.Single(o => o.Acronym == "ICVA");
        Assert.True(icva.IsObserver);
        var agreement = await registry.QueryAsync(db => db.Agreements.SingleAsync(a => a.OrganizationId == icva.Id));
        Assert.Equal(new DateOnly(1984, 1, 1), agreement.StartsOn);
        Assert.Equal("Active", agreement.Status.ToString());

        // Published like any write: one PartnerRegistered per partner staged, ICVA's relayed to the broker.
        var staged = await registry.QueryAsync(db => db.Set<OutboxMessage>().Where(m => m.MessageType.StartsWith(typeof(PartnerRegistered).FullName!)).CountAsync());
        Assert.Equal(organizations.Count, staged);
        Assert.Equal(75, await registry.QueryAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.MessageType.StartsWith(typeof(ObserverStatusGranted).FullName!))));
        await Eventually.TrueAsync(() => registry.QueryAsync(db => db.Set<OutboxMessage>().Where(m => m.MessageType.StartsWith(typeof(AgreementSigned).FullName!)).AllAsync(m => m.SentAt != null)), timeout, "demo events relayed");
    }
}
