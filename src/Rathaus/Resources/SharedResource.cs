namespace Rathaus;

/// <summary>
/// Marker for the shared texts. German is the source language and the key; English lives in
/// <c>Resources/SharedResource.en.resx</c>. A test fails when a key used in code has no English text.
/// </summary>
public sealed class SharedResource;
