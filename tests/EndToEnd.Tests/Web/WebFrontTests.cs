using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Iom.TestSupport;
using Microsoft.Playwright;
using Xunit;

namespace Iom.EndToEnd.Tests.Web;

/// <summary>
/// The Together web front in Debian's chromium, through the gateway of the whole suite (issues 17 and 13 §4):
/// share → moderate → wall → withdraw; the offline queue; sign up and cancel; axe in every language; story pages.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class WebFrontTests(SuiteFixture suite, Browser browser) : IClassFixture<Browser>
{
    private Uri Gateway => suite.Gateway.BaseAddress!;

    private SuiteApi Api => new(suite.Gateway);

    private static string Story(string title) =>
        $"{title}: I arrived with one bag and a phone number. Today I teach the language I once did not speak to the new arrivals in my town.";

    private static async Task FillStoryAsync(IPage page, string title)
    {
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Your story", new() { Exact = true }).FillAsync(Story(title));
        await page.Locator("#consent-campaign-app").CheckAsync();
        await page.Locator("#consent-press").CheckAsync();
    }

    private async Task<bool> OnTheWallAsync(IPage page, string title)
    {
        await page.GotoAsync("/?language=en");
        return await page.GetByRole(AriaRole.Link, new() { Name = title }).CountAsync() > 0;
    }

    [Fact]
    public async Task A_story_shared_on_the_web_appears_on_the_wall_once_approved_and_is_gone_after_its_author_withdraws_it()
    {
        var (context, page, requests) = await browser.OpenAsync(Gateway);
        await using var _ = context;
        var title = "Web story " + Guid.NewGuid().ToString("N")[..8];

        var form = await page.GotoAsync("/share");
        Assert.Equal(200, form!.Status);
        Assert.Contains("script-src 'self'", await form.HeaderValueAsync("content-security-policy") ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", await form.HeaderValueAsync("content-security-policy") ?? string.Empty, StringComparison.Ordinal);
        await FillStoryAsync(page, title);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my story" }).ClickAsync();

        var receiptId = Guid.Parse(await page.Locator("#receipt-id").InnerTextAsync());
        var secret = await page.Locator("#receipt-secret").InnerTextAsync();
        Assert.False(string.IsNullOrWhiteSpace(secret));
        Assert.DoesNotContain(secret, page.Url, StringComparison.Ordinal);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the receipt (.txt)" }).ClickAsync());
        var file = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains(receiptId.ToString(), file, StringComparison.Ordinal);
        Assert.Contains(secret, file, StringComparison.Ordinal);
        await AssertAccessibleAsync(page, "share result");
        await Screenshot(page, "web-receipt.png");

        Assert.False(await OnTheWallAsync(page, title));
        await Api.ApproveAsync(receiptId);
        await Eventually.TrueAsync(() => OnTheWallAsync(page, title), TimeSpan.FromSeconds(30), "the approved story on the wall");
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        Assert.Equal(title, await page.Locator("h1").InnerTextAsync());
        Assert.Contains($"/testimonies/{receiptId}", page.Url, StringComparison.Ordinal);

        await page.GotoAsync("/receipt");
        await page.GetByLabel("Receipt number:", new() { Exact = true }).FillAsync(receiptId.ToString());
        await page.GetByLabel("Secret code:", new() { Exact = true }).FillAsync(secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open my receipt" }).ClickAsync();
        Assert.Equal("Published", await page.Locator("#receipt-state").InnerTextAsync());
        Assert.DoesNotContain(secret, page.Url, StringComparison.Ordinal);
        await AssertAccessibleAsync(page, "receipt status");
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw everything and erase my story" }).ClickAsync();
        var answer = await page.Locator(".result").InnerTextAsync();
        Assert.Contains("taken off the wall of stories", answer, StringComparison.Ordinal);
        Assert.Contains("journalists who received it are told", answer, StringComparison.Ordinal);
        Assert.Equal("Withdrawn and erased", await page.Locator("#receipt-state").InnerTextAsync());

        await Eventually.TrueAsync(async () => !await OnTheWallAsync(page, title), TimeSpan.FromSeconds(30), "the withdrawn story gone from the wall");
        var testimony = await page.GotoAsync($"/testimonies/{receiptId}");
        Assert.Equal(404, testimony!.Status);
        AssertNoThirdParty(requests);
    }

    [Fact]
    public async Task A_story_sent_without_a_connection_is_kept_on_the_device_and_sent_once_when_the_connection_returns()
    {
        var (context, page, requests) = await browser.OpenAsync(Gateway);
        await using var _ = context;
        var title = "Offline story " + Guid.NewGuid().ToString("N")[..8];
        await page.GotoAsync("/share");
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        await FillStoryAsync(page, title);

        await context.SetOfflineAsync(true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my story" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your story is kept on this device" }).WaitForAsync();
        Assert.Equal(0, await Api.PendingWithTitleAsync(title));

        await context.SetOfflineAsync(false);
        var receiptId = Guid.Parse(await page.Locator("#receipt-id").InnerTextAsync(new() { Timeout = 30_000 }));
        Assert.False(string.IsNullOrWhiteSpace(await page.Locator("#receipt-secret").InnerTextAsync()));
        Assert.Equal(1, await Api.PendingWithTitleAsync(title));
        Assert.NotEqual(Guid.Empty, receiptId);

        // The queue is empty: opening the site again sends nothing a second time.
        await page.GotoAsync("/share");
        await page.WaitForFunctionAsync("() => document.getElementById('queue-notice').textContent === ''");
        Assert.Equal(0, await page.EvaluateAsync<int>(
            "() => new Promise(r => { const q = indexedDB.open('together', 1); q.onsuccess = () => { const c = q.result.transaction('queue').objectStore('queue').count(); c.onsuccess = () => r(c.result); }; })"));
        Assert.Equal(1, await Api.PendingWithTitleAsync(title));
        AssertNoThirdParty(requests);
    }

    [Fact]
    public async Task A_volunteer_signs_up_for_an_action_and_cancels_with_the_code_the_sign_up_gave()
    {
        var action = await Api.FirstAsync("/api/campaign/public/actions?limit=50");
        var actionId = action.GetProperty("id").GetGuid();
        var spots = action.GetProperty("spotsLeft").GetInt32();
        var (context, page, _) = await browser.OpenAsync(Gateway);
        await using var __ = context;

        await page.GotoAsync("/actions");
        await page.GetByRole(AriaRole.Link, new() { Name = action.GetProperty("title").GetString()! }).First.ClickAsync();
        Assert.Contains(action.GetProperty("organization").GetProperty("name").GetString()!, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByLabel("Your name", new() { Exact = true }).FillAsync("Amani");
        await page.GetByLabel("E-mail or phone number", new() { Exact = true }).FillAsync("amani@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign me up" }).ClickAsync();
        var code = Guid.Parse(await page.Locator("#signup-code").InnerTextAsync());
        Assert.NotEqual(Guid.Empty, code);
        await AssertAccessibleAsync(page, "signed up");
        var after = await suite.Gateway.GetFromJsonAsync<JsonElement>($"/api/campaign/public/actions/{actionId}");
        Assert.Equal(spots - 1, after.GetProperty("spotsLeft").GetInt32());

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel my sign-up" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your sign-up is cancelled" }).WaitForAsync();
        var restored = await suite.Gateway.GetFromJsonAsync<JsonElement>($"/api/campaign/public/actions/{actionId}");
        Assert.Equal(spots, restored.GetProperty("spotsLeft").GetInt32());

        // The same code again: nothing left to cancel.
        await page.GotoAsync("/actions/cancel");
        await page.GetByLabel("Sign-up code", new() { Exact = true }).FillAsync(code.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel my sign-up" }).ClickAsync();
        await page.GetByText("No sign-up has this code").WaitForAsync();
    }

    [Fact]
    public async Task The_feed_links_every_published_story_to_its_page_which_is_cacheable_and_a_withdrawn_story_answers_410()
    {
        var headline = "Feed-linked story " + Guid.NewGuid().ToString("N")[..8];
        var id = await Api.PublishedStoryAsync(headline);
        var feedKey = Uri.EscapeDataString(await Api.NewFeedKeyAsync());
        var atom = XDocument.Parse(await suite.Gateway.GetStringAsync($"/feeds/stories.atom?key={feedKey}"));
        XNamespace ns = "http://www.w3.org/2005/Atom";
        var entries = atom.Root!.Elements(ns + "entry").ToList();
        XNamespace iom = "urn:iom:media";
        Assert.All(entries.Where(e => e.Element(iom + "embargo") is null), e => Assert.Single(e.Elements(ns + "link"), l => l.Attribute("rel")?.Value == "alternate"));
        var link = entries.Single(e => e.Element(ns + "id")!.Value == $"urn:uuid:{id}")
            .Elements(ns + "link").Single(l => l.Attribute("rel")!.Value == "alternate").Attribute("href")!.Value;
        Assert.Equal(new Uri(Gateway, $"/stories/{id}").ToString(), link);
        var json = JsonDocument.Parse(await suite.Gateway.GetStringAsync($"/feeds/stories.json?key={feedKey}")).RootElement;
        Assert.Equal(link, json.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == $"urn:uuid:{id}").GetProperty("url").GetString());

        var (context, page, requests) = await browser.OpenAsync(Gateway);
        await using var _ = context;
        var response = await page.GotoAsync(link);
        Assert.Equal(200, response!.Status);
        Assert.Equal(headline, await page.Locator("h1").InnerTextAsync());
        await AssertAccessibleAsync(page, "story page");
        await Screenshot(page, "web-story.png");

        using var first = await suite.Gateway.GetAsync(link);
        Assert.NotNull(first.Headers.ETag);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, link);
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await suite.Gateway.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        await Api.WithdrawStoryAsync(id);
        var gone = await page.GotoAsync(link);
        Assert.Equal(410, gone!.Status);
        Assert.Equal("This story was withdrawn", await page.Locator("h1").InnerTextAsync());
        Assert.DoesNotContain(headline, await page.ContentAsync(), StringComparison.Ordinal);
        AssertNoThirdParty(requests);
    }

    [Fact]
    public async Task Every_page_in_every_language_passes_axe_Arabic_is_right_to_left_and_the_wall_weighs_under_100_KB()
    {
        var testimony = await Api.FirstAsync("/api/campaign/public/testimonies?limit=1");
        var action = await Api.FirstAsync("/api/campaign/public/actions?limit=1");
        var story = await Api.PublishedStoryAsync("Axe story " + Guid.NewGuid().ToString("N")[..8]);
        string[] paths =
        [
            "/", $"/testimonies/{testimony.GetProperty("id").GetGuid()}", "/actions", $"/actions/{action.GetProperty("id").GetGuid()}",
            "/actions/cancel", "/share", "/receipt", $"/stories/{story}", "/share/queued",
        ];
        // The four languages in four contexts at once: each page waits on the servers and the browser in turn.
        await Task.WhenAll(new[] { "en", "fr", "es", "ar" }.Select(async language =>
        {
            var (context, page, requests) = await browser.OpenAsync(Gateway, language);
            await using var _ = context;
            foreach (var path in paths)
            {
                var response = await page.GotoAsync(path);
                Assert.True(response!.Ok, $"{path} in {language}: {response.Status}");
                Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
                Assert.Equal(language == "ar" ? "rtl" : "ltr", await page.GetAttributeAsync("html", "dir"));
                await AssertAccessibleAsync(page, $"{path} in {language}");
            }

            await page.GotoAsync("/");
            await Screenshot(page, $"web-wall-{language}.png");
            await page.GotoAsync("/share");
            await Screenshot(page, $"web-share-{language}.png");
            AssertNoThirdParty(requests);
        }));

        // The switcher: French chosen on an English browser, kept by a cookie on the next page.
        var (switching, switcher, _) = await browser.OpenAsync(Gateway, "en");
        await using (switching)
        {
            await switcher.GotoAsync("/");
            await switcher.GetByRole(AriaRole.Link, new() { Name = "Français" }).ClickAsync();
            await switcher.GotoAsync("/actions");
            Assert.Equal("fr", await switcher.GetAttributeAsync("html", "lang"));
        }

        // First load of the wall, compressed, with its stylesheet and script: under the 100 KB budget.
        using var raw = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = Gateway };
        long total = 0;
        foreach (var path in new[] { "/", "/assets/site.css", "/assets/app.js" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
            using var response = await raw.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            total += (await response.Content.ReadAsByteArrayAsync()).Length;
        }

        Assert.True(total < 100 * 1024, $"The wall's first load is {total} bytes compressed.");
    }

    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        // A page answered to a form is in the DOM before its style sheet has loaded; axe measures the laid-out page
        // (target sizes, contrast), so it runs once the page has loaded.
        await page.WaitForLoadStateAsync(LoadState.Load);
        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{what}: " + string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html).Take(3))}")));
    }

    private void AssertNoThirdParty(List<string> requests)
    {
        lock (requests)
        {
            var origin = Gateway.GetLeftPart(UriPartial.Authority);
            Assert.All(requests, url => Assert.StartsWith(origin, url, StringComparison.Ordinal));
        }
    }

    /// <summary>Screenshots for the README, only when IOM_WEB_SCREENSHOTS names a folder (e.g. docs/images).</summary>
    private static async Task Screenshot(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("IOM_WEB_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
        {
            await page.SetViewportSizeAsync(412, 915);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = false });
        }
    }
}
