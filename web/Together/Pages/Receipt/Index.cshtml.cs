using Iom.Contracts.Campaign;
using Iom.Together.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Iom.Together.Pages.Receipt;

/// <summary>
/// The author's control over their story, with the receipt: id and secret typed into a form and posted (the secret
/// never in a URL), the story's status, and withdrawal of one purpose or all, saying what was removed where.
/// </summary>
public sealed class IndexModel(CampaignApi campaign) : PageModel
{
    [BindProperty]
    public string? ReceiptId { get; set; }

    [BindProperty]
    public string? ReceiptSecret { get; set; }

    [BindProperty]
    public List<string> Purposes { get; set; } = [];

    public ReceiptStatus? Status { get; private set; }

    public Withdrawal? Withdrawal { get; private set; }

    public bool NoMatch { get; private set; }

    public bool NothingChosen { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostViewAsync(CancellationToken cancellationToken) =>
        await ShowStatusAsync(cancellationToken);

    public async Task<IActionResult> OnPostWithdrawAsync(bool all, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-cache, no-store"; // what antiforgery sets anyway (it warns when it has to override)
        if (!TryRead(out var id))
        {
            return Page();
        }

        var chosen = Purposes.Where(ConsentPurposes.IsKnown).ToList();
        if (!all && chosen.Count == 0)
        {
            NothingChosen = true;
            Response.StatusCode = 400;
            return await ShowStatusAsync(cancellationToken);
        }

        var answer = await campaign.WithdrawAsync(id, ReceiptSecret!, all ? null : chosen, cancellationToken);
        if (answer.Status == System.Net.HttpStatusCode.NotFound)
        {
            NoMatch = true;
            Response.StatusCode = 404;
            return Page();
        }

        if (!answer.Ok)
        {
            return this.Failure(answer);
        }

        Withdrawal = answer.Value;
        return await ShowStatusAsync(cancellationToken);
    }

    private async Task<IActionResult> ShowStatusAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-cache, no-store"; // what antiforgery sets anyway (it warns when it has to override)
        if (!TryRead(out var id))
        {
            return Page();
        }

        var answer = await campaign.ViewReceiptAsync(id, ReceiptSecret!, cancellationToken);
        if (answer.Status == System.Net.HttpStatusCode.NotFound)
        {
            NoMatch = true;
            Response.StatusCode = 404;
            return Page();
        }

        if (!answer.Ok)
        {
            return this.Failure(answer);
        }

        Status = answer.Value;
        return Page();
    }

    private bool TryRead(out Guid id)
    {
        if (Guid.TryParse(ReceiptId?.Trim(), out id) && !string.IsNullOrWhiteSpace(ReceiptSecret) && ReceiptSecret.Length <= 200)
        {
            ReceiptSecret = ReceiptSecret.Trim();
            return true;
        }

        NoMatch = true;
        Response.StatusCode = 400;
        return false;
    }
}
