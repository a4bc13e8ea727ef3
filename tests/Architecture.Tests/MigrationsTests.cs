extern alias campaign;
extern alias consultations;
extern alias media;
extern alias registry;

using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Architecture.Tests;

/// <summary>
/// Every service's model is what its migrations build: a change to the model (or to a naming convention) that would
/// alter the schema without a migration fails here, before any database sees it.
/// </summary>
public sealed class MigrationsTests
{
    [Fact]
    public void Registry_has_no_model_change_without_a_migration() =>
        AssertNoPendingChanges<registry::Iom.Registry.Data.RegistryDbContext>();

    [Fact]
    public void Consultations_has_no_model_change_without_a_migration() =>
        AssertNoPendingChanges<consultations::Iom.Consultations.Data.ConsultationsDbContext>();

    [Fact]
    public void Campaign_has_no_model_change_without_a_migration() =>
        AssertNoPendingChanges<campaign::Iom.Campaign.Data.CampaignDbContext>();

    [Fact]
    public void Media_has_no_model_change_without_a_migration() =>
        AssertNoPendingChanges<media::Iom.Media.Data.MediaDbContext>();

    private static void AssertNoPendingChanges<TDbContext>() where TDbContext : DbContext
    {
        var options = new DbContextOptionsBuilder<TDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options;
        using var db = (TDbContext)Activator.CreateInstance(typeof(TDbContext), options)!;
        Assert.False(db.Database.HasPendingModelChanges(), $"{typeof(TDbContext).Name}: the model differs from the last migration's snapshot (dotnet ef migrations add).");
    }
}
