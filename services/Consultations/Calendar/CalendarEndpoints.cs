using Iom.ServiceDefaults.Security;

namespace Iom.Consultations.Calendar;

internal static class CalendarEndpoints
{
    public static IEndpointRouteBuilder MapCalendar(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/consultations/{id:guid}/calendar.ics", GetConsultationCalendar.HandleAsync)
            .WithName(nameof(GetConsultationCalendar)).WithTags("Calendar")
            .RequireAuthorization(SuitePolicies.StaffOrFocalPoint);
        app.MapGet("/api/consultations/public/calendar.ics", GetPublicCalendar.HandleAsync)
            .WithName(nameof(GetPublicCalendar)).WithTags("Calendar")
            .CacheOutput(policy => policy.Expire(TimeSpan.FromMinutes(5)).Tag(PublicCalendar.CacheTag))
            .AllowAnonymous();
        return app;
    }
}
