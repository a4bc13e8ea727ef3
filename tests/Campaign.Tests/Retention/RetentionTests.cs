using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Campaign.Domain;
using Iom.Campaign.Retention;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Iom.Campaign.Tests.Retention;

/// <summary>Issue 11 §4: Campaign keeps personal data only as long as configured (defaults 30 / 180 / 90 days).</summary>
public sealed class RetentionTests(RetentionFactory campaign) : IClassFixture<RetentionFactory>
{
    private CampaignRetention Job => campaign.Services.GetRequiredService<CampaignRetention>();

    private static string NewMarker() => $"Quillon{Guid.NewGuid():N}"[..22];

    private static Dictionary<string, object?> WithMarker(string marker) =>
        CampaignApi.Testimony(title: $"Title {marker}", story: $"{CampaignApi.Story} My friend {marker} helped me.");

    private async Task<Guid> SubmitWithKeyAsync(Dictionary<string, object?> body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/campaign/testimonies") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await campaign.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("testimonyId").GetGuid();
    }

    private Task<Testimony> LoadAsync(Guid id) => campaign.QueryAsync(db => db.Testimonies.AsNoTracking().SingleAsync(t => t.Id == id));

    private async Task RejectAsync(Guid id, string reason = "Not a migration story.")
    {
        Assert.Equal(HttpStatusCode.OK, (await campaign.Moderator().PostAsJsonAsync($"/api/campaign/moderation/testimonies/{id}/rejection", new { reason })).StatusCode);
    }

