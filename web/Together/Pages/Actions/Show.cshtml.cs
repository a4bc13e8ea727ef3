using Iom.Together.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Iom.Together.Pages.Actions;

/// <summary>
/// One action and its sign-up form. The sign-up answers with a sign-up code, which is all it takes to cancel.
/// The form carries an Idempotency-Key made when it was shown, so a double tap signs up once.
/// </summary>
public sealed class ShowModel(CampaignApi campaign) : PageModel
{
    public VolunteerAction Action { get; private set; } = null!;

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Contact { get; set; }

    [BindProperty]
    public string? IdempotencyKey { get; set; }

    public Signup? Signup { get; private set; }

    public string? Refusal { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        IdempotencyKey = Guid.NewGuid().ToString("N");
        return await LoadAsync(id, cancellationToken) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(IdempotencyKey) || IdempotencyKey.Length > 64)
        {
            IdempotencyKey = Guid.NewGuid().ToString("N");
        }

        var answer = await campaign.SignUpAsync(id, Name, Contact, IdempotencyKey, cancellationToken);
        if (answer.Ok)
        {
            Signup = answer.Value;
            Response.Headers.CacheControl = "no-cache, no-store"; // what antiforgery sets anyway (it warns when it has to override)
        }
        else if (answer.Status == System.Net.HttpStatusCode.BadRequest)
        {
            Errors = answer.Errors;
            Response.StatusCode = 400;
        }
        else if (answer.Status == System.Net.HttpStatusCode.Conflict)
        {
            Refusal = "SignupClosed";
            Response.StatusCode = 409;
        }
        else if (answer.Status is not System.Net.HttpStatusCode.NotFound)
        {
            return this.Failure(answer);
        }

        return await LoadAsync(id, cancellationToken) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var answer = await campaign.GetActionAsync(id, cancellationToken);
        if (!answer.Ok)
        {
            return this.Failure(answer);
        }

        Action = answer.Value!;
        return null;
    }
}
