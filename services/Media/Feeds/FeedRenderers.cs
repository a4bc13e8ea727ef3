using System.Globalization;
using System.Text;
using System.Xml;

namespace Iom.Media.Feeds;

/// <summary>The links of a rendered page (absolute, without any key).</summary>
internal sealed record FeedLinks(string Self, string First, string? Next, string? Previous);

/// <summary>
/// Renders a feed page as Atom 1.0 (RFC 4287, tombstones as RFC 6721 at:deleted-entry, paging links as in RFC 5005),
/// JSON Feed 1.1 (tombstones as items marked "_iom": {"withdrawn": true}) or RSS 2.0 — the same items in each.
/// Every published item links to its public story page (Atom alternate link, RSS link, JSON Feed url).
/// Story fields without a standard element (regions, embargo, correction, source) are in the "urn:iom:media" namespace.
/// </summary>
internal static class FeedRenderers
{
    public const string AtomNs = "http://www.w3.org/2005/Atom";
    public const string TombstoneNs = "http://purl.org/atompub/tombstones/1.0";
    public const string IomNs = "urn:iom:media";
    internal const string Title = "IOM media partnership: stories";

    public static (byte[] Body, string ContentType) Render(string format, FeedPage page, FeedLinks links, FeedQuery query) => format switch
    {
        "atom" => (AtomFeedRenderer.Render(page, links, query), "application/atom+xml; charset=utf-8"),
        "json" => (JsonFeedRenderer.Render(page, links), "application/feed+json; charset=utf-8"),
        "rss" => (RssFeedRenderer.Render(page, links), "application/rss+xml; charset=utf-8"),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>
    /// The public page of a published item, on the host the reader used (the links' own base, i.e. the gateway's
    /// forwarded host): none for an embargoed item (until it lifts) or a tombstone.
    /// </summary>
    internal static string? StoryPage(FeedLinks links, FeedItem item)
    {
        if (item.Withdrawn || item.EmbargoUntil is not null)
        {
            return null;
        }

        var feeds = links.Self.IndexOf("/feeds/", StringComparison.Ordinal);
        return (feeds < 0 ? links.Self : links.Self[..feeds]) + PublicStories.PublicStoryEndpoints.PagePath(item.Id);
    }

    internal static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);


    internal static XmlWriterSettings XmlSettings => new() { Encoding = new UTF8Encoding(false), Indent = false, Async = false };

    /// <summary>The story fields without a standard element, in the urn:iom:media namespace (Atom and RSS).</summary>
    internal static void IomElements(XmlWriter w, FeedItem item)
    {
        w.WriteStartElement("iom", "source", IomNs);
        w.WriteAttributeString("kind", item.Source);
        if (item.SourceId is { } sourceId)
        {
            w.WriteAttributeString("id", sourceId.ToString("D"));
        }

        w.WriteEndElement();
        foreach (var region in item.Regions)
        {
            w.WriteElementString("iom", "region", IomNs, region);
        }

        foreach (var language in item.Languages)
        {
            w.WriteElementString("iom", "language", IomNs, language);
        }

        if (item.EmbargoUntil is { } until)
        {
            w.WriteStartElement("iom", "embargo", IomNs);
            w.WriteAttributeString("until", Time(until));
            w.WriteEndElement();
        }

        if (item.CorrectionNote is not null)
        {
            w.WriteStartElement("iom", "correction", IomNs);
            if (item.CorrectedAt is { } at)
            {
                w.WriteAttributeString("at", Time(at));
            }

            w.WriteString(item.CorrectionNote);
            w.WriteEndElement();
        }
    }
}