    [Fact]
    public async Task A_rejected_testimony_is_erased_30_days_after_the_rejection_with_every_copy_Campaign_holds()
    {
        var marker = NewMarker();
        var id = await SubmitWithKeyAsync(WithMarker(marker));
        Assert.Equal(HttpStatusCode.OK, (await campaign.ApproveAsync(id, new { acknowledgeFlags = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await campaign.CreateClient().GetAsync($"/api/campaign/public/testimonies/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await campaign.CreateClient().PostAsJsonAsync($"/api/campaign/public/testimonies/{id}/reports", new { reason = "personal-information", note = $"It names {marker}" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await campaign.Moderator().PostAsJsonAsync($"/api/campaign/moderation/testimonies/{id}/hold", new { reason = $"names {marker}" })).StatusCode);
        await RejectAsync(id, $"It identifies {marker}.");
        var before = await DatabaseSearch.FindAsync(campaign.DatabaseConnection, marker);
        Assert.Contains("public.testimonies", before.Keys);
        Assert.Contains("public.outbox_messages", before.Keys);
        Assert.Contains("public.testimony_reports", before.Keys);
        Assert.Contains("public.moderation_audit", before.Keys);
        Assert.Equal(1, await campaign.QueryAsync(db => db.IdempotencyRecords.CountAsync(r => r.ResourceId == id)));

        campaign.Clock.Advance(TimeSpan.FromDays(29));
        await Job.RunOnceAsync(default);
        Assert.NotNull((await LoadAsync(id)).Story);

        campaign.Clock.Advance(TimeSpan.FromDays(1.5));
        var result = await Job.RunOnceAsync(default);

        Assert.True(result.Rejected >= 1);
        Assert.Empty(await DatabaseSearch.FindAsync(campaign.DatabaseConnection, marker));
        Assert.Empty(await RedisSearch.FindAsync(campaign.Servers.Redis, marker, $"{campaign.QueuePrefix}*"));
        var erased = await LoadAsync(id);
        Assert.Equal(TestimonyState.Rejected, erased.State);
        Assert.Null(erased.Title);
        Assert.Null(erased.FirstName);
        Assert.Equal(0, await campaign.QueryAsync(db => db.IdempotencyRecords.CountAsync(r => r.ResourceId == id)));
        Assert.Equal(0, await campaign.QueryAsync(db => db.TestimonyReports.CountAsync(r => r.TestimonyId == id)));
        Assert.Equal(1, await campaign.QueryAsync(db => db.ModerationAudit.CountAsync(a => a.TestimonyId == id && a.Actor == CampaignRetention.Actor && a.Action == "erased")));
    }

    [Fact]
    public async Task A_pending_testimony_no_moderator_answered_expires_after_180_days_and_the_younger_or_answered_ones_stay()
    {
        var oldMarker = NewMarker();
        var old = await SubmitWithKeyAsync(WithMarker(oldMarker));
        var published = (await campaign.SubmitAndPublishAsync()).Id;
        campaign.Clock.Advance(TimeSpan.FromDays(100));
        var young = await SubmitWithKeyAsync(WithMarker(NewMarker()));
        campaign.Clock.Advance(TimeSpan.FromDays(81));

        await Job.RunOnceAsync(default);

        var expired = await LoadAsync(old);
        Assert.Equal(TestimonyState.Expired, expired.State);
        Assert.Null(expired.Story);
        Assert.Empty(await DatabaseSearch.FindAsync(campaign.DatabaseConnection, oldMarker));
        Assert.Equal(TestimonyState.Pending, (await LoadAsync(young)).State);
        Assert.NotNull((await LoadAsync(young)).Story);
        Assert.Equal(TestimonyState.Published, (await LoadAsync(published)).State);
        Assert.NotNull((await LoadAsync(published)).Story);
        var receipt = await campaign.Moderator().GetFromJsonAsync<JsonElement>($"/api/campaign/moderation/testimonies/{old}");
        Assert.Equal("expired", receipt.GetProperty("testimony").GetProperty("state").GetString());
        // Idempotency records are kept a day: the young one's (81 days old) is gone too.
        Assert.Equal(0, await campaign.QueryAsync(db => db.IdempotencyRecords.CountAsync(r => r.ResourceId == young)));
    }

    [Fact]
    public async Task Sign_up_contacts_are_deleted_90_days_after_their_action_ended_and_the_count_stays()
    {
        await using var bus = await TestBus.StartAsync(campaign.Servers.RabbitMq);
        var org = await campaign.RegisterPartnerAsync(bus);
        var now = campaign.Clock.GetUtcNow();
        var ending = CampaignApi.Action(startsAt: now.AddDays(10));
        ending["endsAt"] = now.AddDays(11);
        var ended = await campaign.PostActionAsync(org, ending);
        var later = await campaign.PostActionAsync(org, CampaignApi.Action(startsAt: now.AddDays(200)));
        var marker = NewMarker();
        foreach (var action in new[] { ended, later })
        {
            var signup = await campaign.CreateClient().PostAsJsonAsync($"/api/campaign/public/actions/{action}/signups", new { name = "Wanjiru", contact = $"{marker}@example.org" });
            Assert.Equal(HttpStatusCode.Created, signup.StatusCode);
        }

        campaign.Clock.Advance(TimeSpan.FromDays(11 + 89));
        await Job.RunOnceAsync(default);
        Assert.Equal(1, await campaign.QueryAsync(db => db.Signups.CountAsync(s => s.ActionId == ended)));

        campaign.Clock.Advance(TimeSpan.FromDays(2));
        await Job.RunOnceAsync(default);

        Assert.Equal(0, await campaign.QueryAsync(db => db.Signups.CountAsync(s => s.ActionId == ended)));
        Assert.Equal(1, await campaign.QueryAsync(db => db.Signups.CountAsync(s => s.ActionId == later)));
        Assert.Equal(1, await campaign.QueryAsync(db => db.VolunteerActions.Where(a => a.Id == ended).Select(a => a.SignupCount).SingleAsync()));
        Assert.Equal(1, (await DatabaseSearch.FindAsync(campaign.DatabaseConnection, marker)).Values.Sum());
    }

    [Fact]
    public async Task Two_replicas_passing_at_once_erase_every_row_once_in_chunks()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 13; i++)
        {
            var id = (await campaign.SubmitAsync()).Id;
            await RejectAsync(id);
            ids.Add(id);
        }

        campaign.Clock.Advance(TimeSpan.FromDays(31));
        var results = await Task.WhenAll(Job.RunOnceAsync(default), Job.RunOnceAsync(default));

        Assert.True(results.Sum(r => r.Rejected) >= ids.Count, $"{results[0]} {results[1]}");
        foreach (var id in ids)
        {
            Assert.Null((await LoadAsync(id)).Story);
            Assert.Equal(1, await campaign.QueryAsync(db => db.ModerationAudit.CountAsync(a => a.TestimonyId == id && a.Action == "erased")));
        }
    }
}

/// <summary>The job runs by itself on the service's clock.</summary>
public sealed class ScheduledRetentionTests(ScheduledRetentionFactory campaign) : IClassFixture<ScheduledRetentionFactory>
{
    [Fact]
    public async Task The_background_pass_erases_a_rejected_testimony_once_its_time_has_come()
    {
        var id = (await campaign.SubmitAsync()).Id;
        Assert.Equal(HttpStatusCode.OK, (await campaign.Moderator().PostAsJsonAsync($"/api/campaign/moderation/testimonies/{id}/rejection", new { reason = "Off topic." })).StatusCode);

        campaign.Clock.Advance(TimeSpan.FromDays(31));

        await Eventually.TrueAsync(
            () => campaign.QueryAsync(db => db.Testimonies.AnyAsync(t => t.Id == id && t.Story == null && t.State == TestimonyState.Rejected)),
            what: "the retention pass to erase the rejected testimony");
    }
}
