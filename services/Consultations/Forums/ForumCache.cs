using Iom.Messaging;
using Microsoft.AspNetCore.OutputCaching;

namespace Iom.Consultations.Forums;

/// <summary>The public forum pages live in the Redis output cache under one tag; a change evicts it once committed.</summary>
internal static class ForumCache
{
    public const string Tag = "consultations-public-forums";

    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(5);

    public static void EvictAfterCommit(this Data.ConsultationsDbContext db) =>
        db.AfterCommit((services, cancellationToken) => services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(Tag, cancellationToken).AsTask());
}
