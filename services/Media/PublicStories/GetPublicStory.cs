using Iom.ServiceDefaults.Caching;
using System.IO.Hashing;
using System.Text.Json;
using Iom.Media.Data;
using Iom.Media.Domain;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Iom.Media.PublicStories;

/// <summary>
/// GET /api/media/public/stories/{id}: what the public story page shows, anonymous. Only a published (or corrected)
/// story; an embargoed, scheduled or draft one is a 404 until it is published; a withdrawn story that was shared is a
/// 410 with a short notice and none of its text. Strong ETag of the body, 304 for a matching If-None-Match.
/// </summary>
internal static class GetPublicStory
{
    public sealed record Correction(string Note, DateTimeOffset? At);

    public sealed record Response(
        Guid Id, string Headline, string? Summary, string? Body, IReadOnlyList<string> Themes, IReadOnlyList<string> Regions,
        IReadOnlyList<string> Languages, string? Attribution, string? UsageTerms, DateTimeOffset PublishedAt, DateTimeOffset UpdatedAt,
        Correction? Correction);

    public static async Task<IResult> HandleAsync(Guid id, HttpContext http, MediaDbContext db, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var story = await db.Stories.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (story is null || !IsPublic(story) && !(story.Status == StoryStatus.Withdrawn && story.WasShared))
        {
            return TypedResults.NotFound();
        }

        if (story.Status == StoryStatus.Withdrawn)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status410Gone,
                title: "This story was withdrawn.",
                detail: "IOM withdrew this story; it must no longer be used.");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(
            new Response(
                story.Id, story.Headline ?? string.Empty, story.Summary, story.Body, story.Themes, story.Regions, story.Languages, story.Attribution,
                story.UsageTerms, story.PublishedAt ?? story.UpdatedAt, story.UpdatedAt,
                story.CorrectionNote is null ? null : new Correction(story.CorrectionNote, story.CorrectedAt)),
            json.Value.SerializerOptions);
        var etag = "\"" + Convert.ToHexStringLower(XxHash128.Hash(body)) + "\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "public, no-cache";
        if (EntityTags.NoneMatchHits(http.Request, etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(body, "application/json; charset=utf-8");
    }

    /// <summary>Published or corrected: on the public page and linked from the feeds (embargoed items are not, until they lift).</summary>
    public static bool IsPublic(Story story) => story.Status is StoryStatus.Published or StoryStatus.Corrected;
}
