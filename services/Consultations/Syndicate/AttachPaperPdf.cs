using System.Security.Cryptography;
using Iom.Consultations.Data;
using Iom.ServiceDefaults.Input;

namespace Iom.Consultations.Syndicate;

/// <summary>
/// A member attaches the PDF of a draft (PUT, Content-Type application/pdf, at most 5 MB): it must start with the PDF
/// signature "%PDF-"; it is stored in PostgreSQL with its SHA-256. A bigger body is refused with 413 before it is read whole.
/// </summary>
internal static class AttachPaperPdf
{
    public const int MaxBytes = 5 * 1024 * 1024;

    private static readonly byte[] Signature = "%PDF-"u8.ToArray();

    public sealed record Response(Guid PaperId, long Bytes, string Sha256);

    public static async Task<IResult> HandleAsync(Guid id, HttpContext http, ConsultationsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > MaxBytes)
        {
            return TooLarge();
        }

        if (!string.Equals(http.Request.ContentType?.Split(';')[0].Trim(), "application/pdf", StringComparison.OrdinalIgnoreCase))
        {
            return new ValidationErrors().Add("Content-Type", "Send the PDF itself with Content-Type: application/pdf.").ToProblem();
        }

        var (paper, problem) = await MemberPapers.EditableAsync(id, http, db, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var bytes = await ReadBoundedAsync(http.Request.Body, cancellationToken);
        if (bytes is null)
        {
            return TooLarge();
        }

        if (bytes.Length < Signature.Length || !bytes.AsSpan(0, Signature.Length).SequenceEqual(Signature))
        {
            return new ValidationErrors().Add("pdf", "The file is not a PDF (it does not start with %PDF-).").ToProblem();
        }

        paper!.Pdf = bytes;
        paper.PdfSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        paper.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new Response(paper.Id, bytes.LongLength, paper.PdfSha256));
    }

    /// <summary>The body, or null as soon as it passes the limit (a chunked body has no Content-Length to check first).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static IResult TooLarge() => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The PDF is too large.",
        detail: $"A paper's PDF is at most {MaxBytes / (1024 * 1024)} MB.");
}
