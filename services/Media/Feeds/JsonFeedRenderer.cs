using System.Text.Json;
using static Iom.Media.Feeds.FeedRenderers;

namespace Iom.Media.Feeds;

/// <summary>A feed page as JSON Feed 1.1 (tombstones as items marked "_iom": {"withdrawn": true}).</summary>
internal static class JsonFeedRenderer
{
    public static byte[] Render(FeedPage page, FeedLinks links)
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
}
