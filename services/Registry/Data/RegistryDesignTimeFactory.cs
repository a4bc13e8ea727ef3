using Iom.Data;
using Iom.Messaging;

namespace Iom.Registry.Data;

internal sealed class RegistryDesignTimeFactory : DesignTimeDbContextFactory<RegistryDbContext>;
