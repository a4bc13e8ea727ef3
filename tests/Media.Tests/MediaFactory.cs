using Iom.Media.Data;
using Iom.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Media.Tests;

public sealed class MediaFactory() : ServiceFactory<Program>("mediadb")
{
    /// <summary>Runs a query against the service's own database.</summary>
    public async Task<T> QueryAsync<T>(Func<MediaDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<MediaDbContext>());
    }
}
