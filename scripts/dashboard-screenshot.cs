#:package Microsoft.Playwright
#:property PublishAot=false
#:property JsonSerializerIsReflectionEnabledByDefault=true

// Opens the Aspire dashboard's login link in Debian's chromium through Playwright (it cannot download browsers here),
// waits until the resources page has drawn the suite's resources, and saves a screenshot. Used by
// scripts/dashboard-screenshot.sh. Usage: dotnet run scripts/dashboard-screenshot.cs -- LOGIN_URL OUTPUT.png
using Microsoft.Playwright;

var (login, output) = (args[0], args[1]);
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = Environment.GetEnvironmentVariable("IOM_CHROMIUM") ?? "/usr/bin/chromium",
    Args = ["--no-sandbox"],
});
var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 900 } });
await page.GotoAsync(login);
foreach (var resource in new[] { "gateway", "registry", "media" })
{
    await page.GetByText(resource, new PageGetByTextOptions { Exact = true }).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
}

// Health and state columns settle a moment after the rows appear.
await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
await page.ScreenshotAsync(new PageScreenshotOptions { Path = output });
var text = await page.InnerTextAsync("body");
if (text.Contains("certificate", StringComparison.OrdinalIgnoreCase))
{
    Console.Error.WriteLine("The dashboard shows a certificate banner.");
    return 1;
}

Console.WriteLine("dashboard screenshot: " + output);
return 0;
