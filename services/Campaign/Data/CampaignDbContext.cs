using Iom.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Iom.Campaign.Data;

public sealed class CampaignDbContext(DbContextOptions<CampaignDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
    }
}
