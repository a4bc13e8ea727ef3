using System.Net;
using System.Net.Http.Json;
using Iom.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Xunit;
using IcalCalendar = Ical.Net.Calendar;

namespace Iom.Consultations.Tests.Calendar;

public sealed class CalendarTests(ConsultationsFactory consultations) : IClassFixture<ConsultationsFactory>
{
    [Fact]
    public async Task A_consultation_downloads_as_an_ics_that_parses_with_its_dates_summary_and_uid()
    {
        var start = new DateTimeOffset(2027, 2, 21, 8, 30, 0, TimeSpan.Zero);
        var title = "Global Consultation on Migrant Health; third edition, with civil society — a long title that must be folded across lines";
        var id = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody(title: title, startsAt: start));

        var response = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, Guid.NewGuid()).GetAsync($"/api/consultations/{id}/calendar.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.All(text.Split("\r\n").SkipLast(1), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        var calendar = IcalCalendar.Load(text)!;
        var evt = Assert.Single(calendar.Events);
        Assert.Equal($"{id}@consultations.iom.int", evt.Uid);
        Assert.Equal(title, evt.Summary);
        Assert.Equal(start.UtcDateTime, evt.DtStart!.AsUtc);
        Assert.Equal(start.AddDays(2).UtcDateTime, evt.DtEnd!.AsUtc);
        Assert.Equal("Geneva, Switzerland", evt.Location);
    }

    [Fact]
    public async Task The_public_feed_lists_upcoming_open_consultations_without_a_token()
    {
        var open = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody(title: "Open one", startsAt: DateTimeOffset.UtcNow.AddDays(30)));
        var draft = await consultations.ScheduleAsync(ConsultationsApi.ConsultationBody(title: "Draft one"));
        var cancelled = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody(title: "Cancelled one"));
        await consultations.TransitionAsync(cancelled, "cancel", HttpStatusCode.OK, new { reason = "No funding" });

        var response = await consultations.CreateClient().GetAsync("/api/consultations/public/calendar.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calendar = IcalCalendar.Load(await response.Content.ReadAsStringAsync())!;
        var uids = calendar.Events.Select(e => e.Uid).ToList();
        Assert.Contains($"{open}@consultations.iom.int", uids);
        Assert.DoesNotContain($"{draft}@consultations.iom.int", uids);
        Assert.DoesNotContain($"{cancelled}@consultations.iom.int", uids);
    }

    [Fact]
    public async Task The_cached_public_feed_is_evicted_when_a_consultation_opens()
    {
        var anonymous = consultations.CreateClient();
        var warm = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody(title: "Warms the cache"));
        Assert.Contains("Warms the cache", await anonymous.GetStringAsync("/api/consultations/public/calendar.ics"), StringComparison.Ordinal);

        // A change behind the use cases' back is not seen: the feed comes from the cache.
        await consultations.QueryAsync(db => db.Consultations.Where(c => c.Id == warm).ExecuteUpdateAsync(u => u.SetProperty(c => c.Title, "Renamed in the database")));
        Assert.Contains("Warms the cache", await anonymous.GetStringAsync("/api/consultations/public/calendar.ics"), StringComparison.Ordinal);

        var opened = await consultations.ScheduleOpenAsync(ConsultationsApi.ConsultationBody(title: "Opened after the cache was filled"));

        var feed = IcalCalendar.Load(await anonymous.GetStringAsync("/api/consultations/public/calendar.ics"))!;
        Assert.Contains(feed.Events, e => e.Uid == $"{opened}@consultations.iom.int");
        Assert.Contains(feed.Events, e => e.Summary == "Renamed in the database");
    }

    [Fact]
    public async Task An_unknown_consultation_has_no_calendar()
    {
        var response = await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).GetAsync($"/api/consultations/{Guid.NewGuid()}/calendar.ics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
