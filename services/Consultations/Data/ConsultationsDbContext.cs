using Iom.Consultations.Domain;
using Iom.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Data;

public sealed class ConsultationsDbContext(DbContextOptions<ConsultationsDbContext> options) : DbContext(options)
{
    public DbSet<Partner> Partners => Set<Partner>();

    public DbSet<Consultation> Consultations => Set<Consultation>();

    public DbSet<Registration> Registrations => Set<Registration>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<FundingRequest> FundingRequests => Set<FundingRequest>();

    public DbSet<AgendaSession> AgendaSessions => Set<AgendaSession>();

    public DbSet<Submission> Submissions => Set<Submission>();

    public DbSet<RegionalSynthesis> RegionalSyntheses => Set<RegionalSynthesis>();

    public DbSet<Forum> Forums => Set<Forum>();

    public DbSet<ForumTopic> ForumTopics => Set<ForumTopic>();

    public DbSet<ForumContribution> ForumContributions => Set<ForumContribution>();

    public DbSet<ForumSupport> ForumSupports => Set<ForumSupport>();

    public DbSet<ForumSynthesis> ForumSyntheses => Set<ForumSynthesis>();

    public DbSet<SyndicateMember> SyndicateMembers => Set<SyndicateMember>();

    public DbSet<RecommendedRead> RecommendedReads => Set<RecommendedRead>();

    public DbSet<ResearchPaper> ResearchPapers => Set<ResearchPaper>();

    /// <summary>
    /// Loads the consultation and locks its row until the current transaction ends (SELECT ... FOR UPDATE):
    /// every decision about seats, the waitlist or the budget is taken by one request at a time.
    /// </summary>
    public Task<Consultation?> LockConsultationAsync(Guid id, CancellationToken cancellationToken) =>
        Consultations.FromSql($"""SELECT * FROM consultations WHERE "Id" = {id} FOR UPDATE""").SingleOrDefaultAsync(cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.Entity<Partner>(e =>
        {
            e.ToTable("partners");
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).ValueGeneratedNever();
            e.Property(p => p.Name).HasMaxLength(300);
            e.Property(p => p.Acronym).HasMaxLength(40);
            e.Property(p => p.Type).HasMaxLength(40);
            e.Property(p => p.Country).HasMaxLength(2).IsFixedLength();
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        });

        modelBuilder.Entity<Consultation>(e =>
        {
            e.ToTable("consultations");
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).ValueGeneratedNever();
            e.Property(c => c.Kind).HasMaxLength(60);
            e.Property(c => c.Title).HasMaxLength(300);
            e.Property(c => c.Region).HasMaxLength(80);
            e.Property(c => c.City).HasMaxLength(120);
            e.Property(c => c.Country).HasMaxLength(2).IsFixedLength();
            e.Property(c => c.TravelBudget).HasPrecision(14, 2);
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(30);
            e.Property(c => c.CancellationReason).HasMaxLength(500);
            e.Ignore(c => c.EffectiveRegion);
            e.Ignore(c => c.ResolvedRegion);
            e.Ignore(c => c.IsUpcoming);
            e.HasIndex(c => c.StartsAt);
        });

        modelBuilder.Entity<Registration>(e =>
        {
            e.ToTable("registrations");
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.DelegateName).HasMaxLength(200);
            e.Property(r => r.DelegateEmail).HasMaxLength(254);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.Sequence).UseIdentityAlwaysColumn();
            e.Property(r => r.CancellationReason).HasMaxLength(200);
            e.Ignore(r => r.IsActive);
            e.HasOne<Consultation>().WithMany().HasForeignKey(r => r.ConsultationId);
            // The same person holds at most one active registration per consultation, even under concurrency.
            e.HasIndex(r => new { r.ConsultationId, r.DelegateEmail }).IsUnique().HasFilter("\"Status\" <> 'Cancelled'");
            e.HasIndex(r => r.OrganizationId);
        });

        modelBuilder.Entity<Invitation>(e =>
        {
            e.ToTable("invitations");
            e.HasKey(i => new { i.ConsultationId, i.OrganizationId });
            e.Property(i => i.Reason).HasMaxLength(40);
            e.HasOne<Consultation>().WithMany().HasForeignKey(i => i.ConsultationId);
        });

        modelBuilder.Entity<FundingRequest>(e =>
        {
            e.ToTable("funding_requests");
            e.HasKey(f => f.Id);
            e.Property(f => f.Id).ValueGeneratedNever();
            e.Property(f => f.Amount).HasPrecision(14, 2);
            e.Property(f => f.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(f => f.DecidedBy).HasMaxLength(200);
            e.HasOne<Consultation>().WithMany().HasForeignKey(f => f.ConsultationId);
            e.HasOne<Registration>().WithMany().HasForeignKey(f => f.RegistrationId);
        });

        modelBuilder.Entity<AgendaSession>(e =>
        {
            e.ToTable("agenda_sessions");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).ValueGeneratedNever();
            e.Property(s => s.Title).HasMaxLength(300);
            e.Property(s => s.Format).HasMaxLength(20);
            e.HasOne<Consultation>().WithMany().HasForeignKey(s => s.ConsultationId);
        });

        modelBuilder.Entity<Submission>(e =>
        {
            e.ToTable("submissions");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).ValueGeneratedNever();
            e.Property(s => s.Text).HasMaxLength(20000);
            e.Property(s => s.Region).HasMaxLength(80);
            e.HasOne<Consultation>().WithMany().HasForeignKey(s => s.ConsultationId);
        });

        modelBuilder.Entity<RegionalSynthesis>(e =>
        {
            e.ToTable("regional_syntheses");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).ValueGeneratedNever();
            e.Property(s => s.Region).HasMaxLength(80);
            e.Property(s => s.Text).HasMaxLength(50000);
            e.HasOne<Consultation>().WithMany().HasForeignKey(s => s.ConsultationId);
            e.HasIndex(s => new { s.ConsultationId, s.Region }).IsUnique();
        });

        ForumModel.Configure(modelBuilder);
        SyndicateModel.Configure(modelBuilder);
    }
}
