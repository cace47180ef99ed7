using System.Text.RegularExpressions;

namespace Rathaus.BrowserTests.Concerns;

/// <summary>What the concern pages show a citizen, as patterns, and a photo to attach.</summary>
internal static partial class ConcernPages
{
    /// <summary>A valid 1×1 PNG, small enough to keep as text.</summary>
    public static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [GeneratedRegex(@"^\d{4}-\d{6}$")]
    public static partial Regex ReferenceNumber();

    [GeneratedRegex(@"\/anliegen\/[A-Za-z0-9_-]{43}$")]
    public static partial Regex TrackingLink();
}
