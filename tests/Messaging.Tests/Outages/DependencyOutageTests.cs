using Iom.ServiceDefaults.Outages;
using Npgsql;
using Xunit;

namespace Iom.Messaging.Tests.Outages;

/// <summary>What counts as PostgreSQL being away (a 503, a retried seed) and what is a bug (a 500).</summary>
public sealed class DependencyOutageTests
{
    [Fact]
    public void No_suitable_host_of_a_multi_host_connection_is_the_database_being_away()
    {
        // Cluster mode: while every host is marked offline, Npgsql says so without trying (no inner exception per host).
        Assert.Equal(DependencyOutage.Database, DependencyOutage.Find(new NpgsqlException("No suitable host was found.", new AggregateException())));
        Assert.Equal(DependencyOutage.Database, DependencyOutage.Find(new InvalidOperationException("transient", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()))));
    }

    [Fact]
    public void A_sql_error_is_a_bug_and_a_shutdown_is_an_outage()
    {
        Assert.Null(DependencyOutage.Find(new PostgresException("column \"x\" does not exist", "ERROR", "ERROR", PostgresErrorCodes.UndefinedColumn)));
        Assert.Equal(DependencyOutage.Database, DependencyOutage.Find(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown)));
        Assert.Null(DependencyOutage.Find(new InvalidOperationException("a bug")));
    }
}
