using Iom.ServiceDefaults.Security;

namespace Iom.Consultations.Syndicate;

/// <summary>
/// The Migration Research Leaders Syndicate: editors invite and review (syndicate-editor role); members work with their
/// invitation token (X-Syndicate-Token, checked by each handler — anonymous for ASP.NET and the gateway, like feed keys);
/// the public reads the reading list and the papers.
/// </summary>
internal static class SyndicateEndpoints
{
    public static IEndpointRouteBuilder MapSyndicate(this IEndpointRouteBuilder app)
    {
        var editors = app.MapGroup("/api/consultations/syndicate").WithTags("Syndicate").RequireAuthorization(SuitePolicies.SyndicateEditor);
        editors.MapPost("/members", InviteMember.HandleAsync).WithName(nameof(InviteMember))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        editors.MapDelete("/members/{id:guid}", RevokeMember.HandleAsync).WithName(nameof(RevokeMember));
        editors.MapGet("/review", GetReviewQueue.HandleAsync).WithName(nameof(GetReviewQueue));
        editors.MapPost("/papers/{id:guid}/publication", PublishPaper.HandleAsync).WithName(nameof(PublishPaper));
        editors.MapPost("/papers/{id:guid}/return", ReturnPaper.HandleAsync).WithName(nameof(ReturnPaper))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        editors.MapPost("/reads/{id:guid}/publication", PublishRead.HandleAsync).WithName(nameof(PublishRead));

        var members = app.MapGroup("/api/consultations/syndicate/me").WithTags("Syndicate").AllowAnonymous();
        members.MapGet("/", ListMyWork.HandleAsync).WithName(nameof(ListMyWork));
        members.MapPost("/reads", RecommendRead.HandleAsync).WithName(nameof(RecommendRead))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        members.MapDelete("/reads/{id:guid}", WithdrawRead.HandleAsync).WithName(nameof(WithdrawRead));
        members.MapPost("/papers", DraftPaper.HandleAsync).WithName(nameof(DraftPaper))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        members.MapPut("/papers/{id:guid}", RevisePaper.HandleAsync).WithName(nameof(RevisePaper))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        members.MapPut("/papers/{id:guid}/pdf", AttachPaperPdf.HandleAsync).WithName(nameof(AttachPaperPdf));
        members.MapPost("/papers/{id:guid}/submission", SubmitPaper.HandleAsync).WithName(nameof(SubmitPaper));

        var open = app.MapGroup("/api/consultations/public/syndicate").WithTags("Syndicate").AllowAnonymous();
        open.MapGet("/reads", GetReadingList.JsonAsync).WithName("GetReadingList")
            .CacheOutput(p => p.Expire(SyndicateCache.Expiry).Tag(SyndicateCache.Tag).SetVaryByQuery("consultationId"));
        open.MapGet("/reads.bib", GetReadingList.BibTexAsync).WithName("GetReadingListBibTex")
            .CacheOutput(p => p.Expire(SyndicateCache.Expiry).Tag(SyndicateCache.Tag).SetVaryByQuery("consultationId"));
        open.MapGet("/reads.ris", GetReadingList.RisAsync).WithName("GetReadingListRis")
            .CacheOutput(p => p.Expire(SyndicateCache.Expiry).Tag(SyndicateCache.Tag).SetVaryByQuery("consultationId"));
        open.MapGet("/papers", GetPublishedPapers.ListAsync).WithName("ListPublishedPapers")
            .CacheOutput(p => p.Expire(SyndicateCache.Expiry).Tag(SyndicateCache.Tag).SetVaryByQuery("consultationId"));
        open.MapGet("/papers/{id:guid}", GetPublishedPapers.PageAsync).WithName("GetPublishedPaper")
            .CacheOutput(p => p.Expire(SyndicateCache.Expiry).Tag(SyndicateCache.Tag));
        open.MapGet("/papers/{id:guid}/pdf", GetPublishedPapers.PdfAsync).WithName("GetPublishedPaperPdf");
        open.MapGet("/papers/{id:guid}/citation.bib", GetPublishedPapers.BibTexAsync).WithName("GetPublishedPaperBibTex")
            .CacheOutput(p => p.Expire(SyndicateCache.Expiry).Tag(SyndicateCache.Tag));
        open.MapGet("/papers/{id:guid}/citation.ris", GetPublishedPapers.RisAsync).WithName("GetPublishedPaperRis")
            .CacheOutput(p => p.Expire(SyndicateCache.Expiry).Tag(SyndicateCache.Tag));
        return app;
    }
}
