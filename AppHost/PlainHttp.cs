// The certificate annotations are marked for evaluation in Aspire 13; they are what the AppHost reads to decide on the
// development-certificate check, so this file uses them and is the one place to revisit on an Aspire upgrade.
#pragma warning disable ASPIRECERTIFICATES001

namespace Iom.AppHost;

/// <summary>
/// The suite runs over plain http on loopback (launchSettings and the README's run command allow unsecured transport).
/// Aspire 13 still gives every project resource an HTTPS-certificate callback, and a resource with such a callback makes
/// the AppHost look for a trusted ASP.NET Core development certificate — and, when there is none (a fresh Debian
/// machine, CI), show a red "No trusted development certificate" error on every dashboard page and log a warning.
/// Nothing here serves TLS, so that error is not one: each resource is declared to take no HTTPS certificate.
/// A deployment terminates TLS at its ingress (deploy/), not in the AppHost.
/// </summary>
internal static class PlainHttp
{
    /// <summary>Called after every resource has been added.</summary>
    public static void ServeEveryResourceOverPlainHttp(this IDistributedApplicationBuilder builder)
    {
        foreach (var resource in builder.Resources)
        {
            if (resource.Annotations.OfType<HttpsCertificateConfigurationCallbackAnnotation>().Any())
            {
                // What WithoutHttpsCertificate() adds, for resources of every type (it needs the builder's generic type).
                resource.Annotations.Add(new HttpsCertificateAnnotation { Certificate = null, UseDeveloperCertificate = false });
            }
        }
    }
}
