using System.Security.Claims;
using Iom.Consultations.Agenda;
using Iom.Consultations.Domain;
using Iom.Consultations.Forums;
using Iom.Consultations.Syndicate;
using Iom.Contracts.Reference;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Iom.Consultations.Demo;

/// <summary>
/// Demo data for the report's iDiaspora forum ("an online forum for diaspora communities to contribute their opinions
/// to the intergovernmental process to develop the compact") and the Migration Research Leaders Syndicate ("top three
/// reads for policymakers" and "short technical papers"), on an upcoming GCM informal thematic session. Everything goes
/// through the use cases, so the published paper reaches Media as a story draft through the outbox.
/// </summary>
internal sealed partial class DemoSeeder
{
    private static readonly ClaimsPrincipal SyndicateEditor = Principal(SuiteRoles.SyndicateEditor, null);

    private async Task SeedForumAndSyndicateAsync(List<Partner> partners, CancellationToken ct)
    {
        var start = Clock.GetUtcNow().AddMonths(1);
        start = new DateTimeOffset(start.Year, start.Month, start.Day, 14, 0, 0, TimeSpan.Zero);
        var request = Request(ConsultationKinds.ThematicConsultation, "GCM informal thematic session: contributions of migrants and diasporas to all dimensions of sustainable development",
            [Themes.Diaspora, Themes.MigrationGovernance], null, "New York", "US", start, start.AddHours(8), capacity: 120);
        var consultation = await ScheduleAndOpenAsync(request, Clock, ct);
        var session = Expect<SessionResponse>((await RunAsync(db => AddSession.HandleAsync(consultation, new AddSession.Request(
            "Panel: diaspora engagement, remittances and skills", "panel", start.AddHours(1), start.AddHours(3), []), Organizer, db, ct))).Result, "thematic session");

        await SeedForumAsync(consultation, start, partners, ct);
        await SeedSyndicateAsync(consultation, session.Id, partners, ct);
    }

    private async Task SeedForumAsync(Guid consultation, DateTimeOffset start, List<Partner> partners, CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        var forum = Expect<ForumResponse>((await RunAsync(db => OpenForum.HandleAsync(consultation, new OpenForum.Request(
            "iDiaspora: diaspora voices for the Global Compact for Migration", now.AddDays(-7), start, ["en", "fr", "es", "ar"],
            [
                new OpenForum.Topic("Remittances", "How can the compact make sending money home cheaper and safer?"),
                new OpenForum.Topic("Skills and return", "How should the skills diasporas gained abroad be recognised at home?"),
                new OpenForum.Topic("Engage, enable, empower", "What would help your community engage with the country you come from?"),
            ]), Organizer, db, Clock, ct))).Result, "forum");
        var (remittances, skills, engage) = (forum.Topics[0].Id, forum.Topics[1].Id, forum.Topics[2].Id);

        var contributions = new List<Guid>();
        async Task<Guid> Anonymous(Guid topic, string country, string language, string text, Guid? parent = null)
        {
            var receipt = Expect<ContributeAnonymously.Receipt>(await RunAsync(db => ContributeAnonymously.HandleAsync(
                forum.Id, new ContributionRules.Request(topic, parent, country, language, text), db, Clock, ct)), "anonymous contribution");
            return receipt.Id;
        }

        contributions.Add(await Anonymous(remittances, "SN", "fr", "Les frais d'envoi dépassent souvent 8 %. Le pacte devrait fixer un objectif de 3 % et ouvrir le marché aux opérateurs mobiles."));
        contributions.Add(await Anonymous(remittances, "MX", "es", "Las remesas sostienen a millones de familias; pedimos que se reconozcan las cuentas bancarias abiertas con la matrícula consular."));
        contributions.Add(await Anonymous(skills, "PH", "en", "Nurses trained in the Gulf come home and start again from zero. Mutual recognition of qualifications should be in the compact."));
        contributions.Add(await Anonymous(engage, "LB", "ar", "نريد أن تُستشار الجاليات في المهجر قبل اعتماد سياسات الهجرة في بلداننا الأصلية."));
        var diaspora = partners.FirstOrDefault(p => p.Type is "diaspora-organisation" or "migrant-organisation") ?? partners.FirstOrDefault();
        if (diaspora is not null)
        {
            var organisation = Expect<ContributionResponse>(await RunAsync(db => ContributeForOrganization.HandleAsync(forum.Id, new ContributionRules.Request(
                remittances, null, Countries.IsKnown(diaspora.Country) ? diaspora.Country : "KE", "en",
                "Our network proposes diaspora bonds and matching funds for community projects, as in the 3Es approach: engage, enable, empower.", diaspora.Id),
                Principal(SuiteRoles.CsoFocalPoint, diaspora.Id), db, Clock, ct)), "organisation contribution");
            contributions.Add(organisation.Id);
        }

        foreach (var id in contributions)
        {
            Expect<ContributionResponse>(await RunAsync(db => ApproveContribution.HandleAsync(id, new ApproveContribution.Request(false), Organizer, db, Clock, ct)), "approve");
        }

        var reply = await Anonymous(remittances, "CI", "fr", "D'accord, et il faut aussi parler des petites sommes envoyées chaque semaine.", contributions[0]);
        Expect<ContributionResponse>(await RunAsync(db => ApproveContribution.HandleAsync(reply, new ApproveContribution.Request(false), Organizer, db, Clock, ct)), "approve reply");
        // One contribution left in the moderation queue, with an address the screening flags.
        await Anonymous(engage, "NG", "en", "Contact our association at diaspora.lagos@example.org, we can host a meeting.");
        Expect(await RunAsync(db => SupportContribution.AsCallerAsync(contributions[0], Organizer, db, Clock, ct)), "support");

        Expect(await RunAsync(db => ConsolidateForum.HandleAsync(forum.Id, new ConsolidateForum.Request(
            "Diaspora contributors ask the compact to lower remittance costs towards 3%, to recognise qualifications gained abroad, and to consult diasporas on policies of their countries of origin.",
            contributions), Organizer, db, Clock, ct)), "forum synthesis");
    }

