using Iom.Consultations.Domain;

namespace Iom.Consultations.Forums;

internal sealed record TopicResponse(Guid Id, string Title, string Question);

internal sealed record ForumResponse(
    Guid Id, Guid ConsultationId, string Title, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, IReadOnlyList<string> Languages, IReadOnlyList<TopicResponse> Topics)
{
    public static ForumResponse From(Forum forum, IEnumerable<ForumTopic> topics) => new(
        forum.Id, forum.ConsultationId, forum.Title, forum.OpensAt, forum.ClosesAt, forum.Languages,
        [.. topics.OrderBy(t => t.Position).Select(t => new TopicResponse(t.Id, t.Title, t.Question))]);
}

/// <summary>A contribution as the public (and the organiser) sees it: an organisation by name, an individual as "anonymous".</summary>
internal sealed record ContributionResponse(
    Guid Id, Guid ForumId, Guid TopicId, Guid? ParentId, string Author, Guid? OrganizationId, string CountryOfOrigin, string Language,
    string Text, string State, int Supports, DateTimeOffset SubmittedAt)
{
    public static ContributionResponse From(ForumContribution c, string? organizationName, int supports) => new(
        c.Id, c.ForumId, c.TopicId, c.ParentId, organizationName ?? "anonymous", c.OrganizationId, c.CountryOfOrigin, c.Language,
        c.Text, c.State.ToWire(), supports, c.SubmittedAt);
}
