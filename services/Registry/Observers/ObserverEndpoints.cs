using Iom.ServiceDefaults.Security;

namespace Iom.Registry.Observers;

internal static class ObserverEndpoints
{
    public static IEndpointRouteBuilder MapObservers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/registry").WithTags("Observer status");
        group.MapPost("/organizations/{id:guid}/observer-applications", ApplyForObserverStatus.HandleAsync).WithName(nameof(ApplyForObserverStatus))
            .RequireAuthorization(RegistryPolicies.EditorOrFocalPoint);
        group.MapGet("/organizations/{id:guid}/observer-applications", ListObserverApplications.HandleAsync).WithName(nameof(ListObserverApplications))
            .RequireAuthorization(SuitePolicies.StaffOrFocalPoint);
        group.MapPost("/observer-applications/{id:guid}/review", ReviewObserverApplication.HandleAsync).WithName(nameof(ReviewObserverApplication))
            .RequireAuthorization(SuitePolicies.RegistryEditor);
        group.MapPost("/observer-applications/{id:guid}/decision", DecideObserverApplication.HandleAsync).WithName(nameof(DecideObserverApplication))
            .RequireAuthorization(SuitePolicies.RegistryEditor);
        group.MapPost("/organizations/{id:guid}/observer-status/withdraw", WithdrawObserverStatus.HandleAsync).WithName(nameof(WithdrawObserverStatus))
            .RequireAuthorization(SuitePolicies.RegistryEditor);
        group.MapGet("/observers", ListObservers.HandleAsync).WithName(nameof(ListObservers))
            .RequireAuthorization(SuitePolicies.Staff);
        return app;
    }
}
