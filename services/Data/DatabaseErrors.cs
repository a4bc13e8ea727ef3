using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Iom.Data;

/// <summary>Recognises PostgreSQL errors: those a use case turns into a client answer, and those that mean "the database is away".</summary>
public static class DatabaseErrors
{
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>
    /// The database is away or overloaded (connection refused or broken, timeout, shutting down, too many connections,
    /// a serialization failure): trying again later will work, the message is not at fault.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow })
            {
                return true;
            }

            if (e is NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
