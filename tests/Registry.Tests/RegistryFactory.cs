using Iom.Registry.Data;
using Iom.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Registry.Tests;

public sealed class RegistryFactory() : ServiceFactory<Program>("registrydb")
{
    /// <summary>Runs a query against the service's own database.</summary>
    public async Task<T> QueryAsync<T>(Func<RegistryDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }
}
