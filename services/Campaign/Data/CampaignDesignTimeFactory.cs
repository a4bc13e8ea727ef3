using Iom.Data;
using Iom.Messaging;

namespace Iom.Campaign.Data;

internal sealed class CampaignDesignTimeFactory : DesignTimeDbContextFactory<CampaignDbContext>;
