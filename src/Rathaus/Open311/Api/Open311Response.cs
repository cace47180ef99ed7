using Microsoft.AspNetCore.Http;

namespace Rathaus.Open311.Api;

public enum Open311Format
{
    Xml,
    Json,
}

/// <summary>One field's problem: the field as the spec names it and a German message (English by resx).</summary>
public sealed record Open311Error(string Field, string Message);

/// <summary>Answers in the format the address asked for (<c>.xml</c> or <c>.json</c>), errors in the spec's format.</summary>
public static class Open311Response
{
    public static Open311Format? ParseFormat(string? format) => format switch
    {
        "xml" => Open311Format.Xml,
        "json" => Open311Format.Json,
        _ => null,
    };

    public static IResult Ok(Open311Format format, object root, string? rootName = null) => format == Open311Format.Xml
        ? Results.Bytes(Open311Document.Xml(root, rootName), Open311Document.XmlContentType)
        : Results.Bytes(Open311Document.Json(root), Open311Document.JsonContentType);

    /// <summary>
    /// GeoReport v2, Errors: "404 for resources that don't exist, 403 for errors because of wrong or missing api_key and
    /// basically 400 for any other error"; "Multiple errors codes and descriptions can be returned in the body (the
    /// response is an array)". Each description starts with the field it is about.
    /// </summary>
    public static IResult Errors(Open311Format format, int status, IEnumerable<Open311Error> errors)
    {
        var list = new Open311List("errors", "error", errors
            .Select(e => (object?)new Open311Object(("code", status), ("description", e.Field + ": " + e.Message)))
            .ToList());
        var body = format == Open311Format.Xml ? Open311Document.Xml(list) : Open311Document.Json(list);
        return new Answer(body, format == Open311Format.Xml ? Open311Document.XmlContentType : Open311Document.JsonContentType, status);
    }

    private sealed class Answer(byte[] body, string contentType, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = contentType;
            return httpContext.Response.Body.WriteAsync(body).AsTask();
        }
    }

    /// <summary>Control characters other than line breaks and tabs (NUL among them), which no field may carry.</summary>
    public static bool HasControlCharacters(string text) =>
        text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t');

    public static IResult Error(Open311Format format, int status, string field, string message) =>
        Errors(format, status, [new Open311Error(field, message)]);
}
