using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace Iom.Consultations.Tests.Forums;

public sealed class ContributionTests(ConsultationsFactory consultations) : IClassFixture<ConsultationsFactory>
{
    [Fact]
    public async Task A_diaspora_organisation_contributes_through_its_focal_point_and_waits_for_moderation()
    {
        var forum = await consultations.OpenForumAsync();
        var org = await consultations.AddPartnerAsync("DE");

        var id = await consultations.ContributeForOrganizationOkAsync(forum, org);

        var stored = await consultations.QueryAsync(db => db.ForumContributions.SingleAsync(c => c.Id == id));
        Assert.Equal(org, stored.OrganizationId);
        Assert.Equal(ContributionState.Pending, stored.State);
        Assert.Null(stored.SecretHash);
        Assert.Equal("PH", stored.CountryOfOrigin);
        Assert.Empty((await consultations.PublicPageAsync(forum.Id)).Ids());
    }

    [Fact]
    public async Task Only_the_organisations_own_focal_point_of_an_active_registry_partner_contributes_for_it()
    {
        var forum = await consultations.OpenForumAsync();
        var org = await consultations.AddPartnerAsync();
        var suspended = await consultations.AddPartnerAsync(status: PartnerStatus.Suspended);
        var unknown = Guid.NewGuid();
        object Body(Guid o) => new { organizationId = o, topicId = forum.Topic, countryOfOrigin = "KE", language = "en", text = "Our view" };

        var other = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, Guid.NewGuid()).PostAsJsonAsync($"/api/consultations/forums/{forum.Id}/contributions", Body(org));
        await other.ProblemAsync(HttpStatusCode.Forbidden);
        var notInRegistry = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, unknown).PostAsJsonAsync($"/api/consultations/forums/{forum.Id}/contributions", Body(unknown));
        Assert.True((await notInRegistry.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("organizationId", out _));
        var notActive = await consultations.ClientFor(SuiteRoles.CsoFocalPoint, suspended).PostAsJsonAsync($"/api/consultations/forums/{forum.Id}/contributions", Body(suspended));
        await notActive.ProblemAsync(HttpStatusCode.Conflict);
        var staff = await consultations.ClientFor(SuiteRoles.ConsultationOrganizer).PostAsJsonAsync($"/api/consultations/forums/{forum.Id}/contributions", Body(org));
        await staff.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.False(await consultations.QueryAsync(db => db.ForumContributions.AnyAsync(c => c.ForumId == forum.Id)));
    }

    [Fact]
    public async Task An_individual_gets_a_receipt_only_its_hash_is_stored_and_nothing_identifies_the_caller()
    {
        var forum = await consultations.OpenForumAsync();

        var receipt = await consultations.ContributeAnonymouslyOkAsync(forum);

        var stored = await consultations.QueryAsync(db => db.ForumContributions.SingleAsync(c => c.Id == receipt.Id));
        Assert.Null(stored.OrganizationId);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(receipt.Secret)), stored.SecretHash);
        Assert.True(receipt.Secret.Length >= 40);
        // No column could hold an address, an agent or an account.
        await using var connection = new NpgsqlConnection(consultations.DatabaseConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT string_agg(column_name, ',') FROM information_schema.columns WHERE table_name = 'forum_contributions'", connection);
        var columns = ((string)(await command.ExecuteScalarAsync())!).ToLowerInvariant();
        Assert.Contains("secrethash", columns, StringComparison.Ordinal);
        Assert.DoesNotContain("ip", columns.Split(','), StringComparer.Ordinal);
        Assert.DoesNotContain(columns.Split(','), c => c.Contains("address", StringComparison.Ordinal) || c.Contains("agent", StringComparison.Ordinal) || c.Contains("email", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_receipt_shows_the_contribution_and_withdraws_it_a_wrong_secret_learns_nothing()
    {
        var forum = await consultations.OpenForumAsync();
        var receipt = await consultations.ContributeAnonymouslyOkAsync(forum, "Recognise the diplomas we earned abroad.");
        var client = consultations.CreateClient();

        using var view = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/consultations/public/forum-receipts/{receipt.Id}").WithReceipt(receipt));
        var shown = await view.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pending", shown.GetProperty("state").GetString());
        Assert.Equal("Recognise the diplomas we earned abroad.", shown.GetProperty("text").GetString());

        using var wrong = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/consultations/public/forum-receipts/{receipt.Id}").WithReceipt(receipt with { Secret = "guess" }));
        var wrongProblem = await wrong.ProblemAsync(HttpStatusCode.NotFound);
        using var unknown = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/consultations/public/forum-receipts/{Guid.NewGuid()}").WithReceipt(receipt));
        var unknownProblem = await unknown.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(wrongProblem.GetProperty("title").GetString(), unknownProblem.GetProperty("title").GetString());

        using var withdrawn = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/consultations/public/forum-receipts/{receipt.Id}/withdrawal").WithReceipt(receipt));
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var stored = await consultations.QueryAsync(db => db.ForumContributions.SingleAsync(c => c.Id == receipt.Id));
        Assert.Equal(ContributionState.Withdrawn, stored.State);
        Assert.Equal(string.Empty, stored.Text);
        using var twice = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/consultations/public/forum-receipts/{receipt.Id}/withdrawal").WithReceipt(receipt));
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
    }

    [Fact]
    public async Task Bad_input_names_the_field_and_a_closed_forum_refuses_with_409()
    {
        var forum = await consultations.OpenForumAsync();

        var bad = await consultations.ContributeAnonymouslyAsync(forum.Id, new { topicId = forum.Topic, countryOfOrigin = "XX", language = "en", text = "" });
        var errors = (await bad.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("countryOfOrigin", out _));
        Assert.True(errors.TryGetProperty("text", out _));
        var german = await consultations.ContributeAnonymouslyAsync(forum.Id, new { topicId = forum.Topic, countryOfOrigin = "TR", language = "de", text = "Hallo" });
        Assert.True((await german.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("language", out _));
        var otherTopic = await consultations.ContributeAnonymouslyAsync(forum.Id, new { topicId = Guid.NewGuid(), countryOfOrigin = "TR", language = "en", text = "Hello" });
        Assert.True((await otherTopic.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("topicId", out _));
        var tooLong = await consultations.ContributeAnonymouslyAsync(forum.Id, new { topicId = forum.Topic, countryOfOrigin = "TR", language = "en", text = new string('a', 5001) });
        Assert.True((await tooLong.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("text", out _));

        var closed = await consultations.OpenForumAsync(DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddDays(-1));
        var late = await consultations.ContributeAnonymouslyAsync(closed.Id, new { topicId = closed.Topic, countryOfOrigin = "TR", language = "en", text = "Too late" });
        await late.ProblemAsync(HttpStatusCode.Conflict);
        Assert.False(await consultations.QueryAsync(db => db.ForumContributions.AnyAsync(c => c.ForumId == forum.Id || c.ForumId == closed.Id)));
    }

    [Fact]
    public async Task Replies_are_one_level_deep_and_answer_a_published_contribution_of_the_same_topic()
    {
        var forum = await consultations.OpenForumAsync();
        var first = await consultations.ContributeAnonymouslyOkAsync(forum);

        var toPending = await consultations.ContributeAnonymouslyAsync(forum.Id, new { topicId = forum.Topic, parentId = first.Id, countryOfOrigin = "MA", language = "fr", text = "D'accord" });
        Assert.True((await toPending.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("parentId", out _));

        await consultations.ApproveAsync(first.Id);
        var reply = await consultations.ContributeAnonymouslyOkAsync(forum, "D'accord, et aussi pour les petites sommes.", "MA", "fr", parent: first.Id);
        await consultations.ApproveAsync(reply.Id);
        var replyToReply = await consultations.ContributeAnonymouslyAsync(forum.Id, new { topicId = forum.Topic, parentId = reply.Id, countryOfOrigin = "MA", language = "fr", text = "Oui" });
        Assert.True((await replyToReply.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("parentId", out _));
        var otherTopic = await consultations.ContributeAnonymouslyAsync(forum.Id, new { topicId = forum.OtherTopic, parentId = first.Id, countryOfOrigin = "MA", language = "fr", text = "Oui" });
        await otherTopic.ProblemAsync(HttpStatusCode.BadRequest);

        var page = await consultations.PublicPageAsync(forum.Id);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(first.Id, items.Single(i => i.GetProperty("id").GetGuid() == reply.Id).GetProperty("parentId").GetGuid());
    }
}
