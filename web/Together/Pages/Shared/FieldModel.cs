namespace Iom.Together.Pages.Shared;

/// <summary>A labelled text field with its hint and the error the gateway named for it (by the API's field name).</summary>
internal sealed record FieldModel(
    string Name, string ApiField, string? Value, string LabelKey, string? HintKey, IReadOnlyDictionary<string, string[]> Errors,
    string? AutoComplete = null, string Type = "text", bool Multiline = false, bool Required = true, int? MaxLength = null)
{
    public string Id => Name.ToLowerInvariant();

    public bool HasError => Errors.Keys.Any(k => string.Equals(k, ApiField, StringComparison.OrdinalIgnoreCase));

    public string ErrorKey => "Error_" + ApiField;
}
