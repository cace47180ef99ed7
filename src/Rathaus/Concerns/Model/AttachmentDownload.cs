using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Rathaus.Concerns.Model;

/// <summary>How every page hands out a stored file: always as a download, never shown inline.</summary>
public static class AttachmentDownload
{
    public static IActionResult Result(HttpResponse response, string fileName, string contentType, byte[] content)
    {
        // The type comes from the content check; nosniff keeps the browser to it.
        response.Headers.XContentTypeOptions = "nosniff";
        return new FileContentResult(content, contentType) { FileDownloadName = fileName };
    }
}
