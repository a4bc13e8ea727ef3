namespace Iom.Together;

/// <summary>The front's words: Resources/Text.resx (English) and its French, Spanish and Arabic translations.</summary>
internal sealed class Text;
