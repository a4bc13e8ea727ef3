using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Iom.Contracts.Campaign;
using Iom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xunit;

namespace Iom.Campaign.Tests.Public;

/// <summary>Issue 11 §3: one anonymous caller cannot take testimonies down (threshold 3 distinct reporters by default).</summary>
public sealed class ReportThresholdTests(CampaignFactory campaign) : IClassFixture<CampaignFactory>
{
    private Task<HttpResponseMessage> ReportAsync(Guid id, string reporter, string reason = "personal-information")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/campaign/public/testimonies/{id}/reports")
        {
            Content = JsonContent.Create(new { reason }),
        };
        request.Headers.Add("X-Forwarded-For", reporter);
        return campaign.CreateClient().SendAsync(request);
    }

    private async Task<JsonElement?> InQueueAsync(Guid id)
    {
        var queue = await campaign.Moderator().GetFromJsonAsync<JsonElement>("/api/campaign/moderation/queue?limit=50");
        return queue.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("id").GetGuid() == id).Select(i => (JsonElement?)i).FirstOrDefault();
    }

    private async Task<bool> PublicAsync(Guid id) =>
        (await campaign.CreateClient().GetAsync($"/api/campaign/public/testimonies/{id}")).StatusCode == HttpStatusCode.OK;

    [Fact]
    public async Task One_reporter_reporting_again_and_again_queues_the_testimony_at_once_but_cannot_take_it_down()
    {
        var receipt = await campaign.SubmitAndPublishAsync();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await ReportAsync(receipt.Id, "198.51.100.7")).StatusCode);
        }

        Assert.True(await PublicAsync(receipt.Id));
        var item = await InQueueAsync(receipt.Id);
        Assert.NotNull(item);
        Assert.Equal("published", item.Value.GetProperty("state").GetString());
        Assert.Equal(1, item.Value.GetProperty("reportCount").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, item.Value.GetProperty("flaggedAt").ValueKind);
        Assert.Equal(0, await campaign.StagedAsync<TestimonyUnpublished>(receipt.Id));
        Assert.Equal(1, await campaign.QueryAsync(db => db.TestimonyReports.CountAsync(r => r.TestimonyId == receipt.Id)));
    }

    [Fact]
    public async Task The_reporter_is_kept_as_a_keyed_hash_that_differs_per_testimony_never_the_address()
    {
        var first = await campaign.SubmitAndPublishAsync();
        var second = await campaign.SubmitAndPublishAsync();
        const string address = "192.0.2.55";

        await ReportAsync(first.Id, address);
        await ReportAsync(second.Id, address);

        var rows = await campaign.QueryAsync(db => db.Database
            .SqlQuery<string>($"SELECT r::text AS \"Value\" FROM testimony_reports r WHERE \"TestimonyId\" IN ({first.Id}, {second.Id})").ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.DoesNotContain(address, r, StringComparison.Ordinal));
        var hashes = await campaign.QueryAsync(db => db.TestimonyReports.Where(r => r.TestimonyId == first.Id || r.TestimonyId == second.Id).Select(r => r.ReporterHash!).ToListAsync());
        Assert.All(hashes, h => Assert.Equal(32, h.Length));
        Assert.NotEqual(Convert.ToHexString(hashes[0]), Convert.ToHexString(hashes[1]));
        Assert.DoesNotContain(address, string.Join(' ', hashes.Select(h => Encoding.Latin1.GetString(h))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moderator_keeping_it_decides_the_reports_erases_the_reporters_and_later_reports_count_afresh()
    {
        var receipt = await campaign.SubmitAndPublishAsync();
        await ReportAsync(receipt.Id, "198.51.100.20");
        await ReportAsync(receipt.Id, "198.51.100.21");

        var kept = await campaign.Moderator().PostAsJsonAsync($"/api/campaign/moderation/testimonies/{receipt.Id}/reports/dismissal", new { note = "Checked: nobody is identifiable." });

        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Null(await InQueueAsync(receipt.Id));
        Assert.True(await PublicAsync(receipt.Id));
        Assert.Equal(0, await campaign.QueryAsync(db => db.TestimonyReports.CountAsync(r => r.TestimonyId == receipt.Id && r.ReporterHash != null)));
        // A second dismissal has nothing to decide.
        Assert.Equal(HttpStatusCode.Conflict, (await campaign.Moderator().PostAsJsonAsync($"/api/campaign/moderation/testimonies/{receipt.Id}/reports/dismissal", new { })).StatusCode);

        // The same two reporters and one more, after the decision: three undecided reporters take it down.
        await ReportAsync(receipt.Id, "198.51.100.20");
        await ReportAsync(receipt.Id, "198.51.100.21");
        Assert.True(await PublicAsync(receipt.Id));
        await ReportAsync(receipt.Id, "198.51.100.22");
        Assert.False(await PublicAsync(receipt.Id));
        Assert.Equal(1, await campaign.StagedAsync<TestimonyUnpublished>(receipt.Id));
    }

    [Fact]
    public async Task A_moderator_holding_a_reported_testimony_takes_it_down_and_erases_the_reporters()
    {
        var receipt = await campaign.SubmitAndPublishAsync();
        await ReportAsync(receipt.Id, "2001:db8:1:2::10");
        // Another address in the same /64 is the same subscriber: it does not count twice.
        await ReportAsync(receipt.Id, "2001:db8:1:2::99");
        Assert.Equal(1, await campaign.QueryAsync(db => db.TestimonyReports.CountAsync(r => r.TestimonyId == receipt.Id)));

        var held = await campaign.Moderator().PostAsJsonAsync($"/api/campaign/moderation/testimonies/{receipt.Id}/hold", new { reason = "checking the report" });

        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.False(await PublicAsync(receipt.Id));
        Assert.Equal(0, await campaign.QueryAsync(db => db.TestimonyReports.CountAsync(r => r.TestimonyId == receipt.Id && r.ReporterHash != null)));
        Assert.Equal(1, await campaign.StagedAsync<TestimonyUnpublished>(receipt.Id));
    }

    [Fact]
    public async Task Concurrent_reports_from_many_reporters_take_it_down_once()
    {
        var receipt = await campaign.SubmitAndPublishAsync();

        var statuses = await Task.WhenAll(Enumerable.Range(1, 8).Select(async i => (await ReportAsync(receipt.Id, $"203.0.113.{i}")).StatusCode));

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Accepted or HttpStatusCode.NotFound, $"{s}"));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.Accepted));
        Assert.False(await PublicAsync(receipt.Id));
        Assert.Equal(1, await campaign.StagedAsync<TestimonyUnpublished>(receipt.Id));
        var item = await InQueueAsync(receipt.Id);
        Assert.Equal("pending", item!.Value.GetProperty("state").GetString());
    }
}

