using Iom.Together.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Iom.Together.Pages.Testimonies;

/// <summary>One published testimony on its own page (404 once it is no longer published).</summary>
public sealed class ShowModel(CampaignApi campaign) : PageModel
{
    public Testimony Testimony { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var answer = await campaign.GetTestimonyAsync(id, cancellationToken);
        if (!answer.Ok)
        {
            return this.Failure(answer);
        }

        Testimony = answer.Value!;
        return Page();
    }
}
