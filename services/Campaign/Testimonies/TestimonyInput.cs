using System.Text.Json.Serialization;
using Iom.Contracts.Campaign;
using Iom.Contracts.Reference;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;

namespace Iom.Campaign.Testimonies;

/// <summary>What an author (or a CSO on a migrant's behalf) sends: the story, how to be shown, and consent per purpose.</summary>
internal sealed record TestimonyInput(
    string? Title,
    string? Story,
    string? Language,
    string? CountryOfOrigin,
    string? CountryOfResidence,
    IReadOnlyList<string?>? Themes,
    string? Display,
    string? FirstName,
    IReadOnlyList<string?>? Consents) : IRequestExample<TestimonyInput>
{
    /// <summary>An example for the API docs (accepted by the route).</summary>
    public static TestimonyInput Example => new("From Aleppo to Lyon: learning to teach again", "I was a primary school teacher in Aleppo for eleven years. When we arrived in Lyon I spoke no French and could not work in a school. Volunteers at the community centre taught me the language, and today I help other newcomers learn French every Saturday.", "en", "SY", "FR", ["resettlement"], "first-name", "Rania", ["campaign-app", "press"]);

    public const int MinStoryLength = 50;
    public const int MaxStoryLength = 10_000;
    public const int MaxTitleLength = 200;
    public const int MaxThemes = 5;
    public const string DisplayFirstName = "first-name";
    public const string DisplayAnonymous = "anonymous";

    public ValidationErrors Validate(ValidationErrors? errors = null)
    {
        errors ??= new ValidationErrors();
        var title = Title?.Trim() ?? string.Empty;
        errors.Require(title.Length > 0, "title", "A title is required.");
        errors.Require(title.Length <= MaxTitleLength, "title", $"The title is longer than {MaxTitleLength} characters.");
        var story = Story?.Trim() ?? string.Empty;
        errors.Require(story.Length >= MinStoryLength, "story", $"The story must be at least {MinStoryLength} characters.");
        errors.Require(story.Length <= MaxStoryLength, "story", $"The story is longer than {MaxStoryLength} characters.");
        errors.Require(Languages.IsKnown(Language?.Trim()), "language", $"'{Language}' is not an ISO 639-1 language code.");
        errors.Require(CountryOfOrigin is null || Countries.IsKnown(CountryOfOrigin.Trim()), "countryOfOrigin", $"'{CountryOfOrigin}' is not an ISO 3166-1 alpha-2 country code.");
        errors.Require(CountryOfResidence is null || Countries.IsKnown(CountryOfResidence.Trim()), "countryOfResidence", $"'{CountryOfResidence}' is not an ISO 3166-1 alpha-2 country code.");
        var themes = Themes ?? [];
        errors.Require(themes.Count <= MaxThemes, "themes", $"At most {MaxThemes} themes.");
        foreach (var theme in themes.Where(t => !Iom.Contracts.Reference.Themes.IsKnown(t)))
        {
            errors.Add("themes", $"Unknown theme '{theme}'. Known themes: {string.Join(", ", Iom.Contracts.Reference.Themes.All)}.");
        }

        switch (Display?.Trim().ToLowerInvariant())
        {
            case DisplayAnonymous:
                errors.Require(string.IsNullOrWhiteSpace(FirstName), "firstName", "An anonymous testimony carries no first name.");
                break;
            case DisplayFirstName:
                var name = FirstName?.Trim() ?? string.Empty;
                errors.Require(name.Length is > 0 and <= 40, "firstName", "A first name of 1 to 40 characters is required to be shown by first name.");
                errors.Require(name.All(c => char.IsLetter(c) || c is ' ' or '-' or '\'' || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark), "firstName", "A first name has letters only.");
                break;
            default:
                errors.Add("display", $"Display must be '{DisplayFirstName}' or '{DisplayAnonymous}'.");
                break;
        }

        var consents = Consents ?? [];
        errors.Require(consents.Count > 0, "consents", $"Consent to at least one purpose is required: {string.Join(", ", ConsentPurposes.All)}.");
        foreach (var purpose in consents.Where(p => !ConsentPurposes.IsKnown(p?.Trim())))
        {
            errors.Add("consents", $"Unknown purpose '{purpose}'. Known purposes: {string.Join(", ", ConsentPurposes.All)}.");
        }

        return errors;
    }

    // Derived from what the client sent: never read from a body, never shown as input in the API docs.
    [JsonIgnore]
    public string NormalizedTitle => Title!.Trim();

    [JsonIgnore]
    public string NormalizedStory => Story!.Trim();

    [JsonIgnore]
    public string NormalizedLanguage => Language!.Trim().ToLowerInvariant();

    [JsonIgnore]
    public string? NormalizedCountryOfOrigin => CountryOfOrigin?.Trim().ToUpperInvariant();

    [JsonIgnore]
    public string? NormalizedCountryOfResidence => CountryOfResidence?.Trim().ToUpperInvariant();

    [JsonIgnore]
    public List<string> NormalizedThemes => [.. (Themes ?? []).Select(t => t!.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal)];

    [JsonIgnore]
    public List<string> NormalizedConsents =>
        [.. ConsentPurposes.All.Where(p => (Consents ?? []).Any(c => string.Equals(c?.Trim(), p, StringComparison.OrdinalIgnoreCase)))];

    [JsonIgnore]
    public string? NormalizedFirstName =>
        string.Equals(Display?.Trim(), DisplayFirstName, StringComparison.OrdinalIgnoreCase) ? FirstName?.Trim() : null;
}
