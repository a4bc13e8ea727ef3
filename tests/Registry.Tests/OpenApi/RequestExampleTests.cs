using Iom.Registry.Organizations;
using Iom.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Iom.Registry.Tests.OpenApi;

/// <summary>Issue 13 §2: every request body in the API document has an example, and the route accepts it (see <see cref="RequestExampleChecks"/>).</summary>
public sealed class RequestExampleTests(RegistryFactory registry, ITestOutputHelper output) : IClassFixture<RegistryFactory>
{
    [Fact]
    public async Task Every_documented_request_example_is_accepted_by_its_route()
    {
        var outcomes = await RequestExampleChecks.RunAsync(registry.Services, registry.CreateClient);

        foreach (var outcome in outcomes)
        {
            output.WriteLine(outcome.ToString());
        }

        RequestExampleChecks.AssertAllAccepted(outcomes);
    }

    [Fact]
    public async Task The_csv_import_is_documented_as_text_csv_with_every_column_described_and_an_example_with_the_header()
    {
        using var client = registry.CreateClient();
        var document = await OpenApiDocumentChecks.DocumentAsync(client);

        var body = document["paths"]!["/api/registry/organizations/import"]!["post"]!["requestBody"]!;
        var csv = body["content"]!["text/csv"];
        Assert.NotNull(csv);
        Assert.Single(body["content"]!.AsObject());
        Assert.Equal("string", csv["schema"]!["type"]!.GetValue<string>());
        var description = csv["schema"]!["description"]!.GetValue<string>();
        foreach (var column in CsvFormat.Columns)
        {
            Assert.Contains($"- `{column}`: ", description, StringComparison.Ordinal);
        }

        Assert.StartsWith(string.Join(',', CsvFormat.Columns) + "\n", csv["example"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
