using Iom.Consultations.Data;
using Iom.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Consultations.Tests;

public sealed class ConsultationsFactory() : ServiceFactory<Program>("consultationsdb")
{
    /// <summary>Runs a query against the service's own database.</summary>
    public async Task<T> QueryAsync<T>(Func<ConsultationsDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ConsultationsDbContext>());
    }
}
