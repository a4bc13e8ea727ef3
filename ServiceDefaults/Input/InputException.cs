using System.Text.Json;

namespace Iom.ServiceDefaults.Input;

/// <summary>
/// A value the input rules refuse while a body is read. The serializer adds the JSON path, so the 400 names the field
/// and carries this message (ProblemDetailsDefaults).
/// </summary>
internal sealed class InputException(string message) : JsonException(message);
