using Iom.TestSupport;
using Xunit;

namespace Iom.Registry.Tests;

public sealed class AuthorizationMatrixTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    [Fact]
    public Task Every_registry_route_names_a_policy_and_answers_every_role_as_its_policy_says() =>
        AuthorizationMatrix.AssertAsync(registry.Services, registry.CreateClient);
}
