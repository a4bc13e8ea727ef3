using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Hosting;

namespace Iom.ServiceDefaults.Hosting;

/// <summary>Shutdown:Timeout — how long a stopping process (SIGTERM) may take to finish in-flight requests and messages.</summary>
internal sealed class ShutdownSettings
{
    public const string Section = "Shutdown";

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan Timeout { get; set; } = ServiceDefaultsExtensions.DefaultShutdownTimeout;
}
