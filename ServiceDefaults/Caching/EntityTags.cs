using Microsoft.AspNetCore.Http;

namespace Iom.ServiceDefaults.Caching;

/// <summary>
/// The one reading of If-None-Match (RFC 9110 §13.1.2) for every service and the web front: a comma-separated list of
/// entity tags (over one or several header lines) or "*", compared weakly — <c>W/"x"</c> names the same content as
/// <c>"x"</c>. Two parsers that disagreed lived in Campaign and Media before.
/// </summary>
public static class EntityTags
{
    /// <summary>The tags the request names, each as its strong form ("*" as is); empty without If-None-Match.</summary>
    public static IEnumerable<string> Requested(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var value in request.Headers.IfNoneMatch)
        {
            foreach (var tag in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                yield return tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
            }
        }
    }

    /// <summary>The request sent If-None-Match (which then wins over If-Modified-Since, RFC 9110 §13.2.2).</summary>
    public static bool Sent(HttpRequest request) => request.Headers.IfNoneMatch.Count > 0;

    /// <summary>
    /// True when If-None-Match names "*" or one of <paramref name="current"/> (the representation's tags). On the feed's
    /// 304 path: no array, no LINQ per call.
    /// </summary>
    public static bool NoneMatchHits(HttpRequest request, params ReadOnlySpan<string?> current)
    {
        foreach (var tag in Requested(request))
        {
            if (tag == "*")
            {
                return true;
            }

            foreach (var known in current)
            {
                if (string.Equals(tag, known, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
