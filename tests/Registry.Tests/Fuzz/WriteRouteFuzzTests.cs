using Iom.TestSupport;
using Iom.TestSupport.Fuzz;
using Xunit;
using Xunit.Abstractions;

namespace Iom.Registry.Tests.Fuzz;

/// <summary>Issue 13 §1: generated requests to every documented write route (see <see cref="ApiFuzzer"/>).</summary>
public sealed class WriteRouteFuzzTests(RegistryFactory registry, ITestOutputHelper output) : IClassFixture<RegistryFactory>
{
    public const int Requests = 2_500;

    [Fact]
    public async Task Generated_requests_to_every_write_route_get_no_5xx_problem_details_for_4xx_and_leave_no_rows_when_rejected()
    {
        var outcome = await new ApiFuzzer(registry.CreateClient, registry.DatabaseConnection).RunAsync(Requests);

        output.WriteLine(outcome.ToString());
        Assert.Equal(Requests, outcome.Requests);
        Assert.True(outcome.ByStatus.GetValueOrDefault(400) > Requests / 4, outcome.ToString());
    }

    [Fact]
    public async Task The_API_document_names_each_request_schema_once_and_describes_the_service_and_how_to_get_a_token()
    {
        using var client = registry.CreateClient();
        var document = await OpenApiDocumentChecks.DocumentAsync(client);

        // One body for registering and replacing; one reason for suspend, reinstate and archive; one for ending and
        // terminating an agreement: the same input each time.
        OpenApiDocumentChecks.RequestSchemasAreNotSharedByAccident(document, "RegisterOrganizationRequest", "StatusChangeReasonRequest", "EndAgreementRequest");
        OpenApiDocumentChecks.DescribesTheServiceAndHowToGetAToken(document, "partner");
    }
}
