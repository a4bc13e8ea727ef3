using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Iom.Together.Localization;

/// <summary>
/// English, French and Spanish (IOM's official languages) and Arabic (right-to-left). The language comes from the
/// switcher (?lang=, then kept in a cookie), else the browser's Accept-Language, else English.
/// </summary>
internal static class TogetherLocalization
{
    public const string QueryKey = "lang";

    public static readonly IReadOnlyList<string> Languages = ["en", "fr", "es", "ar"];

    public static bool IsRightToLeft => CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft;

    public static WebApplicationBuilder AddTogetherLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Languages.Select(CultureInfo.GetCultureInfo).ToList();
            options.DefaultRequestCulture = new RequestCulture("en");
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = QueryKey, UIQueryStringKey = QueryKey },
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return builder;
    }

    public static WebApplication UseTogetherLocalization(this WebApplication app)
    {
        app.UseRequestLocalization();
        // A choice made with the switcher is kept for the next pages (a year; only the language, nothing personal).
        app.Use((context, next) =>
        {
            var chosen = context.Request.Query[QueryKey].ToString();
            if (Languages.Contains(chosen, StringComparer.OrdinalIgnoreCase))
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen.ToLowerInvariant())),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true, IsEssential = true, Secure = context.Request.IsHttps });
            }

            return next(context);
        });
        return app;
    }

    /// <summary>The current path and query with another language (for the switcher's links).</summary>
    public static string WithLanguage(HttpRequest request, string language)
    {
        var query = request.Query.Where(q => q.Key != QueryKey && q.Key != "handler")
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"{QueryKey}={language}");
        return request.PathBase + request.Path + "?" + string.Join('&', query);
    }
}
