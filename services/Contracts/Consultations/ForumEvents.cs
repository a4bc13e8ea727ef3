namespace Iom.Contracts.Consultations;

/// <summary>
/// The organiser consolidated an iDiaspora forum into the consultation's inputs. Carries counts and links, not the
/// contributions themselves (they stay in Consultations; individuals are anonymous).
/// </summary>
public sealed record InputSynthesisConsolidated(
    Guid SynthesisId,
    Guid ConsultationId,
    Guid ForumId,
    string Text,
    IReadOnlyList<Guid> SourceContributionIds,
    DateTimeOffset ConsolidatedAt);
