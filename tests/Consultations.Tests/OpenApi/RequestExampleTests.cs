using Iom.Consultations.Tests.Syndicate;
using Iom.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Iom.Consultations.Tests.OpenApi;

/// <summary>Issue 13 §2: every request body in the API document has an example, and the route accepts it (see <see cref="RequestExampleChecks"/>).</summary>
public sealed class RequestExampleTests(ConsultationsFactory consultations, ITestOutputHelper output) : IClassFixture<ConsultationsFactory>
{
    [Fact]
    public async Task Every_documented_request_example_is_accepted_by_its_route()
    {
        // Members of the Research Syndicate send the token of their invitation (X-Syndicate-Token) on their routes.
        var member = await consultations.InviteAsync();
        var outcomes = await RequestExampleChecks.RunAsync(consultations.Services, () => consultations.CreateDefaultClient(new SyndicateToken(member.Token)));

        foreach (var outcome in outcomes)
        {
            output.WriteLine(outcome.ToString());
        }

        RequestExampleChecks.AssertAllAccepted(outcomes);
    }

    private sealed class SyndicateToken(string token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("X-Syndicate-Token", token);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
