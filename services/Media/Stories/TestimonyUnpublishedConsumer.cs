using Iom.Contracts.Campaign;
using Iom.Media.Data;
using Iom.Media.Domain;
using Iom.Messaging;
using Iom.Messaging.Inbox;
using MassTransit;

namespace Iom.Media.Stories;

/// <summary>
/// Campaign → Media: a published testimony was taken down (reported, held or rejected by a moderator) → its story
/// leaves the feeds (a tombstone, StoryWithdrawn) and its text leaves this database; the story may come back when
/// Campaign publishes the testimony again. Ordered by the testimony's own time: an older event arriving late is ignored.
/// </summary>
public sealed class TestimonyUnpublishedConsumer(MediaDbContext db, StoryLifecycle lifecycle) : IdempotentConsumer<MediaDbContext, TestimonyUnpublished>(db)
{
    protected override async Task HandleAsync(TestimonyUnpublished message, ConsumeContext<TestimonyUnpublished> context)
    {
        var (source, story) = await TestimonySources.LockAsync(Db, message.TestimonyId, context.CancellationToken);
        if (source.Status == TestimonySourceStatus.ConsentWithdrawn || !source.ApplyStatus(TestimonySourceStatus.Unpublished, message.UnpublishedAt))
        {
            return;
        }

        if (story is not null && !(story.Status == StoryStatus.Withdrawn && story.TextErased))
        {
            lifecycle.Withdraw(Db, story, story.Status == StoryStatus.Withdrawn ? story.WithdrawnReason! : TestimonySources.TakenDownReason,
                "campaign:testimony-unpublished", erase: true);
        }
    }
}
