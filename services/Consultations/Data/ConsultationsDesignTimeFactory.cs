using Iom.Data;
using Iom.Messaging;

namespace Iom.Consultations.Data;

internal sealed class ConsultationsDesignTimeFactory : DesignTimeDbContextFactory<ConsultationsDbContext>;
