using Iom.Consultations.Domain;
using Iom.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Data;

public sealed class ConsultationsDbContext(DbContextOptions<ConsultationsDbContext> options) : DbContext(options)
{
    public DbSet<Partner> Partners => Set<Partner>();

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
    }
}
