using Iom.TestSupport;
using Xunit;

namespace Iom.Consultations.Tests;

public sealed class AuthorizationMatrixTests(ConsultationsFactory consultations) : IClassFixture<ConsultationsFactory>
{
    [Fact]
    public Task Every_consultations_route_names_a_policy_and_answers_every_role_as_its_policy_says() =>
        AuthorizationMatrix.AssertAsync(consultations.Services, consultations.CreateClient);
}
