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

// The operators' commands on a service resource (its "..." menu) and the suite's queue metrics on its metrics page.
var directory = Path.GetDirectoryName(Path.GetFullPath(output))!;
var name = Path.GetFileNameWithoutExtension(output);
var row = page.GetByRole(AriaRole.Row).Filter(new LocatorFilterOptions { HasText = "consultations.csproj" }).First;
await row.GetByRole(AriaRole.Button).Last.ClickAsync();
await page.GetByText("Replay error queues").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
var commands = Path.Combine(directory, name + "-commands.png");
await page.ScreenshotAsync(new PageScreenshotOptions { Path = commands });
Console.WriteLine("dashboard screenshot: " + commands);
await page.Keyboard.PressAsync("Escape");

await page.GotoAsync(new Uri(new Uri(login), "/metrics/resource/consultations?meter=Iom.Messaging&instrument=iom.queue.waiting&duration=5").ToString());
await page.GetByText("iom.queue.waiting").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
var metrics = Path.Combine(directory, name + "-metrics.png");
await page.ScreenshotAsync(new PageScreenshotOptions { Path = metrics });
Console.WriteLine("dashboard screenshot: " + metrics);

// The error badges on the resources page count structured log lines at Error or above: list them, so a picture with a
// badge says why.
var errorsUrl = new Uri(new Uri(login), "/structuredlogs?logLevel=error").ToString();
await page.GotoAsync(errorsUrl);
await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
Console.WriteLine("structured log lines at Error or above:");
Console.WriteLine(await page.InnerTextAsync("main"));
return 0;
