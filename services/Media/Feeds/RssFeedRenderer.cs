using System.Globalization;
using System.Xml;
using static Iom.Media.Feeds.FeedRenderers;

namespace Iom.Media.Feeds;

/// <summary>A feed page as RSS 2.0.</summary>
internal static class RssFeedRenderer
{
    public static byte[] Render(FeedPage page, FeedLinks links)
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
