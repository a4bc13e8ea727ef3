using Iom.Together.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Iom.Together.Pages.Actions;

/// <summary>Cancels a sign-up with the code the sign-up gave: the place is freed and the name and contact erased.</summary>
public sealed class CancelModel(CampaignApi campaign) : PageModel
{
    [BindProperty]
    public string? SignupCode { get; set; }

    public SignupCancellation? Cancelled { get; private set; }

    public bool NotFoundCode { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(SignupCode?.Trim(), out var code))
        {
            NotFoundCode = true;
            Response.StatusCode = 400;
            return Page();
        }

        var answer = await campaign.CancelSignupAsync(code, cancellationToken);
        if (answer.Ok)
        {
            Cancelled = answer.Value;
            return Page();
        }

        if (answer.Status == System.Net.HttpStatusCode.NotFound)
        {
            NotFoundCode = true;
            Response.StatusCode = 404;
            return Page();
        }

        return this.Failure(answer);
    }
}
