using Iom.Consultations.Invitations;
using Iom.ServiceDefaults.Security;

namespace Iom.Consultations.Lifecycle;

internal static class ConsultationEndpoints
{
    public static IEndpointRouteBuilder MapConsultations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/consultations").WithTags("Consultations");
        group.MapPost("/", ScheduleConsultation.HandleAsync).WithName(nameof(ScheduleConsultation))
            .RequireAuthorization(SuitePolicies.ConsultationOrganizer);
        group.MapGet("/", ListConsultations.HandleAsync).WithName(nameof(ListConsultations))
            .RequireAuthorization(SuitePolicies.StaffOrFocalPoint);
        group.MapGet("/{id:guid}", GetConsultation.HandleAsync).WithName(nameof(GetConsultation))
            .RequireAuthorization(SuitePolicies.StaffOrFocalPoint);
        group.MapPost("/{id:guid}/open-registration", OpenRegistration.HandleAsync).WithName(nameof(OpenRegistration))
            .RequireAuthorization(SuitePolicies.ConsultationOrganizer);
        group.MapPost("/{id:guid}/close-registration", CloseRegistration.HandleAsync).WithName(nameof(CloseRegistration))
            .RequireAuthorization(SuitePolicies.ConsultationOrganizer);
        group.MapPost("/{id:guid}/hold", HoldConsultation.HandleAsync).WithName(nameof(HoldConsultation))
            .RequireAuthorization(SuitePolicies.ConsultationOrganizer);
        group.MapPost("/{id:guid}/cancel", CancelConsultation.HandleAsync).WithName(nameof(CancelConsultation))
            .RequireAuthorization(SuitePolicies.ConsultationOrganizer);
        group.MapPost("/{id:guid}/outcome", PublishOutcome.HandleAsync).WithName(nameof(PublishOutcome))
            .RequireAuthorization(SuitePolicies.ConsultationOrganizer);
        group.MapGet("/{id:guid}/invitations", ListInvitations.HandleAsync).WithName(nameof(ListInvitations))
            .RequireAuthorization(SuitePolicies.StaffOrFocalPoint);
        return app;
    }
}
