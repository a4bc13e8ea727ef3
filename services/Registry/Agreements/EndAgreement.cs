using Iom.Contracts.Registry;
using Iom.Messaging.Outbox;
using Iom.Registry.Data;
using Iom.Registry.Domain;
using Iom.Registry.Organizations;
using Iom.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.Agreements;

/// <summary>
/// An active agreement ends (it ran its course) or is terminated early (with a reason). Either way stages
/// AgreementEnded with the outcome. The end date cannot be before the start.
/// </summary>
internal static class EndAgreement
{
    public sealed record Request(DateOnly? EndedOn, string? Reason) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new(ExampleDates.Today, "Project closed: the final narrative and financial reports were accepted.");
    }

    public static Task<Results<Ok<AgreementResponse>, ValidationProblem, NotFound, ProblemHttpResult>> EndAsync(Guid id, Request request, RegistryDbContext db, CancellationToken cancellationToken) =>
        HandleAsync(id, request, AgreementStatus.Ended, db, cancellationToken);

    public static Task<Results<Ok<AgreementResponse>, ValidationProblem, NotFound, ProblemHttpResult>> TerminateAsync(Guid id, Request request, RegistryDbContext db, CancellationToken cancellationToken) =>
        HandleAsync(id, request, AgreementStatus.Terminated, db, cancellationToken);

    private static async Task<Results<Ok<AgreementResponse>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, AgreementStatus outcome, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        errors.Require(request.EndedOn is not null, "endedOn", "The end date is required (yyyy-mm-dd).");
        errors.Require(outcome != AgreementStatus.Terminated || reason is not null, "reason", "A reason is required to terminate an agreement.");
        errors.Require(reason is null || reason.Length <= 1000, "reason", "The reason is longer than 1000 characters.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var agreement = await db.Agreements.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agreement is null)
        {
            return TypedResults.NotFound();
        }

        if (request.EndedOn < agreement.StartsOn)
        {
            return errors.Add("endedOn", "The end date is before the agreement's start.").ToProblem();
        }

        if (agreement.Status != AgreementStatus.Active)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Only an active agreement can end.",
                detail: $"The agreement is {WireNames.ToWire(agreement.Status)}.");
        }

        agreement.Status = outcome;
        agreement.EndedOn = request.EndedOn;
        agreement.TerminationReason = outcome == AgreementStatus.Terminated ? reason : null;
        db.StageEvent(new AgreementEnded(agreement.Id, agreement.OrganizationId, WireNames.ToWire(outcome), request.EndedOn!.Value));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AgreementResponse.From(agreement));
    }
}
