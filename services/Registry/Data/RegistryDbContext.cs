using System.Text.Json;
using Iom.Messaging;
using Iom.Registry.Domain;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.Data;

public sealed class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : DbContext(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<FocalPoint> FocalPoints => Set<FocalPoint>();

    public DbSet<AuditEntry> AuditTrail => Set<AuditEntry>();

    public DbSet<ObserverApplication> ObserverApplications => Set<ObserverApplication>();

    public DbSet<Agreement> Agreements => Set<Agreement>();

    public DbSet<CapacityDevelopmentRecord> CapacityDevelopment => Set<CapacityDevelopmentRecord>();

    public DbSet<ConsortiumMembership> ConsortiumMemberships => Set<ConsortiumMembership>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.Entity<Organization>(e =>
        {
            e.ToTable("organizations");
            e.HasKey(o => o.Id);
            e.Property(o => o.Name).HasMaxLength(300);
            // "C" collation: the listing's keyset (normalized_name, id) compares bytes, the same in SQL and in the index.
            e.Property(o => o.NormalizedName).HasMaxLength(300).UseCollation("C");
            e.Property(o => o.Acronym).HasMaxLength(40);
            e.Property(o => o.Type).HasConversion<string>().HasMaxLength(40);
            e.Property(o => o.Scope).HasConversion<string>().HasMaxLength(20);
            e.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(o => o.StatusReason).HasMaxLength(1000);
            e.Property(o => o.Country).HasMaxLength(2).IsFixedLength();
            e.Property(o => o.Website).HasMaxLength(500);
            e.Property(o => o.IatiIdentifier).HasMaxLength(100);
            e.Property(o => o.Version).IsConcurrencyToken();
            e.Ignore(o => o.ETag);
            e.HasIndex(o => new { o.NormalizedName, o.Country }).IsUnique();
            e.HasIndex(o => new { o.NormalizedName, o.Id });
            e.HasIndex(o => o.Name).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_organizations_name_trgm");
            e.HasIndex(o => o.Acronym).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_organizations_acronym_trgm");
            e.HasIndex(o => o.CountriesOfOperation).HasMethod("gin");
            e.HasIndex(o => o.Themes).HasMethod("gin");
            e.HasIndex(o => o.Regions).HasMethod("gin");
            e.HasIndex(o => o.SearchWords).HasMethod("gin");
            e.HasIndex(o => o.Country);
            e.HasIndex(o => new { o.Type, o.Status });
            e.HasIndex(o => o.Status);
            e.HasIndex(o => o.IsObserver).HasFilter("is_observer");
            e.HasMany(o => o.FocalPoints).WithOne().HasForeignKey(f => f.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<FocalPoint>(e =>
        {
            e.ToTable("focal_points");
            e.HasKey(f => f.Id);
            e.Property(f => f.Name).HasMaxLength(200);
            e.Property(f => f.Role).HasMaxLength(200);
            e.Property(f => f.Email).HasMaxLength(320);
            e.Property(f => f.Phone).HasMaxLength(40);
        });
        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_trail");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).UseIdentityAlwaysColumn();
            e.Property(a => a.Actor).HasMaxLength(200);
            e.Property(a => a.Action).HasMaxLength(40);
            e.HasIndex(a => new { a.OrganizationId, a.Id });
        });
        modelBuilder.Entity<ObserverApplication>(e =>
        {
            e.ToTable("observer_applications");
            e.HasKey(a => a.Id);
            e.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(a => a.SupportingStatement).HasMaxLength(4000);
            e.Property(a => a.ReviewedBy).HasMaxLength(200);
            e.Property(a => a.ReviewNotes).HasMaxLength(4000);
            e.Property(a => a.DecisionReference).HasMaxLength(100);
            e.Property(a => a.WithdrawalReason).HasMaxLength(1000);
            e.Ignore(a => a.IsOpen);
            // One open application per organisation, enforced by the database too.
            e.HasIndex(a => a.OrganizationId).IsUnique().HasFilter("status IN ('Submitted', 'UnderReview')").HasDatabaseName("ux_observer_applications_open");
            e.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId);
        });
        modelBuilder.Entity<Agreement>(e =>
        {
            e.ToTable("agreements");
            e.HasKey(a => a.Id);
            e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(40);
            e.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(a => a.Title).HasMaxLength(300);
            e.Property(a => a.TerminationReason).HasMaxLength(1000);
            e.HasIndex(a => a.OrganizationId);
            e.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId);
        });
        modelBuilder.Entity<CapacityDevelopmentRecord>(e =>
        {
            e.ToTable("capacity_development");
            e.HasKey(c => c.Id);
            e.Property(c => c.Topic).HasMaxLength(300);
            e.Property(c => c.Hours).HasPrecision(8, 2);
            e.HasIndex(c => c.OrganizationId);
            e.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId);
        });
        modelBuilder.Entity<ConsortiumMembership>(e =>
        {
            e.ToTable("consortium_memberships");
            e.HasKey(m => m.Id);
            e.Property(m => m.From).HasColumnName("from_date");
            e.Property(m => m.To).HasColumnName("to_date");
            e.HasIndex(m => new { m.ConsortiumId, m.From });
            e.HasOne<Organization>().WithMany().HasForeignKey(m => m.ConsortiumId);
            e.HasOne<Organization>().WithMany().HasForeignKey(m => m.MemberId);
        });

        // snake_case columns for the registry's own tables, so the hand-written search SQL reads naturally: the
        // framework's snake_case policy for column names only (ADR 0012: EFCore.NamingConventions would also rename
        // every key, index and foreign key).
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(t => t.ClrType.Namespace == typeof(Organization).Namespace))
        {
            foreach (var property in entity.GetProperties().Where(p => p.GetColumnName() == p.Name))
            {
                property.SetColumnName(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name));
            }
        }
    }
}
