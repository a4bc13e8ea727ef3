using Iom.Consultations.Data;
using Iom.Messaging;
using Microsoft.AspNetCore.OutputCaching;

namespace Iom.Consultations.Syndicate;

/// <summary>The public reading list and paper pages live in the Redis output cache under one tag, evicted after a committed change.</summary>
internal static class SyndicateCache
{
    public const string Tag = "consultations-public-syndicate";

    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(10);

    public static void EvictSyndicateAfterCommit(this ConsultationsDbContext db) =>
        db.AfterCommit((services, cancellationToken) => services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(Tag, cancellationToken).AsTask());
}
