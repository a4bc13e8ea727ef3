using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.ServiceDefaults.Security;
using Xunit;

namespace Iom.Consultations.Tests.Analytics;

public sealed class ParticipationAnalyticsTests(ConsultationsFactory consultations) : IClassFixture<ConsultationsFactory>
{
    private readonly HttpClient organizer = consultations.ClientFor(SuiteRoles.ConsultationOrganizer);

    private async Task<Guid> ConsultationAsync(string kind, int year, string country)
    {
        var start = new DateTimeOffset(year, 3, 10, 9, 0, 0, TimeSpan.Zero);
        var body = ConsultationsApi.ConsultationBody(kind: kind, startsAt: start, capacity: 100);
        var json = JsonSerializer.SerializeToElement(body, JsonSerializerOptions.Web);
        var dict = json.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        dict["country"] = country;
        return await consultations.ScheduleOpenAsync(dict);
    }

    private async Task<Guid> AttendAsync(Guid consultation, Guid org, string email, bool checkIn = true)
    {
        var id = (await consultations.RegisterOkAsync(consultation, org, email)).GetProperty("id").GetGuid();
        if (checkIn)
        {
            var start = (await organizer.GetFromJsonAsync<JsonElement>($"/api/consultations/{consultation}")).GetProperty("startsAt").GetDateTimeOffset();
            using (consultations.Clock.TravelTo(start.AddHours(1)))
            {
                Assert.Equal(HttpStatusCode.OK, (await organizer.PostAsync($"/api/consultations/{consultation}/registrations/{id}/check-in", null)).StatusCode);
            }
        }

        return id;
    }

    private async Task SpeakAsync(Guid consultation, Guid registration)
    {
        var start = (await organizer.GetFromJsonAsync<JsonElement>($"/api/consultations/{consultation}")).GetProperty("startsAt").GetDateTimeOffset();
        var response = await organizer.PostAsJsonAsync($"/api/consultations/{consultation}/agenda", new { title = "Panel", format = "panel", startsAt = start.AddHours(1), endsAt = start.AddHours(2), speakerRegistrationIds = new[] { registration } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Distinct_representatives_and_speakers_are_counted_from_check_ins_per_year_kind_and_region()
    {
        var orgA = await consultations.AddPartnerAsync();
        var orgB = await consultations.AddPartnerAsync();
        // 2027: an IDM event in Geneva (Europe) and an RCSC in Nairobi (Africa); 2028: an IDM event in New York (Americas).
        var idm2027 = await ConsultationAsync("idm-event", 2027, "CH");
        var rcsc2027 = await ConsultationAsync("regional-civil-society-consultation", 2027, "KE");
        var idm2028 = await ConsultationAsync("idm-event", 2028, "US");
        var outside = await ConsultationAsync("idm-event", 2029, "US");

        // Ann attends all three (speaker at the 2027 IDM), Ben attends the 2027 IDM and 2028 IDM (speaker in 2028),
        // Cy attends only the RCSC, Dee registers for the 2027 IDM but never checks in, Eve attends only in 2029 (outside the period).
        var ann = await AttendAsync(idm2027, orgA, "ann@example.org");
        await AttendAsync(rcsc2027, orgA, "ann@example.org");
        await AttendAsync(idm2028, orgA, "ANN@example.org");
        await AttendAsync(idm2027, orgB, "ben@example.org");
        var ben = await AttendAsync(idm2028, orgB, "ben@example.org");
        await AttendAsync(rcsc2027, orgB, "cy@example.org");
        await AttendAsync(idm2027, orgB, "dee@example.org", checkIn: false);
        var eve = await AttendAsync(outside, orgB, "eve@example.org");
        await SpeakAsync(idm2027, ann);
        await SpeakAsync(idm2028, ben);
        await SpeakAsync(outside, eve);

        var result = await organizer.GetFromJsonAsync<JsonElement>("/api/consultations/analytics/participation?from=2027-01-01&to=2028-12-31");

        Assert.Equal(3, result.GetProperty("consultations").GetInt32());
        Assert.Equal(3, result.GetProperty("representatives").GetInt32()); // Ann, Ben, Cy
        Assert.Equal(2, result.GetProperty("speakers").GetInt32()); // Ann, Ben
        Assert.Equal(["2027:3:1", "2028:2:1"], Groups(result, "byYear"));
        Assert.Equal(["idm-event:2:2", "regional-civil-society-consultation:2:0"], Groups(result, "byKind"));
        Assert.Equal(["Africa:2:0", "Americas:2:1", "Europe:2:1"], Groups(result, "byRegion"));

        var idmOnly = await organizer.GetFromJsonAsync<JsonElement>("/api/consultations/analytics/participation?from=2027-01-01&to=2029-12-31&kind=idm-event");
        Assert.Equal(3, idmOnly.GetProperty("representatives").GetInt32()); // Ann, Ben, Eve
        Assert.Equal(3, idmOnly.GetProperty("speakers").GetInt32());
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_a_400()
    {
        var response = await organizer.GetAsync("/api/consultations/analytics/participation?from=2028-01-01&to=2027-01-01");
        Assert.True((await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("from", out _));
    }

    private static string[] Groups(JsonElement result, string name) =>
        result.GetProperty(name).EnumerateArray()
            .Select(g => $"{g.GetProperty("key").GetString()}:{g.GetProperty("representatives").GetInt32()}:{g.GetProperty("speakers").GetInt32()}")
            .ToArray();
}
