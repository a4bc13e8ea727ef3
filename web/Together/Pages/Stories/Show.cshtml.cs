using Iom.ServiceDefaults.Caching;
using System.Globalization;
using Iom.Together.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Iom.Together.Pages.Stories;

/// <summary>
/// A story of the journalist feed on a public page (the feeds link every published item here). A withdrawn story
/// answers 410 with a short notice and none of its text; an embargoed or unknown one 404. Cacheable: the ETag is
/// Media's for the story plus the page's language, and a matching If-None-Match is a 304 without rendering.
/// </summary>
public sealed class ShowModel(MediaApi media) : PageModel
{
    public PublicStory Story { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var suffix = "-" + CultureInfo.CurrentUICulture.TwoLetterISOLanguageName + "\"";
        var known = EntityTags.Requested(Request).FirstOrDefault(t => t.EndsWith(suffix, StringComparison.Ordinal) && t.Length > suffix.Length + 1);
        var answer = await media.GetStoryAsync(id, known is null ? null : known[..^suffix.Length] + "\"", cancellationToken);
        Response.Headers.Vary = "Accept-Language, Cookie";
        if (answer.NotModified && known is not null)
        {
            Response.Headers.ETag = known;
            return StatusCode(StatusCodes.Status304NotModified);
        }

        if (answer.Status == System.Net.HttpStatusCode.Gone)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return Partial("_Withdrawn");
        }

        if (!answer.Ok)
        {
            return this.Failure(answer);
        }

        Story = answer.Value!;
        if (answer.ETag is { Length: > 2 } etag && etag.StartsWith('"'))
        {
            Response.Headers.ETag = etag[..^1] + suffix;
            Response.Headers.CacheControl = "public, no-cache";
        }

        return Page();
    }
}
