using Iom.Media.Domain;
using Iom.Media.Feeds;
using Iom.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Iom.Media.Data;

public sealed class MediaDbContext(DbContextOptions<MediaDbContext> options) : DbContext(options)
{

    public DbSet<MediaPartner> Partners => Set<MediaPartner>();

    public DbSet<Journalist> Journalists => Set<Journalist>();

    public DbSet<FeedKey> FeedKeys => Set<FeedKey>();

    public DbSet<Story> Stories => Set<Story>();

    public DbSet<StoryAuditEntry> StoryAudit => Set<StoryAuditEntry>();

    public DbSet<TestimonySource> TestimonySources => Set<TestimonySource>();

    public DbSet<FetchLogEntry> FetchLog => Set<FetchLogEntry>();

    public DbSet<TrainingSession> TrainingSessions => Set<TrainingSession>();

    public DbSet<TrainingAttendance> TrainingAttendance => Set<TrainingAttendance>();


    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.Entity<MediaPartner>(e =>
        {
            e.ToTable("partners");
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).ValueGeneratedNever();
            e.Property(p => p.Name).HasMaxLength(300);
            e.Property(p => p.Acronym).HasMaxLength(40);
            e.Property(p => p.Country).HasMaxLength(2);
            e.Property(p => p.Type).HasMaxLength(60);
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        });
        modelBuilder.Entity<Journalist>(e =>
        {
            e.ToTable("journalists");
            e.HasKey(j => j.Id);
            e.Property(j => j.Id).ValueGeneratedNever();
            e.Property(j => j.Name).HasMaxLength(200);
            e.Property(j => j.Outlet).HasMaxLength(200);
            e.Property(j => j.Country).HasMaxLength(2);
            e.Property(j => j.Email).HasMaxLength(320);
            e.HasIndex(j => j.PartnerId);
            e.HasMany(j => j.Keys).WithOne().HasForeignKey(k => k.JournalistId);
        });
        modelBuilder.Entity<FeedKey>(e =>
        {
            e.ToTable("feed_keys");
            e.HasKey(k => k.Id);
            e.Property(k => k.Id).ValueGeneratedNever();
            e.Property(k => k.Hash).HasMaxLength(32);
            e.HasIndex(k => k.Hash).IsUnique();
            e.Property(k => k.Label).HasMaxLength(100);
            e.Property(k => k.RevokedReason).HasMaxLength(500);
        });
        modelBuilder.Entity<Story>(e =>
        {
            e.ToTable("stories");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).ValueGeneratedNever();
            e.Property(s => s.Headline).HasMaxLength(300);
            e.Property(s => s.Summary).HasMaxLength(2000);
            e.Property(s => s.SourceKind).HasMaxLength(40);
            e.Property(s => s.Attribution).HasMaxLength(300);
            e.Property(s => s.UsageTerms).HasMaxLength(1000);
            e.Property(s => s.CorrectionNote).HasMaxLength(2000);
            e.Property(s => s.WithdrawnReason).HasMaxLength(1000);
            e.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(s => s.Version).IsRowVersion();
            e.HasIndex(s => new { s.SourceKind, s.SourceId });
            e.Property(s => s.SourceTextHash).HasMaxLength(32);
            // One story per testimony: two deliveries racing to create it cannot both win (the loser is retried).
            e.HasIndex(s => s.SourceId).IsUnique().HasFilter("\"SourceKind\" = 'testimony'").HasDatabaseName("ux_stories_testimony");
            e.HasIndex(s => new { s.Status, s.UpdatedAt });
        });
        modelBuilder.Entity<TestimonySource>(e =>
        {
            e.ToTable("testimony_sources");
            e.HasKey(t => t.TestimonyId);
            e.Property(t => t.TestimonyId).ValueGeneratedNever();
            e.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        });
        modelBuilder.Entity<FeedState>(e =>
        {
            e.ToTable("feed_state");
            e.HasKey(f => f.Id);
            e.Property(f => f.Id).ValueGeneratedNever();
        });
        modelBuilder.Entity<StoryAuditEntry>(e =>
        {
            e.ToTable("story_audit");
            e.HasKey(a => a.Id);
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.Actor).HasMaxLength(200);
            e.Property(a => a.Detail).HasMaxLength(2000);
            e.HasIndex(a => a.StoryId);
        });
        modelBuilder.Entity<FetchLogEntry>(e =>
        {
            e.ToTable("fetch_log");
            e.HasKey(f => new { f.StoryId, f.KeyId });
            e.Property(f => f.StoryId).HasColumnName("story_id");
            e.Property(f => f.KeyId).HasColumnName("key_id");
            e.Property(f => f.JournalistId).HasColumnName("journalist_id");
            e.Property(f => f.FirstFetchedAt).HasColumnName("first_fetched_at");
            e.Property(f => f.LastFetchedAt).HasColumnName("last_fetched_at");
            e.HasIndex(f => f.LastFetchedAt);
        });
        modelBuilder.Entity<TrainingSession>(e =>
        {
            e.ToTable("training_sessions");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).ValueGeneratedNever();
            e.Property(t => t.Topic).HasMaxLength(300);
            e.Property(t => t.Trainer).HasMaxLength(200);
            e.Property(t => t.Place).HasMaxLength(300);
            e.HasMany(t => t.Attendance).WithOne().HasForeignKey(a => a.SessionId);
        });
        modelBuilder.Entity<TrainingAttendance>(e =>
        {
            e.ToTable("training_attendance");
            e.HasKey(a => new { a.SessionId, a.JournalistId });
            e.HasIndex(a => a.JournalistId);
        });
    }
}
