using System.Security.Cryptography;
using Iom.ServiceDefaults.Settings;
using Microsoft.Extensions.Options;

namespace Iom.Campaign.Public;

/// <summary>Campaign:Reports — how many distinct reporters take a published testimony down, and the key that tells them apart.</summary>
internal sealed class ReportOptions
{
    public const string Section = "Campaign:Reports";

    /// <summary>Distinct reporters whose undecided reports take a published testimony off the public listing: 3.</summary>
    public int TakedownThreshold { get; set; } = 3;

    /// <summary>
    /// The secret (at least 32 characters) of the keyed hash of a reporter's address. Required outside Development and
    /// Testing, where a random one is made per process; the same value on every replica, so a reporter counts once.
    /// </summary>
    public string? ReporterKey { get; set; }

    public static void Register(IServiceCollection services) =>
        services.AddSettings<ReportOptions>(Section)
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                if (string.IsNullOrEmpty(options.ReporterKey) && (environment.IsDevelopment() || environment.IsEnvironment("Testing")))
                {
                    options.ReporterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                }
            })
            .Validate(o => o.TakedownThreshold is >= 1 and <= 100, $"{Section}:TakedownThreshold must be between 1 and 100.")
            .Validate(o => o.ReporterKey is { Length: >= 32 }, $"{Section}:ReporterKey must be set to a secret of at least 32 characters (it keys the hashes that tell reporters apart).");
}
