using Iom.ServiceDefaults.Security;

namespace Iom.Media.Training;

internal static class TrainingEndpoints
{
    public static IEndpointRouteBuilder MapTraining(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/media/training").WithTags("Training").RequireAuthorization(SuitePolicies.MediaEditor);
        group.MapPost("/sessions", CreateTrainingSession.HandleAsync).WithName(nameof(CreateTrainingSession));
        group.MapGet("/sessions", ListTrainingSessions.HandleAsync).WithName(nameof(ListTrainingSessions));
        group.MapPost("/sessions/{id:guid}/attendance", RecordAttendance.HandleAsync).WithName(nameof(RecordAttendance));
        app.MapGet("/api/media/journalists/{id:guid}/training", GetTrainingHistory.HandleAsync).WithTags("Training")
            .WithName(nameof(GetTrainingHistory)).RequireAuthorization(SuitePolicies.MediaEditor);
        return app;
    }
}
