using Iom.Messaging.Inbox;
using Iom.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Iom.Messaging;

/// <summary>Adds the outbox and inbox tables to a service's model. Call from OnModelCreating.</summary>
public static class OutboxInboxModel
{
    public const string OutboxTable = "outbox_messages";
    public const string InboxTable = "inbox_messages";

    internal const int LastErrorLength = 1000;

    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable(OutboxTable);
            e.HasKey(m => m.Sequence);
            e.Property(m => m.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
            e.Property(m => m.MessageId).HasColumnName("message_id");
            e.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(400);
            e.Property(m => m.Body).HasColumnName("body").HasColumnType("jsonb");
            e.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(128);
            e.Property(m => m.CreatedAt).HasColumnName("created_at");
            e.Property(m => m.SentAt).HasColumnName("sent_at");
            e.Property(m => m.Attempts).HasColumnName("attempts").HasDefaultValue(0);
            e.Property(m => m.ParkedAt).HasColumnName("parked_at");
            e.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(LastErrorLength);
            e.HasIndex(m => m.MessageId).IsUnique();
            // The relay only ever looks at unsent, unparked rows: keep that index small.
            e.HasIndex(m => m.Sequence, "ix_outbox_unsent").HasFilter("sent_at IS NULL AND parked_at IS NULL");
            // Parked rows are few; the metric and the admin list read them through this index.
            e.HasIndex(m => m.Sequence, "ix_outbox_parked").HasFilter("parked_at IS NOT NULL");
        });

        modelBuilder.Entity<InboxMessage>(e =>
        {
            e.ToTable(InboxTable);
            e.HasKey(m => new { m.MessageId, m.Consumer });
            e.Property(m => m.MessageId).HasColumnName("message_id");
            e.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(200);
            e.Property(m => m.ProcessedAt).HasColumnName("processed_at");
        });

        return modelBuilder;
    }
}
