using Iom.Consultations.Domain;

namespace Iom.Consultations.Syndicate;

internal sealed record ReadResponse(
    Guid Id, Guid ConsultationId, string Title, IReadOnlyList<string> Authors, int Year, string? Doi, string? Url, string WhyItMatters,
    string RecommendedBy, string State, DateTimeOffset? PublishedAt)
{
    public static ReadResponse From(RecommendedRead r, string recommendedBy) => new(
        r.Id, r.ConsultationId, r.Title, r.Authors, r.Year, r.Doi, r.Url, r.WhyItMatters, recommendedBy, r.State.ToWire(), r.PublishedAt);
}
