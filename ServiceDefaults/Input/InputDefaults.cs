using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.ServiceDefaults.Input;

/// <summary>
/// The input rules, once for every service: JSON bodies are read with the converters above (strings, date-times with
/// any offset normalised to UTC, plausible dates), and a query string or path holding a forbidden character is a 400
/// naming the parameter before any endpoint runs.
/// </summary>
internal static class InputDefaults
{
    public static IServiceCollection AddInputRules(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new AcceptableStringConverter());
            o.SerializerOptions.Converters.Add(new UtcDateTimeOffsetConverter());
            o.SerializerOptions.Converters.Add(new PlausibleDateOnlyConverter());
            o.SerializerOptions.Converters.Add(Json.WireNames.Converter()); // enums as their kebab-case wire names
        });

    public static IApplicationBuilder UseInputRules(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var field = FirstRefused(context.Request);
            if (field is null)
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await Results.ValidationProblem(
                new Dictionary<string, string[]> { [field] = [TextRules.Message] },
                title: "The request is not valid.").ExecuteAsync(context);
        });

    private static string? FirstRefused(HttpRequest request)
    {
        if (!TextRules.IsAcceptable(request.Path.Value))
        {
            return "path";
        }

        foreach (var (name, values) in request.Query)
        {
            if (!TextRules.IsAcceptable(name))
            {
                return "query";
            }

            foreach (var value in values)
            {
                if (!TextRules.IsAcceptable(value))
                {
                    return name;
                }
            }
        }

        return null;
    }
}
