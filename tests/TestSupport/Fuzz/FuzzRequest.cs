using System.Text;

namespace Iom.TestSupport.Fuzz;

/// <summary>One generated request: what is sent, printable when a check fails.</summary>
public sealed record FuzzRequest(WriteRoute Route, string Path, string? ContentType, byte[]? Body, string Kind)
{
    public override string ToString()
    {
        var body = Body is null ? "(no body)" : Encoding.UTF8.GetString(Body);
        if (body.Length > 2000)
        {
            body = body[..2000] + $"… ({Body!.Length} bytes)";
        }

        var printable = new StringBuilder(body.Length);
        foreach (var c in body)
        {
            printable.Append(c < ' ' && c is not '\n' ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return $"{Route.Method} {Path} [{Kind}] Content-Type: {ContentType ?? "(none)"}\n{printable}";
    }
}
