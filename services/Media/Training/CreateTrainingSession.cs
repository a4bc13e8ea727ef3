using Iom.Media.Data;
using Iom.Media.Domain;
using Iom.ServiceDefaults.Input;
using Iom.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Iom.Media.Training;

/// <summary>Plan a training session for journalists (topic, date, trainer, a place or online).</summary>
internal static class CreateTrainingSession
{
    public sealed record Request(string? Topic, DateTimeOffset? StartsAt, string? Trainer, bool? Online, string? Place) : IRequestExample<Request>
    {
        /// <summary>An example for the API docs (accepted by the route).</summary>
        public static Request Example => new("Reporting on migration without stereotypes", ExampleDates.At(21, 8), "IOM Media and Communications Division", true, null);
    }

    public static async Task<Results<Created<TrainingSessionResponse>, ValidationProblem>> HandleAsync(
        Request request, MediaDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(!string.IsNullOrWhiteSpace(request.Topic), "topic", "A topic is required.");
        errors.Require(request.Topic is null || request.Topic.Trim().Length <= 300, "topic", "The topic is longer than 300 characters.");
        errors.Require(request.StartsAt is not null, "startsAt", "A date is required.");
        errors.Require(!string.IsNullOrWhiteSpace(request.Trainer), "trainer", "A trainer is required.");
        errors.Require(request.Trainer is null || request.Trainer.Trim().Length <= 200, "trainer", "The trainer is longer than 200 characters.");
        var online = request.Online ?? false;
        errors.Require(online || !string.IsNullOrWhiteSpace(request.Place), "place", "A place is required unless the session is online.");
        errors.Require(request.Place is null || request.Place.Trim().Length <= 300, "place", "The place is longer than 300 characters.");
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var session = New(request.Topic!.Trim(), request.StartsAt!.Value, request.Trainer!.Trim(), online, string.IsNullOrWhiteSpace(request.Place) ? null : request.Place.Trim());
        db.TrainingSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/media/training/sessions/{session.Id}", TrainingSessionResponse.From(session));
    }

    public static TrainingSession New(string topic, DateTimeOffset startsAt, string trainer, bool online, string? place) =>
        new() { Id = Guid.CreateVersion7(), Topic = topic, StartsAt = startsAt, Trainer = trainer, Online = online, Place = place };
}
