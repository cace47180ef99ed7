using Microsoft.AspNetCore.Http;

namespace Rathaus.Open311.Docs;

/// <summary>The OpenAPI 3.1 description of the Open311 API: a static file kept beside the code it describes.</summary>
internal static class OpenApi
{
    private static readonly Lazy<byte[]> Document = new(() =>
    {
        using var stream = typeof(OpenApi).Assembly.GetManifestResourceStream("Rathaus.Open311.openapi.json")
            ?? throw new InvalidOperationException("The embedded OpenAPI document is missing.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    });

    public static IResult Serve() => Results.Bytes(Document.Value, "application/json; charset=utf-8");
}