/// <summary>The threshold is configuration, bound and validated at start-up.</summary>
public sealed class ReportThresholdOptionsTests
{
    private sealed class ThresholdFactory : CampaignFactory
    {
        public ThresholdFactory(string threshold) => Set("Campaign:Reports:TakedownThreshold", threshold);
    }

    [Fact]
    public async Task A_threshold_of_one_restores_takedown_by_a_single_report()
    {
        await using var campaign = new ThresholdFactory("1");
        await ((IAsyncLifetime)campaign).InitializeAsync();
        try
        {
            var receipt = await campaign.SubmitAndPublishAsync();
            Assert.Equal(HttpStatusCode.Accepted, (await campaign.CreateClient().PostAsJsonAsync($"/api/campaign/public/testimonies/{receipt.Id}/reports", new { reason = "spam" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await campaign.CreateClient().GetAsync($"/api/campaign/public/testimonies/{receipt.Id}")).StatusCode);
        }
        finally
        {
            await ((IAsyncLifetime)campaign).DisposeAsync();
        }
    }

    [Fact]
    public async Task An_invalid_threshold_stops_the_service_at_start_up_naming_the_setting()
    {
        var campaign = new ThresholdFactory("0");
        try
        {
            var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => ((IAsyncLifetime)campaign).InitializeAsync());
            Assert.Contains("Campaign:Reports:TakedownThreshold", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            await Iom.TestSupport.TestDatabase.DropAsync(campaign.DatabaseConnection);
        }
    }
}
