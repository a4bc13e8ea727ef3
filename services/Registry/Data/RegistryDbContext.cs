using Iom.Messaging;
using Iom.Registry.Domain;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.Data;

public sealed class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : DbContext(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.Entity<Organization>(e =>
        {
            e.ToTable("organizations");
            e.HasKey(o => o.Id);
            e.Property(o => o.Name).HasMaxLength(300);
            e.Property(o => o.NormalizedName).HasMaxLength(300);
            e.Property(o => o.Acronym).HasMaxLength(40);
            e.Property(o => o.Type).HasConversion<string>().HasMaxLength(40);
            e.Property(o => o.Country).HasMaxLength(2).IsFixedLength();
            e.HasIndex(o => new { o.NormalizedName, o.Country }).IsUnique();
        });
    }
}
