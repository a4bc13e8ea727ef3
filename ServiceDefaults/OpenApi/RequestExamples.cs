using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Iom.ServiceDefaults.OpenApi;

/// <summary>
/// A request body that carries its own example for the API docs (issue 13 §2): the example lives next to the type it
/// illustrates, so a new field is noticed where the example is written. The suite's tests send every documented
/// example to its route and require it to be accepted.
/// </summary>
/// <typeparam name="TSelf">The request type itself.</typeparam>
public interface IRequestExample<TSelf>
    where TSelf : IRequestExample<TSelf>
{
    /// <summary>A realistic body the route accepts.</summary>
    static abstract TSelf Example { get; }
}

/// <summary>
/// Puts each route's request example into its OpenAPI operation, as the <c>example</c> of the JSON request body:
/// the route's body type (the parameter bound from the body) is asked for its <see cref="IRequestExample{TSelf}.Example"/>,
/// serialised with the service's own JSON options (so names and enums are written as the endpoint reads them).
/// </summary>
public static class RequestExamples
{
    private static readonly MethodInfo ExampleOfMethod =
        typeof(RequestExamples).GetMethod(nameof(ExampleOf), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static OpenApiOptions AddRequestExamples(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddOperationTransformer((operation, context, _) =>
        {
            var content = operation.RequestBody?.Content;
            if (content is null || content.Count == 0)
            {
                return Task.CompletedTask;
            }

            var bodyType = context.Description.ParameterDescriptions
                .FirstOrDefault(p => p.Source == BindingSource.Body)?.Type;
            var forRoute = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestExampleMetadata>().LastOrDefault();
            if (bodyType is null || (forRoute?.Example() ?? Example(bodyType)) is not { } example)
            {
                return Task.CompletedTask;
            }

            var serializer = context.ApplicationServices.GetService<IOptions<JsonOptions>>()?.Value.SerializerOptions
                ?? JsonSerializerOptions.Web;
            foreach (var (mediaType, media) in content)
            {
                if (media.Example is null && mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
                {
                    media.Example = JsonSerializer.SerializeToNode(example, bodyType, serializer);
                }
            }

            return Task.CompletedTask;
        });
        return options;
    }

    /// <summary>
    /// This route's own example, for a body type shared by routes that expect different values (e.g. one contribution
    /// body for anonymous people, who send no organisation, and for focal points, who must).
    /// </summary>
    public static TBuilder WithRequestExample<TBuilder, TRequest>(this TBuilder builder, Func<TRequest> example)
        where TBuilder : IEndpointConventionBuilder
        where TRequest : notnull
    {
        ArgumentNullException.ThrowIfNull(example);
        return builder.WithMetadata(new RequestExampleMetadata(() => example()));
    }

    /// <summary>The type's example, or null when it has none.</summary>
    public static object? Example(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var declares = type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestExample<>) && i.GetGenericArguments()[0] == type);
        return declares ? ExampleOfMethod.MakeGenericMethod(type).Invoke(null, null) : null;
    }

    private static object ExampleOf<T>()
        where T : IRequestExample<T> => T.Example;
}

/// <summary>A route's own request example (see <see cref="RequestExamples.WithRequestExample{TBuilder, TRequest}"/>).</summary>
internal sealed record RequestExampleMetadata(Func<object> Example);

/// <summary>Dates for request examples, relative to today (UTC) so an example stays valid ("in the future") over time.</summary>
public static class ExampleDates
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static DateOnly DaysFromToday(int days) => Today.AddDays(days);

    /// <summary>A whole hour (UTC) <paramref name="days"/> days from today.</summary>
    public static DateTimeOffset At(int days, int hour, int minute = 0) =>
        new(DateTime.UtcNow.Date.AddDays(days).AddHours(hour).AddMinutes(minute), TimeSpan.Zero);
}
