using System.Net.Http.Json;

namespace Iom.Together.Gateway;

/// <summary>The campaign's public routes, through the gateway (no token: the public app's own rights).</summary>
public sealed class CampaignApi(HttpClient client)
{
    public const int PageSize = 10;

    public Task<ApiAnswer<TestimonyPage>> ListTestimoniesAsync(string? country, string? theme, string? language, string? cursor, CancellationToken ct) =>
        GetAsync<TestimonyPage>("/api/campaign/public/testimonies" + Query(("country", country), ("theme", theme), ("language", language), ("cursor", cursor), ("limit", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture))), ct);

    public Task<ApiAnswer<Testimony>> GetTestimonyAsync(Guid id, CancellationToken ct) =>
        GetAsync<Testimony>($"/api/campaign/public/testimonies/{id}", ct);

    public Task<ApiAnswer<ActionPage>> ListActionsAsync(string? cursor, CancellationToken ct) =>
        GetAsync<ActionPage>("/api/campaign/public/actions" + Query(("cursor", cursor), ("limit", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture))), ct);

    public Task<ApiAnswer<VolunteerAction>> GetActionAsync(Guid id, CancellationToken ct) =>
        GetAsync<VolunteerAction>($"/api/campaign/public/actions/{id}", ct);

    public Task<ApiAnswer<Signup>> SignUpAsync(Guid actionId, string? name, string? contact, string idempotencyKey, CancellationToken ct) =>
        PostAsync<Signup>($"/api/campaign/public/actions/{actionId}/signups", new { name, contact }, idempotencyKey, ct);

    public Task<ApiAnswer<SignupCancellation>> CancelSignupAsync(Guid signupId, CancellationToken ct) =>
        PostAsync<SignupCancellation>($"/api/campaign/public/signups/{signupId}/cancellation", new { }, null, ct);

    public Task<ApiAnswer<Receipt>> SubmitAsync(TestimonySubmission submission, string idempotencyKey, CancellationToken ct) =>
        PostAsync<Receipt>("/api/campaign/testimonies", submission, idempotencyKey, ct);

    public Task<ApiAnswer<ReceiptStatus>> ViewReceiptAsync(Guid id, string secret, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/campaign/receipts/{id}");
        request.Headers.TryAddWithoutValidation("X-Receipt-Secret", secret);
        return ApiCalls.SendAsync<ReceiptStatus>(client, request, ct);
    }

    public Task<ApiAnswer<Withdrawal>> WithdrawAsync(Guid id, string secret, IReadOnlyList<string>? purposes, CancellationToken ct) =>
        PostAsync<Withdrawal>(
            $"/api/campaign/receipts/{id}/withdrawal",
            purposes is null ? new { secret, all = true, purposes = (string[]?)null } : new { secret, all = false, purposes = (string[]?)purposes.ToArray() },
            null,
            ct);

    private Task<ApiAnswer<T>> GetAsync<T>(string path, CancellationToken ct) =>
        ApiCalls.SendAsync<T>(client, new HttpRequestMessage(HttpMethod.Get, path), ct);

    private Task<ApiAnswer<T>> PostAsync<T>(string path, object body, string? idempotencyKey, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: ApiCalls.Json) };
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        return ApiCalls.SendAsync<T>(client, request, ct);
    }

    internal static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!.Trim())}").ToList();
        return present.Count == 0 ? string.Empty : "?" + string.Join('&', present);
    }
}

public sealed record Source(Guid Id, string Name, string? Acronym);

public sealed record Testimony(
    Guid Id, string Title, string Story, string Language, IReadOnlyList<string> Themes, string? CountryOfOrigin, string? CountryOfResidence,
    string AuthorDisplay, Source? Source, DateTimeOffset PublishedAt);

public sealed record TestimonyPage(IReadOnlyList<Testimony> Items, string? NextCursor);

public sealed record Organizer(Guid Id, string Name, string? Acronym);

public sealed record VolunteerAction(
    Guid Id, Organizer Organization, string Title, string Description, DateTimeOffset StartsAt, DateTimeOffset? EndsAt, bool Online,
    string? Country, string? City, string? Venue, IReadOnlyList<string> Themes, int VolunteersNeeded, int SpotsLeft, string State);

public sealed record ActionPage(IReadOnlyList<VolunteerAction> Items, string? NextCursor);

public sealed record Signup(Guid SignupId, Guid ActionId, DateTimeOffset SignedUpAt);

public sealed record SignupCancellation(Guid SignupId, Guid ActionId, DateTimeOffset CancelledAt);

public sealed record TestimonySubmission(
    string? Title, string? Story, string? Language, string? CountryOfOrigin, string? CountryOfResidence, IReadOnlyList<string> Themes,
    string Display, string? FirstName, IReadOnlyList<string> Consents);

public sealed record Receipt(Guid TestimonyId, string ReceiptSecret, string State, IReadOnlyList<string> Consents, DateTimeOffset SubmittedAt);

public sealed record ReceiptStatus(
    Guid TestimonyId, string State, IReadOnlyList<string> Consents, DateTimeOffset SubmittedAt, DateTimeOffset? PublishAt,
    DateTimeOffset? PublishedAt, DateTimeOffset? WithdrawnAt);

public sealed record Withdrawal(
    Guid TestimonyId, string State, IReadOnlyList<string> WithdrawnPurposes, IReadOnlyList<string> RemainingConsents, bool Complete,
    DateTimeOffset? WithdrawnAt);
