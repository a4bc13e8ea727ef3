using Iom.ServiceDefaults.Security;

namespace Iom.Consultations.Analytics;

internal static class AnalyticsEndpoints
{
    public static IEndpointRouteBuilder MapAnalytics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/consultations/analytics/participation", GetParticipationAnalytics.HandleAsync)
            .WithName(nameof(GetParticipationAnalytics)).WithTags("Analytics")
            .RequireAuthorization(SuitePolicies.Staff);
        return app;
    }
}
