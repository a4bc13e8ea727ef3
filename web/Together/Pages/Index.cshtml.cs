using Iom.Together.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Iom.Together.Pages;

/// <summary>The wall: published testimonies, newest first, filtered by country, theme and language, a page at a time.</summary>
public sealed class IndexModel(CampaignApi campaign) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Theme { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Language { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public TestimonyPage Wall { get; private set; } = new([], null);

    public bool FiltersRefused { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var answer = await campaign.ListTestimoniesAsync(Country, Theme, Language, Cursor, cancellationToken);
        if (answer.Status == System.Net.HttpStatusCode.BadRequest)
        {
            FiltersRefused = true;
            Response.StatusCode = 400;
            return Page();
        }

        if (!answer.Ok)
        {
            return this.Failure(answer);
        }

        Wall = answer.Value!;
        return Page();
    }

    public string NextPage() => "/" + CampaignApi.Query(("country", Country), ("theme", Theme), ("language", Language), ("cursor", Wall.NextCursor));
}
