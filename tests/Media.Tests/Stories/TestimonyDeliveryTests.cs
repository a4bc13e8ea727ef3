using System.Net;
using Iom.Contracts.Campaign;
using Iom.Contracts.Media;
using Iom.Media.Domain;
using Iom.Messaging.ErrorQueues;
using Iom.Messaging.Inbox;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Iom.Media.Tests.Stories.TestimonyFeedCheck;

namespace Iom.Media.Tests.Stories;

/// <summary>
/// Delivery as it happens on a real broker: a publication and a withdrawal handled at the same moment (the withdrawal
/// wins, in either order), and messages replayed from the error queue (a duplicate changes nothing, an older
/// publication never brings back its text).
/// </summary>
public sealed class TestimonyDeliveryTests(MediaFactory media) : IClassFixture<MediaFactory>
{
    private readonly MediaApi api = new(media);

    [Fact]
    public async Task A_publication_and_a_withdrawal_delivered_at_once_always_end_withdrawn()
    {
        await using var bus = await TestBus.StartAsync(media.Servers.RabbitMq);
        var at = DateTimeOffset.UtcNow;
        var testimonies = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList();
        var titles = testimonies.ToDictionary(t => t, t => "Concurrent " + t.ToString("N")[..10]);

        // Half the publications carry a time after the withdrawal's: a withdrawal is final whatever the times say.
        var sent = await Task.WhenAll(testimonies.SelectMany((t, i) => new[]
        {
            bus.PublishAsync(Published(t, titles[t], "Text of " + titles[t], i % 2 == 0 ? at.AddSeconds(1) : at)),
            bus.PublishAsync(new ConsentWithdrawn(t, [ConsentPurposes.Press], Complete: false, i % 2 == 0 ? at : at.AddSeconds(1))),
        }));
        await Eventually.TrueAsync(async () => await media.QueryAsync(db => db.Set<InboxMessage>().CountAsync(m => sent.Contains(m.MessageId))) == sent.Length,
            TimeSpan.FromSeconds(60), "every event consumed");

        var sources = await media.QueryAsync(db => db.TestimonySources.AsNoTracking().Where(s => testimonies.Contains(s.TestimonyId)).ToListAsync());
        Assert.Equal(testimonies.Count, sources.Count);
        Assert.All(sources, s => Assert.Equal(TestimonySourceStatus.ConsentWithdrawn, s.Status));
        var stories = await media.QueryAsync(db => db.Stories.AsNoTracking().Where(s => s.SourceId != null && testimonies.Contains(s.SourceId.Value)).ToListAsync());
        Assert.All(stories, s =>
        {
            Assert.Equal(StoryStatus.Withdrawn, s.Status);
            Assert.Null(s.Headline);
            Assert.Null(s.Body);
            Assert.Null(s.SourceTextHash);
        });
        var texts = await AllFormatsAsync(api.Feed(await api.NewKeyAsync()));
        Assert.All(texts.Values, t => Assert.DoesNotContain(titles.Values, title => t.Contains(title, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Messages_replayed_from_the_error_queue_are_applied_once_and_an_older_publication_changes_nothing()
    {
        await using var bus = await TestBus.StartAsync(media.Servers.RabbitMq);
        await using var probe = await BusProbe.StartAsync(media.Servers.RabbitMq, typeof(StoryPublished));
        var queue = media.Services.GetRequiredService<ConsumerQueues>().Names.Single(n => n.EndsWith("testimony-published", StringComparison.Ordinal));
        var testimony = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow;
        var oldText = "Unredacted " + testimony.ToString("N")[..10];
        var original = Published(testimony, "Original", oldText, at);
        var redacted = Published(testimony, "Redacted", "The text without the name.", at.AddSeconds(2));

        // The first publication failed earlier and waits in the error queue; meanwhile the testimony was taken down and published again.
        var originalId = Guid.NewGuid();
        await SendToErrorQueueAsync(queue, original, originalId);
        await bus.PublishAsync(new TestimonyUnpublished(testimony, "on hold", at.AddSeconds(1)));
        var redactedId = await bus.PublishAsync(redacted);
        var story = await Eventually.GetAsync(() => media.QueryAsync(db => db.Stories.AsNoTracking().FirstOrDefaultAsync(s => s.SourceId == testimony && s.Status == StoryStatus.Published)), what: "the story");
        await SendToErrorQueueAsync(queue, redacted, redactedId); // and a copy of a message already applied

        var replay = await media.ClientFor(SuiteRoles.Admin).PostAsync($"/api/media/admin/error-queues/{queue}/replay", null);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        await Eventually.TrueAsync(() => media.QueryAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.MessageId == originalId)), what: "the replayed publication");

        var stored = await media.QueryAsync(db => db.Stories.AsNoTracking().Where(s => s.SourceId == testimony).ToListAsync());
        Assert.Equal(story!.Id, Assert.Single(stored).Id);
        Assert.Equal("The text without the name.", stored[0].Body);
        Assert.Equal(story.UpdatedAt, stored[0].UpdatedAt);
        await probe.WaitForAsync<StoryPublished>(m => m.GetProperty("storyId").GetGuid() == story.Id);
        Assert.Single(probe.OfType<StoryPublished>(), m => m.Message.GetProperty("storyId").GetGuid() == story.Id);
        Assert.All((await AllFormatsAsync(api.Feed(await api.NewKeyAsync()))).Values, t => Assert.DoesNotContain(oldText, t, StringComparison.Ordinal));
    }

    private async Task SendToErrorQueueAsync<T>(string queue, T message, Guid messageId) where T : class
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(media.Servers.RabbitMq)));
        await bus.StartAsync();
        try
        {
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{queue}_error"));
            await endpoint.Send(message, ctx => ctx.MessageId = messageId);
        }
        finally
        {
            await bus.StopAsync();
        }
    }
}
