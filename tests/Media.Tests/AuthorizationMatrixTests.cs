using System.Net.Http.Headers;
using Iom.TestSupport;
using Xunit;

namespace Iom.Media.Tests;

/// <summary>
/// The matrix for every route. The feeds are anonymous for ASP.NET but check a journalist key themselves, so the
/// matrix's requests carry a valid feed key (bearer tokens must make no difference there); the endless SSE body is
/// cut after its headers, since only the status matters here.
/// </summary>
public sealed class AuthorizationMatrixTests(MediaFactory media) : IClassFixture<MediaFactory>
{
    [Fact]
    public async Task Every_media_route_names_a_policy_and_answers_every_role_as_its_policy_says()
    {
        var key = await new MediaApi(media).NewKeyAsync();
        await AuthorizationMatrix.AssertAsync(media.Services, () => media.CreateDefaultClient(new FeedKeyHandler(key)));
    }

    private sealed class FeedKeyHandler(string key) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("X-Feed-Key", key);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Content.Headers.ContentType is MediaTypeHeaderValue { MediaType: "text/event-stream" })
            {
                response.Content.Dispose();
                response.Content = new ByteArrayContent([]);
            }

            return response;
        }
    }
}
