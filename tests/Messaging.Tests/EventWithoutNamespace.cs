// Deliberately outside any namespace: MassTransit refuses to publish such a type (it names the exchange after the
// namespace), which gives the outbox tests a publish that always fails.
#pragma warning disable CA1050 // Declare types in namespaces

/// <summary>A message MassTransit refuses to publish.</summary>
public sealed record EventWithoutNamespace(Guid Id);
