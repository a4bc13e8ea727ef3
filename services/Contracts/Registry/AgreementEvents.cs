namespace Iom.Contracts.Registry;

/// <summary>A legal agreement or joint project with a partner became active.</summary>
/// <param name="Kind">implementing-partner-agreement, memorandum-of-understanding, framework-agreement, project-agreement.</param>
public sealed record AgreementSigned(
    Guid AgreementId,
    Guid PartnerId,
    string Kind,
    string Title,
    IReadOnlyList<string> Themes,
    IReadOnlyList<string> Countries,
    DateOnly StartsOn,
    DateOnly? EndsOn);

/// <summary>An agreement ended (reached its end date) or was terminated early.</summary>
/// <param name="Outcome">ended or terminated.</param>
public sealed record AgreementEnded(Guid AgreementId, Guid PartnerId, string Outcome, DateOnly EndedOn);
