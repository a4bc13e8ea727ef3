using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.Security;
using Xunit;

namespace Iom.Consultations.Tests.Syndicate;

public sealed record Member(Guid Id, string Token);

/// <summary>Drives the syndicate through its HTTP API.</summary>
public static class SyndicateApi
{
    public static async Task<Guid> AddInstitutionAsync(this ConsultationsFactory factory, string name = "University of Oxford, COMPAS", string type = "academic-institution")
    {
        var id = Guid.NewGuid();
        await factory.QueryAsync(async db =>
        {
            db.Partners.Add(new Partner { Id = id, Name = name, Type = type, Country = "GB", Status = PartnerStatus.Active, UpdatedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        return id;
    }

    public static async Task<Member> InviteAsync(this ConsultationsFactory factory, Guid? institutionId = null, string name = "Marie McAuliffe")
    {
        var response = await factory.ClientFor(SuiteRoles.SyndicateEditor).PostAsJsonAsync("/api/consultations/syndicate/members",
            new { name, email = $"r{Guid.NewGuid():N}@example.org", institutionId });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Member(body.GetProperty("id").GetGuid(), body.GetProperty("token").GetString()!);
    }

    public static HttpClient MemberClient(this ConsultationsFactory factory, Member member)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Syndicate-Token", member.Token);
        return client;
    }

    /// <summary>A GCM thematic consultation with one session on its agenda.</summary>
    public static async Task<(Guid Consultation, Guid Session)> ThematicSessionAsync(this ConsultationsFactory factory)
    {
        var start = DateTimeOffset.UtcNow.AddDays(40);
        var consultation = await factory.ScheduleAsync(ConsultationsApi.ConsultationBody(startsAt: start, title: "GCM informal thematic session: contributions of migrants and diasporas"));
        var response = await factory.ClientFor(SuiteRoles.ConsultationOrganizer).PostAsJsonAsync($"/api/consultations/{consultation}/agenda",
            new { title = "Contributions of migrants and diasporas to all dimensions of sustainable development", format = "panel", startsAt = start.AddHours(1), endsAt = start.AddHours(3) });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (consultation, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    public static object Read(Guid consultation, string title = "World Migration Report 2018", string? doi = "10.18356/f45862f3-en", string? url = null) => new
    {
        consultationId = consultation,
        title,
        authors = new[] { "Marie McAuliffe", "Martin Ruhs" },
        year = 2017,
        doi,
        url,
        whyItMatters = "The reference data on migration flows policymakers ask for first.",
    };
}
