using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Xunit;

namespace Iom.Consultations.Tests;

public sealed class AuthorizationMatrixTests(ConsultationsFactory consultations) : IClassFixture<ConsultationsFactory>
{
    [Fact]
    public Task Every_consultations_route_names_a_policy_and_answers_every_role_as_its_policy_says() =>
        AuthorizationMatrix.AssertAsync(consultations.Services, consultations.CreateClient);

    [Fact]
    public Task Consultation_inputs_are_read_only_by_organizers_admins_and_focal_points() =>
        AuthorizationMatrix.AssertOnlyRolesAsync(consultations.Services, "GET", "/api/consultations/{id:guid}/inputs",
            SuiteRoles.Admin, SuiteRoles.ConsultationOrganizer, SuiteRoles.CsoFocalPoint);
}
