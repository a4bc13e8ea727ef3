using Microsoft.Playwright;
using Xunit;

namespace Iom.EndToEnd.Tests.Web;

/// <summary>
/// Debian's chromium driven by Playwright (it cannot download browsers here: /usr/bin/chromium, or IOM_CHROMIUM),
/// one browser per test class; each test opens its own context (cookies, storage, service workers of its own).
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright? playwright;

    public IBrowser Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        Chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("IOM_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh context on the gateway, in a language (Accept-Language), recording every URL it requests.</summary>
    public async Task<(IBrowserContext Context, IPage Page, List<string> Requests)> OpenAsync(Uri gateway, string language = "en")
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = gateway.ToString().TrimEnd('/'),
            Locale = language,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language },
            AcceptDownloads = true,
            ServiceWorkers = ServiceWorkerPolicy.Allow,
        });
        context.SetDefaultTimeout(30_000);
        var requests = new List<string>();
        context.Request += (_, request) => { lock (requests) { requests.Add(request.Url); } };
        return (context, await context.NewPageAsync(), requests);
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.CloseAsync();
        }

        playwright?.Dispose();
    }
}
