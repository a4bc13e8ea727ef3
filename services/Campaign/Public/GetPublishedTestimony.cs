using Iom.Campaign.Data;
using Microsoft.EntityFrameworkCore;

namespace Iom.Campaign.Public;

/// <summary>One published testimony, as the app shows it.</summary>
internal static class GetPublishedTestimony
{
    public static async Task<IResult> HandleAsync(Guid id, HttpContext http, CampaignDbContext db, CancellationToken cancellationToken)
    {
        var testimony = await ListPublishedTestimonies.Visible(db).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (testimony is null)
        {
            return TypedResults.NotFound();
        }

        var sources = await ListPublishedTestimonies.SourcesAsync(db, [testimony], cancellationToken);
        return PublicCache.JsonWithETag(http, ListPublishedTestimonies.ToItem(testimony, sources));
    }
}
