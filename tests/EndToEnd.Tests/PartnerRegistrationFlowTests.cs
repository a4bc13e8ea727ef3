using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Npgsql;
using Xunit;

namespace Iom.EndToEnd.Tests;

/// <summary>
/// The foundation's vertical slice through the running suite: gateway → Registry → outbox → RabbitMQ →
/// Consultations' read model → gateway, with its bad-input cases.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class PartnerRegistrationFlowTests(SuiteFixture suite)
{
    private HttpRequestMessage Request(HttpMethod method, string path, string role, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(role));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    [Fact]
    public async Task A_partner_registered_through_the_gateway_reaches_the_consultations_read_model_in_the_same_trace()
    {
        var name = $"Mary Robinson Foundation {Guid.NewGuid():N}"[..34];
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom().ToString();
        using var post = Request(HttpMethod.Post, "/api/registry/organizations", SuiteRoles.RegistryEditor,
            JsonSerializer.Serialize(new { name, acronym = "MRF", type = "philanthropic-foundation", country = "IE" }));
        post.Headers.Add("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom()}-01");

        using var created = await suite.Gateway.SendAsync(post);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var partner = await Eventually.GetAsync(async () =>
        {
            using var get = Request(HttpMethod.Get, $"/api/consultations/partners/{id}", SuiteRoles.ConsultationOrganizer);
            using var response = await suite.Gateway.SendAsync(get);
            return response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetRawText() : null;
        }, TimeSpan.FromSeconds(30), "the partner in Consultations' read model");
        using var document = JsonDocument.Parse(partner);
        Assert.Equal(name, document.RootElement.GetProperty("name").GetString());
        Assert.Equal("active", document.RootElement.GetProperty("status").GetString());

        // The event left Registry's outbox in the trace the gateway request started.
        await using var registryDb = new NpgsqlConnection($"Host=127.0.0.1;Port={suite.PostgresPort};Username=postgres;Password={suite.PostgresPassword};Database=registrydb");
        await registryDb.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT trace_parent, sent_at IS NOT NULL FROM outbox_messages WHERE body->>'partnerId' = @id", registryDb);
        command.Parameters.AddWithValue("id", id.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Contains(traceId, reader.GetString(0), StringComparison.Ordinal);
        Assert.True(reader.GetBoolean(1));
    }

    [Theory]
    [InlineData("""{"name":"A","type":"ngo","country":"CH" """, "body")]
    [InlineData("""{"type":"ngo","country":"CH"}""", "name")]
    [InlineData("""{"name":"A","type":"charity","country":"CH"}""", "type")]
    [InlineData("""{"name":"A","type":"ngo","country":"QQ"}""", "country")]
    public async Task Bad_input_through_the_gateway_is_a_400_naming_the_field(string body, string field)
    {
        using var post = Request(HttpMethod.Post, "/api/registry/organizations", SuiteRoles.RegistryEditor, body);
        using var response = await suite.Gateway.SendAsync(post);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task An_unknown_id_is_404_and_a_duplicate_is_409_through_the_gateway()
    {
        using var missing = Request(HttpMethod.Get, $"/api/registry/organizations/{Guid.NewGuid()}", SuiteRoles.RegistryEditor);
        Assert.Equal(HttpStatusCode.NotFound, (await suite.Gateway.SendAsync(missing)).StatusCode);
        using var missingPartner = Request(HttpMethod.Get, $"/api/consultations/partners/{Guid.NewGuid()}", SuiteRoles.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await suite.Gateway.SendAsync(missingPartner)).StatusCode);

        var body = JsonSerializer.Serialize(new { name = $"Hugo Observatory {Guid.NewGuid():N}"[..25], type = "academic-institution", country = "BE" });
        using var first = Request(HttpMethod.Post, "/api/registry/organizations", SuiteRoles.RegistryEditor, body);
        Assert.Equal(HttpStatusCode.Created, (await suite.Gateway.SendAsync(first)).StatusCode);
        using var second = Request(HttpMethod.Post, "/api/registry/organizations", SuiteRoles.RegistryEditor, body);
        Assert.Equal(HttpStatusCode.Conflict, (await suite.Gateway.SendAsync(second)).StatusCode);
    }

    [Fact]
    public async Task Without_a_token_the_gateway_answers_401()
    {
        using var response = await suite.Gateway.PostAsync("/api/registry/organizations",
            new StringContent("""{"name":"A","type":"ngo","country":"CH"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
