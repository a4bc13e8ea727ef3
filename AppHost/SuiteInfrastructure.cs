using System.Diagnostics;
using Iom.AppHost.Operations;
using Microsoft.Extensions.Configuration;

namespace Iom.AppHost;

/// <summary>A connection string a service references, and the server to wait for before starting it (none for external servers).</summary>
internal sealed record Dependency(IResourceBuilder<IResourceWithConnectionString> Connection, IResource? Server);

/// <summary>
/// The servers the services need, whichever mode provided them; how many replicas each service and the gateway run,
/// and settings every service needs in this mode (cluster mode: the broker's nodes, quorum queues).
/// </summary>
internal sealed record SuiteInfrastructure(
    string Mode, Func<string, Dependency> Database, Dependency Broker, Dependency Cache, int Replicas = 1, IReadOnlyDictionary<string, string>? Environment = null);

internal static class SuiteInfrastructureExtensions
{
    /// <summary>
    /// Infrastructure:Mode = containers | local | external | auto (default): containers when a container
    /// runtime answers, else Debian's servers run as executables on loopback.
    /// </summary>
    public static SuiteInfrastructure AddSuiteInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var mode = (builder.Configuration["Infrastructure:Mode"] ?? "auto").Trim().ToLowerInvariant();
        if (mode == "auto")
        {
            mode = ContainerRuntimeAnswers() ? "containers" : "local";
        }

        return mode switch
        {
            "containers" => AddContainers(builder),
            "local" => LocalInfrastructure.Add(builder),
            "cluster" => ClusterInfrastructure.Add(builder),
            "external" => AddExternal(builder),
            _ => throw new InvalidOperationException($"Infrastructure:Mode '{mode}' is not one of auto, containers, local, external, cluster."),
        };
    }

    /// <summary>References a service's database, the broker and the cache, and waits for their servers.</summary>
    public static IResourceBuilder<ProjectResource> WithInfrastructure(this IResourceBuilder<ProjectResource> project, SuiteInfrastructure infrastructure, string database)
    {
        project.WithSuiteAuth()
            .WithDemoData()
            .WithHttpHealthCheck("/health")
            .WithDependency(infrastructure.Database(database))
            .WithDependency(infrastructure.Broker)
            .WithDependency(infrastructure.Cache)
            .WithOperatorCommands();
        foreach (var (name, value) in infrastructure.Environment ?? new Dictionary<string, string>())
        {
            project.WithEnvironment(name, value);
        }

        return infrastructure.Replicas > 1 ? project.WithReplicas(infrastructure.Replicas) : project;
    }

    /// <summary>
    /// The token settings every process validates with: the identity provider (Authority, Audience, RequireHttpsMetadata,
    /// RoleMap, OrganizationClaim), or the development key and issuer (from appsettings.Development.json) when no
    /// authority is set. Outside Development the processes refuse a signing key or a missing authority at start-up.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSuiteAuth(this IResourceBuilder<ProjectResource> project)
    {
        var auth = project.ApplicationBuilder.Configuration.GetSection("Auth");
        var settings = string.IsNullOrWhiteSpace(auth["Authority"])
            ? new[] { "Issuer", "Audience", "SigningKey" }
            : new[] { "Authority", "Issuer", "Audience", "RequireHttpsMetadata", "OrganizationClaim" };
        foreach (var setting in settings)
        {
            if (!string.IsNullOrWhiteSpace(auth[setting]))
            {
                project.WithEnvironment($"Auth__{setting}", auth[setting]);
            }
        }

        foreach (var role in auth.GetSection("RoleMap").GetChildren())
        {
            project.WithEnvironment($"Auth__RoleMap__{role.Key}", role.Value);
        }

        return project;
    }

    /// <summary>Demo mode (off unless Demo:Enabled; the AppHost's Development settings turn it on): each service seeds its demo data at start-up.</summary>
    public static IResourceBuilder<ProjectResource> WithDemoData(this IResourceBuilder<ProjectResource> project) =>
        project.WithEnvironment("Demo__Enabled", project.ApplicationBuilder.Configuration.GetValue("Demo:Enabled", false) ? "true" : "false");

    public static IResourceBuilder<ProjectResource> WithDependency(this IResourceBuilder<ProjectResource> project, Dependency dependency)
    {
        project.WithReference(dependency.Connection);
        return dependency.Server is null ? project : project.WaitFor(project.ApplicationBuilder.CreateResourceBuilder(dependency.Server));
    }

    /// <summary>The gateway answers on a fixed, documented port (proxied to every replica).</summary>
    public static IResourceBuilder<ProjectResource> WithPublicPort(this IResourceBuilder<ProjectResource> project, int port) =>
        project.WithEndpoint("http", endpoint => endpoint.Port = port);

    private static SuiteInfrastructure AddContainers(IDistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres("postgres").WithDataVolume();
        var broker = builder.AddRabbitMQ("messaging");
        var cache = builder.AddRedis("cache");
        var databases = new Dictionary<string, Dependency>();
        return new SuiteInfrastructure(
            "containers",
            name =>
            {
                if (!databases.TryGetValue(name, out var db))
                {
                    var resource = postgres.AddDatabase(name);
                    databases[name] = db = new Dependency(resource, resource.Resource);
                }

                return db;
            },
            new Dependency(broker, broker.Resource),
            new Dependency(cache, cache.Resource));
    }

    private static SuiteInfrastructure AddExternal(IDistributedApplicationBuilder builder)
    {
        var databases = new Dictionary<string, Dependency>();
        return new SuiteInfrastructure(
            "external",
            name =>
            {
                if (!databases.TryGetValue(name, out var db))
                {
                    databases[name] = db = new Dependency(builder.AddConnectionString(name), null);
                }

                return db;
            },
            new Dependency(builder.AddConnectionString("messaging"), null),
            new Dependency(builder.AddConnectionString("cache"), null));
    }

    private static bool ContainerRuntimeAnswers()
    {
        var runtime = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME")
            ?? Environment.GetEnvironmentVariable("DOTNET_ASPIRE_CONTAINER_RUNTIME")
            ?? "docker";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
