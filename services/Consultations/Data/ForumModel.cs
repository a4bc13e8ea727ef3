using Iom.Consultations.Domain;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Data;

/// <summary>Tables of the iDiaspora forum.</summary>
internal static class ForumModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Forum>(e =>
        {
            e.ToTable("forums");
            e.HasKey(f => f.Id);
            e.Property(f => f.Id).ValueGeneratedNever();
            e.Property(f => f.Title).HasMaxLength(300);
            e.HasOne<Consultation>().WithMany().HasForeignKey(f => f.ConsultationId);
            e.HasIndex(f => f.ConsultationId).IsUnique();
        });

        modelBuilder.Entity<ForumTopic>(e =>
        {
            e.ToTable("forum_topics");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).ValueGeneratedNever();
            e.Property(t => t.Title).HasMaxLength(200);
            e.Property(t => t.Question).HasMaxLength(1000);
            e.HasOne<Forum>().WithMany().HasForeignKey(t => t.ForumId);
        });

        modelBuilder.Entity<ForumContribution>(e =>
        {
            e.ToTable("forum_contributions");
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).ValueGeneratedNever();
            e.Property(c => c.CountryOfOrigin).HasMaxLength(2).IsFixedLength();
            e.Property(c => c.Language).HasMaxLength(3);
            e.Property(c => c.Text).HasMaxLength(5000);
            e.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.ModeratedBy).HasMaxLength(200);
            e.Property(c => c.RejectionReason).HasMaxLength(500);
            e.HasOne<Forum>().WithMany().HasForeignKey(c => c.ForumId);
            e.HasOne<ForumTopic>().WithMany().HasForeignKey(c => c.TopicId);
            e.HasOne<ForumContribution>().WithMany().HasForeignKey(c => c.ParentId);
            e.HasIndex(c => new { c.ForumId, c.State, c.SubmittedAt });
        });

        modelBuilder.Entity<ForumSupport>(e =>
        {
            e.ToTable("forum_supports");
            e.HasKey(s => new { s.ContributionId, s.SupporterKey });
            e.Property(s => s.SupporterKey).HasMaxLength(250);
            e.HasOne<ForumContribution>().WithMany().HasForeignKey(s => s.ContributionId);
        });

        modelBuilder.Entity<ForumSynthesis>(e =>
        {
            e.ToTable("forum_syntheses");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).ValueGeneratedNever();
            e.Property(s => s.Text).HasMaxLength(50000);
            e.HasOne<Forum>().WithMany().HasForeignKey(s => s.ForumId);
            e.HasIndex(s => s.ForumId).IsUnique();
        });
    }
}
