using System.Xml;
using static Iom.Media.Feeds.FeedRenderers;

namespace Iom.Media.Feeds;

/// <summary>A feed page as Atom 1.0 (RFC 4287; tombstones as RFC 6721 at:deleted-entry; paging links as in RFC 5005).</summary>
internal static class AtomFeedRenderer
{
    public static byte[] Render(FeedPage page, FeedLinks links, FeedQuery query)
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
}
