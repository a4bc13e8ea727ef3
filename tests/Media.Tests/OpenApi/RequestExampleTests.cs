using Iom.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Iom.Media.Tests.OpenApi;

/// <summary>Issue 13 §2: every request body in the API document has an example, and the route accepts it (see <see cref="RequestExampleChecks"/>).</summary>
public sealed class RequestExampleTests(MediaFactory media, ITestOutputHelper output) : IClassFixture<MediaFactory>
{
    [Fact]
    public async Task Every_documented_request_example_is_accepted_by_its_route()
    {
        var outcomes = await RequestExampleChecks.RunAsync(media.Services, media.CreateClient);

        foreach (var outcome in outcomes)
        {
            output.WriteLine(outcome.ToString());
        }

        RequestExampleChecks.AssertAllAccepted(outcomes);
    }
}
