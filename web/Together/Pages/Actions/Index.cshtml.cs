using Iom.Together.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Iom.Together.Pages.Actions;

/// <summary>Upcoming volunteer actions of the campaign's partners, soonest first.</summary>
public sealed class IndexModel(CampaignApi campaign) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public ActionPage Actions { get; private set; } = new([], null);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var answer = await campaign.ListActionsAsync(Cursor, cancellationToken);
        if (answer.Status == System.Net.HttpStatusCode.BadRequest)
        {
            return NotFound(); // a cursor this site never wrote
        }

        if (!answer.Ok)
        {
            return this.Failure(answer);
        }

        Actions = answer.Value!;
        return Page();
    }
}
