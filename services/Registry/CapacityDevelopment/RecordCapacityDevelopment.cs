using Iom.Contracts.Reference;
using Iom.Registry.Data;
using Iom.Registry.Domain;
using Iom.Registry.Organizations;
using Iom.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Iom.Registry.CapacityDevelopment;

/// <summary>Records training or support given to a partner (topic, date, hours, people trained, themes).</summary>
internal static class RecordCapacityDevelopment
{
    public sealed record Request(string? Topic, DateOnly? On, decimal? Hours, int? PeopleTrained, IReadOnlyList<string?>? Themes) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("Identifying and referring victims of trafficking: training for frontline caseworkers", ExampleDates.DaysFromToday(-7), 12.5m, 18, ["counter-trafficking-and-protection", "capacity-building"]);
    }

    public sealed record Response(Guid Id, Guid OrganizationId, string Topic, DateOnly On, decimal Hours, int PeopleTrained, IReadOnlyList<string> Themes)
    {
        public static Response From(CapacityDevelopmentRecord r) => new(r.Id, r.OrganizationId, r.Topic, r.On, r.Hours, r.PeopleTrained, r.Themes);
    }

    public static async Task<Results<Created<Response>, ValidationProblem, NotFound>> HandleAsync(
        Guid id, Request request, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var topic = request.Topic?.Trim();
        errors.Require(!string.IsNullOrEmpty(topic) && topic.Length <= 300, "topic", "A topic of at most 300 characters is required.");
        errors.Require(request.On is not null, "on", "The date is required (yyyy-mm-dd).");
        errors.Require(request.Hours is > 0 and <= 10_000, "hours", "hours must be more than 0 and at most 10000.");
        errors.Require(request.PeopleTrained is >= 0 and <= 1_000_000, "peopleTrained", "peopleTrained must be from 0 to 1000000.");
        var themes = new List<string>();
        for (var i = 0; i < (request.Themes?.Count ?? 0); i++)
        {
            var theme = request.Themes![i]?.Trim().ToLowerInvariant();
            if (Themes.IsKnown(theme))
            {
                themes.Add(theme!);
            }
            else
            {
                errors.Add($"themes[{i}]", $"'{request.Themes[i]}' is not a known theme.");
            }
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        if (!await db.Organizations.AnyAsync(o => o.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var record = new CapacityDevelopmentRecord
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = id,
            Topic = topic!,
            On = request.On!.Value,
            Hours = decimal.Round(request.Hours!.Value, 2),
            PeopleTrained = request.PeopleTrained!.Value,
            Themes = themes.Distinct(StringComparer.Ordinal).ToList(),
        };
        db.CapacityDevelopment.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/registry/organizations/{id}/capacity-development", Response.From(record));
    }
}
