using Iom.Media.Domain;

namespace Iom.Media.Training;

internal sealed record TrainingSessionResponse(Guid Id, string Topic, DateTimeOffset StartsAt, string Trainer, bool Online, string? Place, int Attended, int Completed)
{
    public static TrainingSessionResponse From(TrainingSession s) =>
        new(s.Id, s.Topic, s.StartsAt, s.Trainer, s.Online, s.Place, s.Attendance.Count(a => a.Attended), s.Attendance.Count(a => a.Completed));
}
