using Iom.TestSupport;
using Xunit;

namespace Iom.Media.Tests;

public sealed class AuthorizationMatrixTests(MediaFactory media) : IClassFixture<MediaFactory>
{
    [Fact]
    public Task Every_media_route_names_a_policy_and_answers_every_role_as_its_policy_says() =>
        AuthorizationMatrix.AssertAsync(media.Services, media.CreateClient);
}
