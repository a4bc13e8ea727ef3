using Iom.Consultations.Domain;
using Iom.Contracts.Consultations;
using Iom.Contracts.Registry;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Consultations.Tests.Demo;

public sealed class ForumAndSyndicateDemoTests(DemoFactory demo) : IClassFixture<DemoFactory>
{
    [Fact]
    public async Task Demo_data_opens_an_iDiaspora_forum_in_several_languages_and_a_syndicate_with_reads_and_a_published_paper()
    {
        await using var bus = await TestBus.StartAsync(demo.Servers.RabbitMq);
        await using var probe = await BusProbe.StartAsync(demo.Servers.RabbitMq, typeof(ResearchPaperPublished));
        var hugo = Guid.NewGuid();
        await bus.PublishAsync(new PartnerRegistered(hugo, "The Hugo Observatory: Environment, Migration and Politics", "Hugo Observatory", "academic-institution", "national", "BE", ["BE"], [], DateTimeOffset.UtcNow));
        foreach (var country in new[] { "KE", "SN", "MX" })
        {
            await bus.PublishAsync(new PartnerRegistered(Guid.NewGuid(), $"Diaspora network {country}", $"DN-{country}", "ngo", "regional", country, [country], [], DateTimeOffset.UtcNow));
        }

        var paper = await Eventually.GetAsync(() => demo.QueryAsync(db => db.ResearchPapers.AsNoTracking().FirstOrDefaultAsync(p => p.State == ReviewState.Published)), TimeSpan.FromMinutes(3), "the demo paper");

        var consultation = await demo.QueryAsync(db => db.Consultations.AsNoTracking().SingleAsync(c => c.Id == paper!.ConsultationId));
        Assert.Equal(ConsultationKinds.ThematicConsultation, consultation.Kind);
        Assert.StartsWith("GCM informal thematic session", consultation.Title, StringComparison.Ordinal);
        var forum = await demo.QueryAsync(db => db.Forums.AsNoTracking().SingleAsync(f => f.ConsultationId == consultation.Id));
        var contributions = await demo.QueryAsync(db => db.ForumContributions.AsNoTracking().Where(c => c.ForumId == forum.Id).ToListAsync());
        Assert.Superset(new HashSet<string> { "en", "fr", "es", "ar" }, contributions.Where(c => c.State == ContributionState.Published).Select(c => c.Language).ToHashSet());
        Assert.Contains(contributions, c => c.ParentId is not null && c.State == ContributionState.Published);
        Assert.Contains(contributions, c => c.OrganizationId is not null);
        Assert.Contains(contributions, c => c.State == ContributionState.Pending);
        var synthesis = await demo.QueryAsync(db => db.ForumSyntheses.AsNoTracking().SingleAsync(s => s.ForumId == forum.Id));
        Assert.True(synthesis.SourceContributionIds.Count >= 4);

        Assert.Equal(3, await demo.QueryAsync(db => db.RecommendedReads.CountAsync(r => r.ConsultationId == consultation.Id && r.State == ReviewState.Published)));
        var members = await demo.QueryAsync(db => db.SyndicateMembers.AsNoTracking().ToListAsync());
        // A member belongs to the Hugo Observatory as the registry knows it: the one published here (this host's broker is its own).
        var hugos = await demo.QueryAsync(db => db.Partners.AsNoTracking().Where(p => p.Name.Contains("Hugo")).Select(p => p.Id).ToListAsync());
        Assert.Equal([hugo], hugos);
        Assert.Contains(members, m => m.InstitutionId == hugo);
        var message = await probe.WaitForAsync<ResearchPaperPublished>(m => m.GetProperty("paperId").GetGuid() == paper!.Id);
        Assert.Equal("CC-BY-4.0", message.Message.GetProperty("licence").GetString());
    }
}
