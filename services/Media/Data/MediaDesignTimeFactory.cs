using Iom.Data;
using Iom.Messaging;

namespace Iom.Media.Data;

internal sealed class MediaDesignTimeFactory : DesignTimeDbContextFactory<MediaDbContext>;
