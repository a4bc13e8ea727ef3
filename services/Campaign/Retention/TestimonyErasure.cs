using Iom.Campaign.Data;
using Iom.Contracts.Campaign;
using Microsoft.EntityFrameworkCore;

namespace Iom.Campaign.Retention;

/// <summary>
/// Erases the copies Campaign keeps of testimonies whose content goes (complete withdrawal, retention): reports (their
/// notes may quote the story), audit details, the outbox rows of TestimonyPublished (sent, or not yet — an unsent
/// copy then never leaves) and the stored answers of idempotent submissions. Run it in the erasing transaction.
/// </summary>
internal static class TestimonyErasure
{
    private static readonly string PublishedType = $"{typeof(TestimonyPublished).FullName}, {typeof(TestimonyPublished).Assembly.GetName().Name}";

    public static async Task EraseCopiesAsync(CampaignDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var idArray = ids.ToArray();
        var texts = ids.Select(id => id.ToString()).ToArray();
        await db.Database.ExecuteSqlAsync($"""DELETE FROM testimony_reports WHERE "TestimonyId" = ANY({idArray})""", cancellationToken);
        await db.Database.ExecuteSqlAsync($"""UPDATE moderation_audit SET "Detail" = NULL WHERE "TestimonyId" = ANY({idArray}) AND "Detail" IS NOT NULL""", cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"DELETE FROM outbox_messages WHERE message_type = {PublishedType} AND body->>'testimonyId' = ANY({texts})", cancellationToken);
        await db.Database.ExecuteSqlAsync($"""DELETE FROM idempotency_records WHERE "ResourceId" = ANY({idArray})""", cancellationToken);
    }
}
