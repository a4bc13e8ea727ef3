using Iom.Consultations.Tests.Syndicate;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Xunit;

namespace Iom.Consultations.Tests;

/// <summary>
/// The matrix for every route. The syndicate members' routes are anonymous for ASP.NET but check an invitation token
/// themselves, so the matrix's requests carry a valid one (bearer tokens must make no difference there).
/// </summary>
public sealed class AuthorizationMatrixTests(ConsultationsFactory consultations) : IClassFixture<ConsultationsFactory>
{
    [Fact]
    public async Task Every_consultations_route_names_a_policy_and_answers_every_role_as_its_policy_says()
    {
        var member = await consultations.InviteAsync();
        await AuthorizationMatrix.AssertAsync(consultations.Services, () => consultations.CreateDefaultClient(new SyndicateTokenHandler(member.Token)));
    }

    [Fact]
    public Task Consultation_inputs_are_read_only_by_organizers_admins_and_focal_points() =>
        AuthorizationMatrix.AssertOnlyRolesAsync(consultations.Services, "GET", "/api/consultations/{id:guid}/inputs",
            SuiteRoles.Admin, SuiteRoles.ConsultationOrganizer, SuiteRoles.CsoFocalPoint);

    private sealed class SyndicateTokenHandler(string token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("X-Syndicate-Token", token);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
