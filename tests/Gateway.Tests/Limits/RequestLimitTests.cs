using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Iom.Gateway.Tests.Support;
using Iom.ServiceDefaults.Security;
using Iom.TestSupport;
using Xunit;

namespace Iom.Gateway.Tests.Limits;

/// <summary>Body, header and time limits at the gateway, answered as ProblemDetails before the services see anything.</summary>
public sealed class RequestLimitTests(RequestLimitTests.ShortTimeout gateway) : IClassFixture<RequestLimitTests.ShortTimeout>
{
    private const int DefaultLimit = 64 * 1024;
    private const int ImportLimit = 20 * 1024 * 1024;

    public sealed class ShortTimeout : GatewayFactory
    {
        public ShortTimeout()
        {
            With("Gateway:Limits:RequestTimeout", "00:00:01");
            With("ReverseProxy:Clusters:unreachable:Destinations:nowhere:Address", "http://127.0.0.1:1");
            With("ReverseProxy:Routes:unreachable:ClusterId", "unreachable");
            With("ReverseProxy:Routes:unreachable:AuthorizationPolicy", "anonymous");
            With("ReverseProxy:Routes:unreachable:RateLimiterPolicy", "per-caller");
            With("ReverseProxy:Routes:unreachable:Match:Path", "/api/unreachable/{**rest}");
        }
    }

    private HttpClient Editor() => gateway.ClientWith(TestTokens.For(SuiteRoles.RegistryEditor));

    [Fact]
    public async Task A_body_announced_over_the_default_limit_is_a_413_problem()
    {
        using var client = Editor();
        using var response = await client.PostAsync("/api/registry/organizations", new ByteArrayContent(new byte[DefaultLimit + 1]));
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_chunked_body_running_over_the_limit_is_a_413_problem()
    {
        using var client = Editor();
        using var content = new StreamContent(new MemoryStream(new byte[DefaultLimit * 2]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/campaign/moderation") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await client.SendAsync(request);
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_under_the_limit_reaches_the_service_whole()
    {
        using var client = Editor();
        using var response = await client.PostAsync("/api/registry/organizations", new ByteArrayContent(new byte[DefaultLimit - 1]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DefaultLimit - 1, (await StubService.EchoAsync(response)).BodyLength);
    }

    [Fact]
    public async Task The_csv_import_takes_a_larger_body_up_to_its_own_limit()
    {
        using var client = Editor();
        using var accepted = await client.PostAsync("/api/registry/organizations/import", new ByteArrayContent(new byte[2 * 1024 * 1024]));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(2 * 1024 * 1024, (await StubService.EchoAsync(accepted)).BodyLength);

        // As a well-behaved uploader does: announce the body and wait for the go-ahead, so the refusal arrives before the upload.
        using var tooLarge = new HttpRequestMessage(HttpMethod.Post, "/api/registry/organizations/import") { Content = new ByteArrayContent(new byte[ImportLimit + 1]) };
        tooLarge.Headers.ExpectContinue = true;
        using var refused = await client.SendAsync(tooLarge);
        await AssertProblemAsync(refused, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_testimony_may_be_as_large_as_the_campaign_accepts_and_no_larger()
    {
        using var client = gateway.Anonymous();
        using var accepted = await client.PostAsync("/api/campaign/testimonies", new ByteArrayContent(new byte[128 * 1024]));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        using var refused = await client.PostAsync("/api/campaign/testimonies", new ByteArrayContent(new byte[(128 * 1024) + 1]));
        await AssertProblemAsync(refused, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_syndicate_paper_pdf_may_be_5_MB_and_no_larger()
    {
        const int pdfLimit = 5 * 1024 * 1024;
        var path = $"/api/consultations/syndicate/me/papers/{Guid.NewGuid()}/pdf";
        using var client = gateway.Anonymous();
        using var accepted = await client.PutAsync(path, new ByteArrayContent(new byte[pdfLimit]));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(pdfLimit, (await StubService.EchoAsync(accepted)).BodyLength);

        using var tooLarge = new HttpRequestMessage(HttpMethod.Put, path) { Content = new ByteArrayContent(new byte[pdfLimit + 1]) };
        tooLarge.Headers.ExpectContinue = true;
        using var refused = await client.SendAsync(tooLarge);
        await AssertProblemAsync(refused, HttpStatusCode.RequestEntityTooLarge);

        // Only the PDF route takes large bodies: the rest of the member's routes keep the default limit.
        using var draft = await client.PostAsync("/api/consultations/syndicate/me/papers", new ByteArrayContent(new byte[DefaultLimit + 1]));
        await AssertProblemAsync(draft, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task The_feed_stream_is_not_cut_by_the_request_timeout()
    {
        using var client = gateway.Anonymous();
        using var stream = await client.GetAsync("/feeds/stream?delayMs=2500");
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);

        using var feed = await client.GetAsync("/feeds/stories.rss?delayMs=2500");
        await AssertProblemAsync(feed, HttpStatusCode.GatewayTimeout);
    }

    [Fact]
    public async Task Oversized_headers_are_refused_by_the_server()
    {
        using var client = Editor();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/registry/organizations");
        request.Headers.Add("X-Padding", new string('a', 40 * 1024));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_service_slower_than_the_timeout_gives_a_504_problem_in_time()
    {
        using var client = Editor();
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync("/api/registry/organizations/slow");
        clock.Stop();
        await AssertProblemAsync(response, HttpStatusCode.GatewayTimeout);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"Answered after {clock.Elapsed}");
    }

    [Fact]
    public async Task An_unreachable_service_gives_a_502_problem()
    {
        using var client = gateway.Anonymous();
        using var response = await client.GetAsync("/api/unreachable/things");
        await AssertProblemAsync(response, HttpStatusCode.BadGateway);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal((int)expected, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("traceId", out _), body);
    }
}
