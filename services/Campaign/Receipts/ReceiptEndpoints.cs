namespace Iom.Campaign.Receipts;

/// <summary>The author's receipt, without an account: anonymous, the secret is the credential.</summary>
internal static class ReceiptEndpoints
{
    public static IEndpointRouteBuilder MapReceipts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/campaign/receipts").WithTags("Receipts").AllowAnonymous();
        group.MapGet("/{id:guid}", ViewReceipt.HandleAsync).WithName(nameof(ViewReceipt))
            .Produces<ViewReceipt.Response>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/withdrawal", WithdrawConsent.HandleAsync).WithName(nameof(WithdrawConsent))
            .Produces<WithdrawConsent.Confirmation>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
