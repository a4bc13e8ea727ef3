using Iom.ServiceDefaults.Security;

namespace Iom.Registry;

/// <summary>The registry's one policy beyond the suite's: registry editors, or a focal point (held to its own organisation by the endpoint).</summary>
internal static class RegistryPolicies
{
    public const string EditorOrFocalPoint = "registry-editor-or-focal-point";

    public static IHostApplicationBuilder AddRegistryPolicies(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder().AddPolicy(EditorOrFocalPoint, p => p.RequireAssertion(c =>
            c.User.IsInRole(SuiteRoles.RegistryEditor) || c.User.IsInRole(SuiteRoles.Admin)
            || (c.User.IsInRole(SuiteRoles.CsoFocalPoint) && c.User.OrganizationId() is not null)));
        return builder;
    }
}
