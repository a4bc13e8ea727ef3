using System.Security.Claims;
using Iom.Consultations.Lifecycle;
using Iom.Consultations.Data;
using Iom.Consultations.Domain;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Iom.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Consultations.Funding;

/// <summary>Ask for travel support for one delegate (the delegate's focal point or an organizer); one open or approved request per delegate.</summary>
internal static class RequestFunding
{
    public sealed record Request(Guid? RegistrationId, decimal? Amount) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new(Guid.Parse("e4d3c2b1-a098-4f7e-8d6c-5b4a39281706"), 850.00m);
    }

    public static async Task<Results<Created<FundingRequestResponse>, NotFound, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, ClaimsPrincipal user, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Require(request.RegistrationId is not null, "registrationId", "The registration is required.")
            .Require(request.Amount is > 0 and <= 1_000_000m, "amount", "The amount must be greater than 0 and at most 1000000.")
            .Require(request.Amount is null || decimal.Round(request.Amount.Value, 2) == request.Amount.Value, "amount", "The amount has at most two decimals.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        var registration = consultation is null ? null
            : await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == request.RegistrationId && r.ConsultationId == id, cancellationToken);
        if (consultation is null)
        {
            return TypedResults.NotFound();
        }

        if (registration is null || (!user.IsStaff() && !user.IsConvenerFocalPoint(consultation) && user.OrganizationId() != registration.OrganizationId))
        {
            return new ValidationErrors().Add("registrationId", "No such registration for this consultation.").ToProblem();
        }

        if (!user.IsOrganizer() && !(user.IsInRole(SuiteRoles.CsoFocalPoint) && user.OrganizationId() == registration.OrganizationId))
        {
            return ConsultationAccess.Forbidden(consultation, "request travel support for this delegate");
        }

        if (!consultation.IsUpcoming || !registration.IsActive)
        {
            return ConsultationProblems.Conflict("Travel support cannot be requested.", "Requests are for active registrations of consultations not yet held or cancelled.");
        }

        if (await db.FundingRequests.AnyAsync(f => f.RegistrationId == registration.Id && f.Status != FundingStatus.Declined, cancellationToken))
        {
            return ConsultationProblems.Conflict("Travel support is already requested.", "This delegate already has an open or approved request.");
        }

        var funding = new FundingRequest
        {
            Id = Guid.CreateVersion7(),
            ConsultationId = id,
            RegistrationId = registration.Id,
            OrganizationId = registration.OrganizationId,
            Amount = request.Amount!.Value,
            Status = FundingStatus.Requested,
            RequestedAt = clock.GetUtcNow(),
        };
        db.FundingRequests.Add(funding);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/consultations/{id}/funding-requests/{funding.Id}", FundingRequestResponse.From(funding));
    }
}
