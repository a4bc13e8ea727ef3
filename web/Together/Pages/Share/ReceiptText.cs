using Microsoft.Extensions.Localization;

namespace Iom.Together.Pages.Share;

/// <summary>The words of the receipt file, in the reader's language.</summary>
internal static class ReceiptText
{
    public static string Compose(IStringLocalizer<Text> t, Guid id, string secret) =>
        $"{t["ReceiptFileTitle"]}\r\n\r\n{t["ReceiptIdLabel"]} {id}\r\n{t["ReceiptSecretLabel"]} {secret}\r\n\r\n{t["ReceiptKeep"]}\r\n{t["ReceiptFileHow"]}\r\n";
}
