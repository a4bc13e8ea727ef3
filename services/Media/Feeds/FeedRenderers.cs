using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace Iom.Media.Feeds;

/// <summary>The links of a rendered page (absolute, without any key).</summary>
public sealed record FeedLinks(string Self, string First, string? Next, string? Previous);

/// <summary>
/// Renders a feed page as Atom 1.0 (RFC 4287, tombstones as RFC 6721 at:deleted-entry, paging links as in RFC 5005),
/// JSON Feed 1.1 (tombstones as items marked "_iom": {"withdrawn": true}) or RSS 2.0 — the same items in each.
/// Every published item links to its public story page (Atom alternate link, RSS link, JSON Feed url).
/// Story fields without a standard element (regions, embargo, correction, source) are in the "urn:iom:media" namespace.
/// </summary>
public static class FeedRenderers
{
    public const string AtomNs = "http://www.w3.org/2005/Atom";
    public const string TombstoneNs = "http://purl.org/atompub/tombstones/1.0";
    public const string IomNs = "urn:iom:media";
    private const string Title = "IOM media partnership: stories";

    public static (byte[] Body, string ContentType) Render(string format, FeedPage page, FeedLinks links, FeedQuery query) => format switch
    {
        "atom" => (Atom(page, links, query), "application/atom+xml; charset=utf-8"),
        "json" => (Json(page, links), "application/feed+json; charset=utf-8"),
        "rss" => (Rss(page, links), "application/rss+xml; charset=utf-8"),
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

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static XmlWriterSettings XmlSettings => new() { Encoding = new UTF8Encoding(false), Indent = false, Async = false };

    private static byte[] Atom(FeedPage page, FeedLinks links, FeedQuery query)
    {
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, XmlSettings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("feed", AtomNs);
            w.WriteAttributeString("xmlns", "at", null, TombstoneNs);
            w.WriteAttributeString("xmlns", "iom", null, IomNs);
            w.WriteElementString("id", AtomNs, "urn:iom:media:feed:stories" + (query with { Page = 1 }).Url(string.Empty, string.Empty, 1));
            w.WriteElementString("title", AtomNs, Title);
            w.WriteElementString("updated", AtomNs, Time(page.Updated));
            w.WriteStartElement("author", AtomNs);
            w.WriteElementString("name", AtomNs, "IOM Media and Communications");
            w.WriteEndElement();
            Link(w, "self", links.Self, "application/atom+xml");
            Link(w, "first", links.First, "application/atom+xml");
            if (links.Next is not null)
            {
                Link(w, "next", links.Next, "application/atom+xml");
            }

            if (links.Previous is not null)
            {
                Link(w, "previous", links.Previous, "application/atom+xml");
            }

            foreach (var item in page.Items)
            {
                if (item.Withdrawn)
                {
                    w.WriteStartElement("at", "deleted-entry", TombstoneNs);
                    w.WriteAttributeString("ref", item.Urn);
                    w.WriteAttributeString("when", Time(item.Updated));
                    w.WriteElementString("at", "comment", TombstoneNs, "Withdrawn: " + item.WithdrawnReason);
                    w.WriteEndElement();
                    continue;
                }

                w.WriteStartElement("entry", AtomNs);
                w.WriteElementString("id", AtomNs, item.Urn);
                w.WriteElementString("title", AtomNs, item.Headline ?? string.Empty);
                w.WriteElementString("updated", AtomNs, Time(item.Updated));
                if (item.Published is { } published)
                {
                    w.WriteElementString("published", AtomNs, Time(published));
                }

                if (item.Attribution is not null)
                {
                    w.WriteStartElement("author", AtomNs);
                    w.WriteElementString("name", AtomNs, item.Attribution);
                    w.WriteEndElement();
                }

                foreach (var theme in item.Themes)
                {
                    w.WriteStartElement("category", AtomNs);
                    w.WriteAttributeString("term", theme);
                    w.WriteAttributeString("scheme", "urn:iom:themes");
                    w.WriteEndElement();
                }

                if (item.Summary is not null)
                {
                    w.WriteElementString("summary", AtomNs, item.Summary);
                }

                if (StoryPage(links, item) is { } storyPage)
                {
                    Link(w, "alternate", storyPage, "text/html");
                }

                w.WriteStartElement("content", AtomNs);
                w.WriteAttributeString("type", "text");
                w.WriteString(item.Body ?? item.Summary ?? item.Headline ?? string.Empty);
                w.WriteEndElement();

                if (item.UsageTerms is not null)
                {
                    w.WriteElementString("rights", AtomNs, item.UsageTerms);
                }

                IomElements(w, item);
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndDocument();
        }

        return stream.ToArray();
    }

    private static void Link(XmlWriter w, string rel, string href, string type)
    {
        w.WriteStartElement("link", AtomNs);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("type", type);
        w.WriteAttributeString("href", href);
        w.WriteEndElement();
    }

    private static void IomElements(XmlWriter w, FeedItem item)
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

    private static byte[] Json(FeedPage page, FeedLinks links)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("version", "https://jsonfeed.org/version/1.1");
            w.WriteString("title", Title);
            w.WriteString("feed_url", links.Self);
            if (links.Next is not null)
            {
                w.WriteString("next_url", links.Next);
            }

            w.WriteStartArray("authors");
            w.WriteStartObject();
            w.WriteString("name", "IOM Media and Communications");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("items");
            foreach (var item in page.Items)
            {
                w.WriteStartObject();
                w.WriteString("id", item.Urn);
                if (item.Withdrawn)
                {
                    w.WriteString("content_text", "This story was withdrawn: " + item.WithdrawnReason);
                    w.WriteString("date_modified", Time(item.Updated));
                    w.WriteStartObject("_iom");
                    w.WriteBoolean("withdrawn", true);
                    w.WriteString("withdrawn_at", Time(item.Updated));
                    w.WriteString("reason", item.WithdrawnReason);
                    w.WriteEndObject();
                    w.WriteEndObject();
                    continue;
                }

                w.WriteString("title", item.Headline);
                if (StoryPage(links, item) is { } storyPage)
                {
                    w.WriteString("url", storyPage);
                }

                if (item.Summary is not null)
                {
                    w.WriteString("summary", item.Summary);
                }

                w.WriteString("content_text", item.Body ?? item.Summary ?? item.Headline ?? string.Empty);
                if (item.Published is { } published)
                {
                    w.WriteString("date_published", Time(published));
                }

                w.WriteString("date_modified", Time(item.Updated));
                if (item.Languages.Count > 0)
                {
                    w.WriteString("language", item.Languages[0]);
                }

                if (item.Attribution is not null)
                {
                    w.WriteStartArray("authors");
                    w.WriteStartObject();
                    w.WriteString("name", item.Attribution);
                    w.WriteEndObject();
                    w.WriteEndArray();
                }

                w.WriteStartArray("tags");
                foreach (var theme in item.Themes)
                {
                    w.WriteStringValue(theme);
                }

                w.WriteEndArray();
                w.WriteStartObject("_iom");
                w.WriteBoolean("withdrawn", false);
                w.WriteString("status", item.EmbargoUntil is not null ? "embargoed" : item.CorrectionNote is not null ? "corrected" : "published");
                w.WriteStartArray("regions");
                foreach (var r in item.Regions)
                {
                    w.WriteStringValue(r);
                }

                w.WriteEndArray();
                w.WriteStartArray("languages");
                foreach (var l in item.Languages)
                {
                    w.WriteStringValue(l);
                }

                w.WriteEndArray();
                w.WriteStartObject("source");
                w.WriteString("kind", item.Source);
                if (item.SourceId is { } sourceId)
                {
                    w.WriteString("id", sourceId);
                }

                w.WriteEndObject();
                if (item.UsageTerms is not null)
                {
                    w.WriteString("usage_terms", item.UsageTerms);
                }

                if (item.EmbargoUntil is { } until)
                {
                    w.WriteString("embargoed_until", Time(until));
                }

                if (item.CorrectionNote is not null)
                {
                    w.WriteStartObject("correction");
                    w.WriteString("note", item.CorrectionNote);
                    if (item.CorrectedAt is { } at)
                    {
                        w.WriteString("at", Time(at));
                    }

                    w.WriteEndObject();
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static byte[] Rss(FeedPage page, FeedLinks links)
    {
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, XmlSettings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("rss");
            w.WriteAttributeString("version", "2.0");
            w.WriteAttributeString("xmlns", "atom", null, AtomNs);
            w.WriteAttributeString("xmlns", "iom", null, IomNs);
            w.WriteStartElement("channel");
            w.WriteElementString("title", Title);
            w.WriteElementString("link", links.Self);
            w.WriteElementString("description", "Stories from IOM for its media partners' journalists.");
            w.WriteElementString("lastBuildDate", page.Updated.ToString("r", CultureInfo.InvariantCulture));
            w.WriteStartElement("atom", "link", AtomNs);
            w.WriteAttributeString("rel", "self");
            w.WriteAttributeString("href", links.Self);
            w.WriteEndElement();
            if (links.Next is not null)
            {
                w.WriteStartElement("atom", "link", AtomNs);
                w.WriteAttributeString("rel", "next");
                w.WriteAttributeString("href", links.Next);
                w.WriteEndElement();
            }

            foreach (var item in page.Items)
            {
                w.WriteStartElement("item");
                w.WriteStartElement("guid");
                w.WriteAttributeString("isPermaLink", "false");
                w.WriteString(item.Urn);
                w.WriteEndElement();
                if (item.Withdrawn)
                {
                    w.WriteElementString("title", "Withdrawn");
                    w.WriteElementString("description", "This story was withdrawn: " + item.WithdrawnReason);
                    w.WriteStartElement("iom", "withdrawn", IomNs);
                    w.WriteAttributeString("at", Time(item.Updated));
                    w.WriteEndElement();
                    w.WriteEndElement();
                    continue;
                }

                w.WriteElementString("title", item.Headline ?? string.Empty);
                if (StoryPage(links, item) is { } storyPage)
                {
                    w.WriteElementString("link", storyPage);
                }

                w.WriteElementString("description", item.Body ?? item.Summary ?? string.Empty);
                // Every item has a date: an embargoed one (not yet published) carries the time it was shared.
                w.WriteElementString("pubDate", (item.Published ?? item.Updated).ToString("r", CultureInfo.InvariantCulture));

                foreach (var theme in item.Themes)
                {
                    w.WriteElementString("category", theme);
                }

                w.WriteElementString("iom", "updated", IomNs, Time(item.Updated));
                IomElements(w, item);
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndDocument();
        }

        return stream.ToArray();
    }
}
