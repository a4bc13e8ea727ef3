using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Iom.Messaging;

/// <summary>Recognises PostgreSQL errors a use case turns into a client answer (409) rather than a 500.</summary>
public static class DatabaseErrors
{
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
