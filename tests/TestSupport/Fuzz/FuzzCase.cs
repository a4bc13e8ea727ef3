namespace Iom.TestSupport.Fuzz;

/// <summary>
/// A generated case: the route, how to fill each path parameter (an index into the ids seen so far, or a fresh or
/// malformed value), the content type and the body. Generation depends only on the seed; ids are resolved when sent.
/// </summary>
public sealed record FuzzCase(WriteRoute Route, int[] PathChoices, string? ContentType, byte[]? Body, string Kind);
