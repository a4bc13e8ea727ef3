using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;

namespace Iom.Consultations.Syndicate;

/// <summary>The fields of a paper a member writes, and their checks (shared by drafting and revising).</summary>
internal static class PaperInput
{
    public const int BodyMax = 100_000;

    /// <summary>Licences a paper may carry (SPDX identifiers, plus all rights reserved).</summary>
    public static readonly IReadOnlyList<string> Licences = ["CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-NC-ND-4.0", "CC0-1.0", "all-rights-reserved"];

    public sealed record Fields(string? Title, string? Abstract, string? Body, string? Licence) : IRequestExample<Fields>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Fields Example => new(
            "Labour mobility and skills partnerships: what the evidence says",
            "Skills partnerships between countries of origin and destination can reduce recruitment costs for migrant workers; this revision adds the 2024 evaluation of twelve pilots.",
            "## Findings\n\nWhere training was recognised in both countries, recruitment costs paid by workers fell in nine of the twelve pilots.",
            "CC-BY-4.0");
    }

    public static ValidationErrors Validate(Fields fields) => new ValidationErrors()
        .Require(!string.IsNullOrWhiteSpace(fields.Title) && fields.Title.Trim().Length <= 300, "title", "A title of at most 300 characters is required.")
        .Require(!string.IsNullOrWhiteSpace(fields.Abstract) && fields.Abstract.Trim().Length <= 3000, "abstract", "An abstract of at most 3000 characters is required.")
        .Require(!string.IsNullOrWhiteSpace(fields.Body) && fields.Body.Length <= BodyMax, "body", $"A Markdown body of at most {BodyMax} characters is required.")
        .Require(fields.Licence is not null && Licences.Contains(fields.Licence, StringComparer.Ordinal), "licence", $"The licence must be one of: {string.Join(", ", Licences)}.");
}
