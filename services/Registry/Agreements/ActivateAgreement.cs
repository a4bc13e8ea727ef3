using Iom.Contracts.Registry;
using Iom.Messaging.Outbox;
using Iom.Registry.Data;
using Iom.Registry.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.Agreements;

/// <summary>A draft agreement is signed and becomes active. Stages AgreementSigned.</summary>
internal static class ActivateAgreement
{
    public static async Task<Results<Ok<AgreementResponse>, NotFound, ProblemHttpResult>> HandleAsync(Guid id, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var agreement = await db.Agreements.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agreement is null)
        {
            return TypedResults.NotFound();
        }

        if (agreement.Status != AgreementStatus.Draft)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Only a draft agreement can be activated.",
                detail: $"The agreement is {WireNames.ToWire(agreement.Status)}.");
        }

        Activate(db, agreement);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AgreementResponse.From(agreement));
    }

    public static void Activate(RegistryDbContext db, Agreement agreement)
    {
        agreement.Status = AgreementStatus.Active;
        db.StageEvent(new AgreementSigned(agreement.Id, agreement.OrganizationId, WireNames.ToWire(agreement.Kind), agreement.Title,
            [.. agreement.Themes], [.. agreement.Countries], agreement.StartsOn, agreement.EndsOn));
    }
}
