namespace Iom.Media.Domain;

/// <summary>A training session for journalists reporting on international migration.</summary>
public sealed class TrainingSession
{
    public Guid Id { get; set; }

    public required string Topic { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public required string Trainer { get; set; }

    public bool Online { get; set; }

    public string? Place { get; set; }

    public List<TrainingAttendance> Attendance { get; set; } = [];
}

public sealed class TrainingAttendance
{
    public Guid SessionId { get; set; }

    public Guid JournalistId { get; set; }

    public bool Attended { get; set; }

    public bool Completed { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
