using System.Globalization;
using Iom.Contracts.Campaign;
using Iom.Together.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Iom.Together.Pages.Share;

/// <summary>
/// Share a story: each consent purpose explained and asked separately, an optional first name. The form carries an
/// Idempotency-Key made when it is shown (kept when it comes back with errors), so a double tap, a retry after a
/// dropped connection, or the offline queue sending it later never creates two testimonies. The answer is the
/// consent receipt (id + secret) in the page itself, never in a URL, and never cached.
/// </summary>
public sealed class IndexModel(CampaignApi campaign) : PageModel
{
    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Story { get; set; }

    [BindProperty]
    public string? Language { get; set; }

    [BindProperty]
    public string? CountryOfOrigin { get; set; }

    [BindProperty]
    public string? CountryOfResidence { get; set; }

    [BindProperty]
    public List<string> Themes { get; set; } = [];

    [BindProperty]
    public string? FirstName { get; set; }

    [BindProperty]
    public List<string> Consents { get; set; } = [];

    [BindProperty]
    public string? IdempotencyKey { get; set; }

    public Gateway.Receipt? Receipt { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public void OnGet()
    {
        IdempotencyKey = Guid.NewGuid().ToString("N");
        Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(IdempotencyKey) || IdempotencyKey.Length > 64)
        {
            IdempotencyKey = Guid.NewGuid().ToString("N");
        }

        var firstName = string.IsNullOrWhiteSpace(FirstName) ? null : FirstName.Trim();
        var submission = new TestimonySubmission(
            Title, Story, Language, Blank(CountryOfOrigin), Blank(CountryOfResidence), Themes,
            firstName is null ? "anonymous" : "first-name", firstName, Consents.Where(ConsentPurposes.IsKnown).ToList());
        var answer = await campaign.SubmitAsync(submission, IdempotencyKey, cancellationToken);
        Response.Headers.CacheControl = "no-cache, no-store"; // what antiforgery sets anyway (it warns when it has to override)
        if (answer.Ok)
        {
            Receipt = answer.Value;
            return Page();
        }

        if (answer.Status == System.Net.HttpStatusCode.BadRequest)
        {
            Errors = answer.Errors;
            Response.StatusCode = 400;
            return Page();
        }

        return this.Failure(answer);
    }

    /// <summary>The receipt as a text file to keep: posted back from the result page, so the secret never sits in a URL.</summary>
    public IActionResult OnPostDownload([FromForm] Guid receiptId, [FromForm] string? receiptSecret)
    {
        if (receiptId == Guid.Empty || string.IsNullOrEmpty(receiptSecret) || receiptSecret.Length > 200)
        {
            return BadRequest();
        }

        Response.Headers.CacheControl = "no-cache, no-store"; // what antiforgery sets anyway (it warns when it has to override)
        var text = ReceiptText.Compose(HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Text>>(), receiptId, receiptSecret);
        return File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(text)).ToArray(), "text/plain; charset=utf-8", "together-receipt.txt");
    }

    public bool HasError(string field) => Errors.Keys.Any(k => string.Equals(k, field, StringComparison.OrdinalIgnoreCase));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
