using Microsoft.Extensions.Hosting;

namespace Iom.ServiceDefaults.Hosting;

/// <summary>
/// The one rule for what is development-only (symmetric signing keys, documented demo secrets such as the demo
/// feed key): allowed in the Development environment and in "Testing", the environment the suite's own test hosts
/// declare. Every other environment name (Production, Staging, anything an operator sets) is treated as production.
/// </summary>
public static class DevelopmentOnly
{
    /// <summary>The environment name the test hosts run in (never set by a deployment).</summary>
    public const string TestingEnvironment = "Testing";

    public static bool IsAllowedIn(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.IsDevelopment() || environment.IsEnvironment(TestingEnvironment);
    }
}
