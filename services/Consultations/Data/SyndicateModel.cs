using Iom.Consultations.Domain;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Data;

/// <summary>Tables of the Migration Research Leaders Syndicate.</summary>
internal static class SyndicateModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SyndicateMember>(e =>
        {
            e.ToTable("syndicate_members");
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).ValueGeneratedNever();
            e.Property(m => m.Name).HasMaxLength(200);
            e.Property(m => m.Email).HasMaxLength(254);
            e.Property(m => m.InvitedBy).HasMaxLength(200);
            e.HasIndex(m => m.Email).IsUnique();
        });

        modelBuilder.Entity<RecommendedRead>(e =>
        {
            e.ToTable("recommended_reads");
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.Title).HasMaxLength(500);
            e.Property(r => r.Doi).HasMaxLength(200);
            e.Property(r => r.Url).HasMaxLength(2000);
            e.Property(r => r.WhyItMatters).HasMaxLength(2000);
            e.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
            e.HasOne<SyndicateMember>().WithMany().HasForeignKey(r => r.MemberId);
            e.HasOne<Consultation>().WithMany().HasForeignKey(r => r.ConsultationId);
            e.HasIndex(r => new { r.MemberId, r.ConsultationId });
        });

        modelBuilder.Entity<ResearchPaper>(e =>
        {
            e.ToTable("research_papers");
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).ValueGeneratedNever();
            e.Property(p => p.Title).HasMaxLength(300);
            e.Property(p => p.Abstract).HasMaxLength(3000);
            e.Property(p => p.BodyMarkdown).HasMaxLength(100000);
            e.Property(p => p.Licence).HasMaxLength(40);
            e.Property(p => p.PdfSha256).HasMaxLength(64).IsFixedLength();
            e.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.EditorNote).HasMaxLength(2000);
            e.Property(p => p.PublishedBy).HasMaxLength(200);
            e.HasOne<SyndicateMember>().WithMany().HasForeignKey(p => p.MemberId);
            e.HasOne<Consultation>().WithMany().HasForeignKey(p => p.ConsultationId);
            e.HasOne<AgendaSession>().WithMany().HasForeignKey(p => p.SessionId);
            e.HasIndex(p => new { p.State, p.PublishedAt });
        });
    }
}
