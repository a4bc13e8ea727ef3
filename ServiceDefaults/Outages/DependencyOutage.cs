using System.Net.Sockets;
using Npgsql;
using StackExchange.Redis;

namespace Iom.ServiceDefaults.Outages;

/// <summary>
/// Tells an exception caused by a dependency being away (PostgreSQL, Redis, the broker) from a bug: the first is a
/// 503 with Retry-After, the second a 500. The one place that decides it, for every process of the suite.
/// </summary>
public static class DependencyOutage
{
    public const string Database = "database";
    public const string Cache = "cache";
    public const string Broker = "broker";

    // RabbitMQ.Client and MassTransit's transport are not referenced here (the gateway has no broker): by type name.
    private static readonly HashSet<string> BrokerExceptions = new(StringComparer.Ordinal)
    {
        "RabbitMQ.Client.Exceptions.BrokerUnreachableException",
        "RabbitMQ.Client.Exceptions.ConnectFailureException",
        "RabbitMQ.Client.Exceptions.AlreadyClosedException",
        "MassTransit.RabbitMqTransport.RabbitMqConnectionException",
        "MassTransit.RabbitMqConnectionException",
    };

    /// <summary>The dependency that is away (<see cref="Database"/>, <see cref="Cache"/>, <see cref="Broker"/>), or null when the exception is not an outage.</summary>
    public static string? Find(Exception? exception)
    {
        var socket = false;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    // A PostgreSQL error is an outage only for the transient states (shutdown, too many connections, ...).
                    if (postgres.IsTransient)
                    {
                        return Database;
                    }

                    return null;
                case NpgsqlException:
                    // Not a PostgresException (handled above): Npgsql met no server — a refused or timed-out connect, a
                    // broken connection, or, with several hosts (cluster mode), "No suitable host was found" while every
                    // host is marked offline, which carries no inner exception.
                    return Database;
                case RedisConnectionException or RedisTimeoutException:
                    return Cache;
                case AggregateException aggregate:
                    foreach (var inner in aggregate.InnerExceptions)
                    {
                        if (Find(inner) is { } found)
                        {
                            return found;
                        }
                    }

                    break;
                case SocketException:
                    socket = true;
                    break;
            }

            if (BrokerExceptions.Contains(e.GetType().FullName ?? string.Empty))
            {
                return Broker;
            }
        }

        return socket ? "dependency" : null;
    }
}
