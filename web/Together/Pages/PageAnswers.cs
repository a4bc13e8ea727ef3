using Iom.Together.Gateway;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Iom.Together.Pages;

/// <summary>How a page answers when the gateway refused or could not answer: the error page with the right status.</summary>
internal static class PageAnswers
{
    /// <summary>404, 410, 429 (with Retry-After) or 503 (with Retry-After) as a page in the reader's language.</summary>
    public static IActionResult Failure<T>(this PageModel page, ApiAnswer<T> answer)
    {
        var status = answer.Status switch
        {
            System.Net.HttpStatusCode.NotFound => 404,
            System.Net.HttpStatusCode.Gone => 410,
            System.Net.HttpStatusCode.TooManyRequests => 429,
            _ => 503,
        };
        if (status is 429 or 503)
        {
            page.Response.Headers.RetryAfter = "60";
        }

        page.Response.StatusCode = status;
        return page.Partial("_Error", status);
    }
}
