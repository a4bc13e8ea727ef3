using Iom.ServiceDefaults.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Iom.ServiceDefaults.Security;

/// <summary>
/// Validates "Auth" at start-up (ValidateOnStart), in the gateway and every service. Outside Development
/// (<see cref="DevelopmentOnly"/>) a symmetric signing key or a missing Auth:Authority stops the process, with one
/// log line saying what to set; so does plain-http discovery from anything but a loopback issuer.
/// </summary>
internal sealed partial class ProductionAuthRules(IHostEnvironment environment, ILogger<ProductionAuthRules> logger) : IValidateOptions<SuiteAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, SuiteAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problem = Problem(options);
        if (problem is null)
        {
            return ValidateOptionsResult.Success;
        }

        var message = $"Auth: refusing to start in the '{environment.EnvironmentName}' environment: {problem}";
        LogRefused(logger, message);
        return ValidateOptionsResult.Fail(message);
    }

    /// <summary>Whether discovery must be https: as configured, else everywhere but Development.</summary>
    public static bool RequiresHttpsMetadata(SuiteAuthOptions options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        return options.RequireHttpsMetadata ?? !environment.IsDevelopment();
    }

    private string? Problem(SuiteAuthOptions options)
    {
        const string SetAuthority = "set Auth:Authority (environment variable Auth__Authority) to your identity provider's issuer URL and Auth:Audience to this API's audience";
        var development = DevelopmentOnly.IsAllowedIn(environment);
        if (!development && options.HasSigningKey)
        {
            return $"a symmetric signing key (Auth:SigningKey) is for Development only; remove it and {SetAuthority}.";
        }

        if (!options.HasAuthority)
        {
            return development && options.HasSigningKey ? null : $"no identity provider is configured; {SetAuthority}.";
        }

        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            return $"Auth:Authority '{options.Authority}' is not an absolute http(s) URL; {SetAuthority}.";
        }

        var requireHttps = RequiresHttpsMetadata(options, environment);
        if (!requireHttps && !environment.IsDevelopment() && !authority.IsLoopback)
        {
            return "Auth:RequireHttpsMetadata=false is accepted outside Development only for an identity provider on loopback; serve the provider over https and remove the setting.";
        }

        if (requireHttps && authority.Scheme != "https")
        {
            return $"Auth:Authority '{options.Authority}' is plain http; use the provider's https URL (Auth:RequireHttpsMetadata=false only for a loopback or Development issuer).";
        }

        return null;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Critical, Message = "{Message}")]
    private static partial void LogRefused(ILogger logger, string message);
}
