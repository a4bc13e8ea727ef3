using Iom.Consultations.Syndicate;
using Xunit;

namespace Iom.Consultations.Tests.Syndicate;

public sealed class SafeMarkdownTests
{
    [Theory]
    [InlineData("<img src=x onerror=alert(1)>", "<img")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>", "<iframe")]
    [InlineData("[x](javascript:alert(1))", "javascript:")]
    [InlineData("[x](JaVaScRiPt:alert(1))", "javascript:")]
    [InlineData("![x](data:text/html;base64,PHNjcmlwdD4=)", "data:")]
    [InlineData("<javascript:alert(1)>", "javascript:")]
    [InlineData("[x](vbscript:msgbox)", "vbscript:")]
    public void Raw_html_and_dangerous_addresses_do_not_survive(string markdown, string forbidden)
    {
        var html = SafeMarkdown.ToHtml(markdown);
        Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("[IOM](https://www.iom.int)", "href=\"https://www.iom.int\"")]
    [InlineData("[mail](mailto:research@iom.int)", "href=\"mailto:research@iom.int\"")]
    [InlineData("[section](#methods)", "href=\"#methods\"")]
    [InlineData("[page](/api/consultations/public/syndicate/papers)", "href=\"/api/consultations/public/syndicate/papers\"")]
    [InlineData("| a | b |\n|---|---|\n| 1 | 2 |", "<table>")]
    public void Ordinary_markdown_keeps_its_links_and_tables(string markdown, string expected)
    {
        Assert.Contains(expected, SafeMarkdown.ToHtml(markdown), StringComparison.Ordinal);
    }
}