    private async Task SeedSyndicateAsync(Guid consultation, Guid session, List<Partner> partners, CancellationToken ct)
    {
        var hugo = partners.FirstOrDefault(p => p.Type == InviteMember.AcademicInstitution && p.Name.Contains("Hugo", StringComparison.Ordinal))
            ?? partners.FirstOrDefault(p => p.Type == InviteMember.AcademicInstitution);
        var sciencesPo = partners.FirstOrDefault(p => p.Type == InviteMember.AcademicInstitution && p.Id != hugo?.Id);
        var first = Expect<InviteMember.Response>(await RunAsync(db => InviteMember.HandleAsync(
            new InviteMember.Request("Demo researcher on environmental migration", "researcher.environment@demo.invalid", hugo?.Id), SyndicateEditor, db, Clock, ct)), "invite");
        var second = Expect<InviteMember.Response>(await RunAsync(db => InviteMember.HandleAsync(
            new InviteMember.Request("Demo researcher on diaspora policy", "researcher.diaspora@demo.invalid", sciencesPo?.Id), SyndicateEditor, db, Clock, ct)), "invite");

        (InviteMember.Response Member, string Title, string[] Authors, int Year, string Url, string Why)[] reads =
        [
            (first, "Atlas of Environmental Migration", ["Dina Ionesco", "Daria Mokhnacheva", "François Gemenne"], 2017, "https://publications.iom.int/books/atlas-environmental-migration",
                "Maps where environmental change already moves people: the evidence base for the compact's climate chapter."),
            (first, "IOM Outlook on Migration, Environment and Climate Change", ["IOM"], 2014, "https://publications.iom.int/books/iom-outlook-migration-environment-and-climate-change",
                "What the evidence says on displacement, planned relocation and migration as adaptation, in one place for negotiators."),
            (second, "Diaspora engagement: engage, enable, empower", ["IOM"], 2017, "https://www.iom.int/diaspora",
                "IOM's 3Es strategy, the frame most States already use for diaspora policy."),
        ];
        foreach (var read in reads)
        {
            var created = Expect<ReadResponse>(await RunAsync(db => RecommendRead.HandleAsync(
                new RecommendRead.Request(consultation, read.Title, read.Authors, read.Year, null, read.Url, read.Why), MemberRequest(read.Member), db, Clock, ct)), "read");
            Expect(await RunAsync(db => PublishRead.HandleAsync(created.Id, db, Clock, ct)), "publish read");
        }

        var paper = Expect<PaperResponse>(await RunAsync(db => DraftPaper.HandleAsync(new DraftPaper.Request(consultation, session,
            "Diaspora bonds and matching funds: financing development with transnational communities",
            "A short technical paper on how States can mobilise diaspora savings through bonds and matching funds, with safeguards for small investors.",
            "## Why it matters\n\nRemittances reached **USD 466 billion** to low- and middle-income countries in 2017. Bonds and matching funds turn part of them into long-term investment.\n\n## Recommendations\n\n1. Lower the cost of remittances towards 3%.\n2. Offer diaspora bonds in small denominations.\n3. Consult diaspora organisations when designing them.\n",
            "CC-BY-4.0"), MemberRequest(second), db, Clock, ct)), "paper");
        Expect(await RunAsync(db => SubmitPaper.HandleAsync(paper.Id, MemberRequest(second), db, Clock, ct)), "submit paper");
        Expect(await RunAsync(db => PublishPaper.HandleAsync(paper.Id, SyndicateEditor, db, Clock, ct)), "publish paper");
    }

    /// <summary>A request carrying the member's invitation token, as the member's own client sends it.</summary>
    private static DefaultHttpContext MemberRequest(InviteMember.Response member)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers[SyndicateToken.Header] = member.Token;
        return http;
    }
}
