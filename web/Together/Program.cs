using Iom.ServiceDefaults.Settings;
using Iom.Together.Gateway;
using Iom.Together.Localization;
using Iom.Together.Security;
using Microsoft.AspNetCore.ResponseCompression;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTogetherLocalization();
builder.Services.AddHttpContextAccessor();
builder.Services.AddTransient<ClientAddressForwarding>();
builder.Services.AddSettings<TogetherSettings>(TogetherSettings.Section);
builder.Services.AddHttpClient<CampaignApi>(GatewayAddress.Configure).AddHttpMessageHandler<ClientAddressForwarding>();
builder.Services.AddHttpClient<MediaApi>(GatewayAddress.Configure).AddHttpMessageHandler<ClientAddressForwarding>();
builder.Services.AddRazorPages(options => options.Conventions.AllowAnonymousToFolder("/"))
    .AddViewLocalization()
    .AddDataAnnotationsLocalization();
builder.Services.AddAntiforgery(options =>
{
    options.Cookie.Name = "together.af";
    options.Cookie.SameSite = SameSiteMode.Strict;
    options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
});
builder.Services.AddResponseCompression(options =>
{
    options.EnableForHttps = true; // pages carry no secret an attacker could guess by length (the receipt page is a POST answer)
    options.Providers.Add<BrotliCompressionProvider>();
    options.Providers.Add<GzipCompressionProvider>();
});

var app = builder.Build();
app.UseResponseCompression();
app.UseTogetherSecurityHeaders(); // strict CSP (scripts and styles from our own files only), no framing, no referrer
app.UseServiceDefaults();
app.UseTogetherLocalization();    // Accept-Language, the switcher's cookie, ?lang= from the switcher links
app.MapStaticAssets().AllowAnonymous();
app.MapRazorPages();
app.MapFallbackToPage("/NotFound"); // an unknown address is a page too (404), not an API answer

await app.RunAsync();

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
