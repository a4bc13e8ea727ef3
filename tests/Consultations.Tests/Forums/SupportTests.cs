using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Iom.Consultations.Tests.Forums;

public sealed class SupportTests(ConsultationsFactory consultations) : IClassFixture<ConsultationsFactory>
{
    [Fact]
    public async Task A_signed_in_caller_supports_a_published_contribution_once()
    {
        var forum = await consultations.OpenForumAsync();
        var receipt = await consultations.ContributeAnonymouslyOkAsync(forum);
        var focal = consultations.ClientFor(SuiteRoles.CsoFocalPoint, Guid.NewGuid());

        var early = await focal.PostAsync($"/api/consultations/forum-contributions/{receipt.Id}/support", null);
        Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        await consultations.ApproveAsync(receipt.Id);

        var first = await focal.PostAsync($"/api/consultations/forum-contributions/{receipt.Id}/support", null);
        Assert.Equal(1, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("supports").GetInt32());
        var twice = await focal.PostAsync($"/api/consultations/forum-contributions/{receipt.Id}/support", null);
        await twice.ProblemAsync(HttpStatusCode.Conflict);
        var organizer = await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).PostAsync($"/api/consultations/forum-contributions/{receipt.Id}/support", null);
        Assert.Equal(2, (await organizer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("supports").GetInt32());
        Assert.Equal(2, (await consultations.PublicPageAsync(forum.Id)).GetProperty("items")[0].GetProperty("supports").GetInt32());
    }

    [Fact]
    public async Task An_individual_supports_once_per_receipt_of_the_same_forum_and_nothing_else_is_kept()
    {
        var forum = await consultations.OpenForumAsync();
        var other = await consultations.OpenForumAsync();
        var target = await consultations.ContributeAnonymouslyOkAsync(forum);
        await consultations.ApproveAsync(target.Id);
        var supporter = await consultations.ContributeAnonymouslyOkAsync(forum, "I agree with lower fees.", "GH", "en");
        var stranger = await consultations.ContributeAnonymouslyOkAsync(other, "Elsewhere.", "GH", "en");
        var client = consultations.CreateClient();
        HttpRequestMessage Support(Receipt r) => new HttpRequestMessage(HttpMethod.Post, $"/api/consultations/public/forum-contributions/{target.Id}/support").WithReceipt(r, asSupporter: true);

        using var first = await client.SendAsync(Support(supporter));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var twice = await client.SendAsync(Support(supporter));
        await twice.ProblemAsync(HttpStatusCode.Conflict);
        using var wrongSecret = await client.SendAsync(Support(supporter with { Secret = "not-it" }));
        await wrongSecret.ProblemAsync(HttpStatusCode.NotFound);
        using var otherForum = await client.SendAsync(Support(stranger));
        await otherForum.ProblemAsync(HttpStatusCode.Forbidden);
        using var noReceipt = await client.PostAsync($"/api/consultations/public/forum-contributions/{target.Id}/support", null);
        Assert.True((await noReceipt.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("X-Receipt-Id", out _));

        var keys = await consultations.QueryAsync(db => db.ForumSupports.Where(s => s.ContributionId == target.Id).Select(s => s.SupporterKey).ToListAsync());
        Assert.Equal([$"receipt:{supporter.Id}"], keys);
    }
}
