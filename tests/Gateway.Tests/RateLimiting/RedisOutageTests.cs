using System.Net;
using System.Text;
using Iom.Gateway.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Xunit;

namespace Iom.Gateway.Tests.RateLimiting;

/// <summary>When Redis cannot be reached, the gateway still answers and still limits, each replica on its own.</summary>
public sealed class RedisOutageTests(RedisOutageTests.WithoutRedis gateway) : IClassFixture<RedisOutageTests.WithoutRedis>
{
    public sealed class WithoutRedis : GatewayFactory
    {
        public WithoutRedis() => With("Gateway:RateLimits:AnonymousSubmission:PermitLimit", "3");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:cache", "127.0.0.1:1,abortConnect=false,connectTimeout=300,syncTimeout=300,asyncTimeout=300");
        }
    }

    [Fact]
    public async Task Without_Redis_the_limit_falls_back_to_this_replica_instead_of_failing()
    {
        using var client = gateway.Anonymous();
        var statuses = new List<HttpStatusCode>();
        var address = RateLimitTests.NewClientAddress();
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/campaign/testimonies")
            {
                Content = new StringContent("{}", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}
