using Iom.Campaign.Domain;
using Iom.Campaign.Idempotency;
using Iom.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Iom.Campaign.Data;

public sealed class CampaignDbContext(DbContextOptions<CampaignDbContext> options) : DbContext(options)
{
    public DbSet<Testimony> Testimonies => Set<Testimony>();

    public DbSet<ModerationAuditEntry> ModerationAudit => Set<ModerationAuditEntry>();

    public DbSet<TestimonyReport> TestimonyReports => Set<TestimonyReport>();

    public DbSet<Partner> Partners => Set<Partner>();

    public DbSet<VolunteerAction> VolunteerActions => Set<VolunteerAction>();

    public DbSet<Signup> Signups => Set<Signup>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.Entity<Testimony>(e =>
        {
            e.ToTable("testimonies");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).ValueGeneratedNever();
            e.Property(t => t.Title).HasMaxLength(200);
            e.Property(t => t.Story).HasMaxLength(10_000);
            e.Property(t => t.RedactedTitle).HasMaxLength(200);
            e.Property(t => t.RedactedStory).HasMaxLength(10_000);
            e.Property(t => t.Language).HasMaxLength(2);
            e.Property(t => t.CountryOfOrigin).HasMaxLength(2).IsFixedLength();
            e.Property(t => t.CountryOfResidence).HasMaxLength(2).IsFixedLength();
            e.Property(t => t.FirstName).HasMaxLength(60);
            e.Property(t => t.ConsentReference).HasMaxLength(100);
            e.Property(t => t.SecretHash).HasMaxLength(32);
            e.Property(t => t.State).HasConversion<string>().HasMaxLength(20);
            e.Property(t => t.ModerationNote).HasMaxLength(1000);
            e.Property(t => t.Version).IsRowVersion();
            e.Ignore(t => t.PublicTitle);
            e.Ignore(t => t.PublicStory);
            e.Ignore(t => t.AuthorDisplay);
            e.Ignore(t => t.IsShownInApp);
            e.Ignore(t => t.CanBeApproved);
            e.Ignore(t => t.CanBeRejected);
            e.Ignore(t => t.CanBeHeld);
            e.Ignore(t => t.CanBeEdited);
            e.HasIndex(t => new { t.State, t.QueuedAt });
            e.HasIndex(t => new { t.State, t.PublishedAt });
            e.HasIndex(t => new { t.State, t.PublishAt });
            e.HasIndex(t => new { t.State, t.UpdatedAt });
        });

        modelBuilder.Entity<ModerationAuditEntry>(e =>
        {
            e.ToTable("moderation_audit");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).UseIdentityAlwaysColumn();
            e.Property(a => a.Actor).HasMaxLength(200);
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.Detail).HasMaxLength(1000);
            e.HasIndex(a => new { a.TestimonyId, a.At });
        });

        modelBuilder.Entity<TestimonyReport>(e =>
        {
            e.ToTable("testimony_reports");
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.Reason).HasMaxLength(40);
            e.Property(r => r.Note).HasMaxLength(1000);
            e.Property(r => r.ReporterHash).HasMaxLength(32);
            e.HasIndex(r => r.TestimonyId);
            // One undecided report per reporter and testimony: a repeated report does not count twice.
            e.HasIndex(r => new { r.TestimonyId, r.ReporterHash }).IsUnique().HasFilter("\"ReporterHash\" IS NOT NULL");
        });

        modelBuilder.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable("idempotency_records");
            e.HasKey(r => r.KeyHash);
            e.Property(r => r.KeyHash).HasMaxLength(64);
            e.Property(r => r.Scope).HasMaxLength(100);
            e.Property(r => r.RequestHash).HasMaxLength(64);
            e.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.Location).HasMaxLength(300);
            e.HasIndex(r => r.CreatedAt);
            e.HasIndex(r => r.ResourceId);
        });

        modelBuilder.Entity<Partner>(e =>
        {
            e.ToTable("partners");
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).ValueGeneratedNever();
            e.Property(p => p.Name).HasMaxLength(300);
            e.Property(p => p.Acronym).HasMaxLength(40);
            e.Property(p => p.Country).HasMaxLength(2).IsFixedLength();
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        });

        modelBuilder.Entity<VolunteerAction>(e =>
        {
            e.ToTable("volunteer_actions");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.Title).HasMaxLength(200);
            e.Property(a => a.Description).HasMaxLength(5000);
            e.Property(a => a.Country).HasMaxLength(2).IsFixedLength();
            e.Property(a => a.City).HasMaxLength(100);
            e.Property(a => a.Venue).HasMaxLength(300);
            e.Property(a => a.CancellationReason).HasMaxLength(1000);
            e.Property(a => a.CreatedBy).HasMaxLength(200);
            e.ToTable(t => t.HasCheckConstraint("ck_volunteer_actions_capacity", "\"SignupCount\" >= 0 AND \"SignupCount\" <= \"VolunteersNeeded\""));
            e.HasIndex(a => new { a.OrganizationId, a.StartsAt });
            e.HasIndex(a => a.StartsAt);
        });

        modelBuilder.Entity<Signup>(e =>
        {
            e.ToTable("signups");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).ValueGeneratedNever();
            e.Property(s => s.Name).HasMaxLength(120);
            e.Property(s => s.Contact).HasMaxLength(200);
            e.HasOne<VolunteerAction>().WithMany().HasForeignKey(s => s.ActionId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(s => s.ActionId);
        });
    }
}
