using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Rathaus.Council.OParl;

/// <summary>
/// The stable ids: absolute URLs under <c>/oparl/v1.1/</c> whose number is the database id, which is also the
/// number in the public pages (<c>/rat/sitzungen/17</c> is <c>/oparl/v1.1/meeting/17</c>).
/// </summary>
internal sealed class OParlUrls(HttpRequest request)
{
    public const string Root = "/oparl/v1.1";

    private readonly string _origin = $"{request.Scheme}://{request.Host}{request.PathBase}";

    public string System => $"{_origin}{Root}/";
    public string Bodies => $"{_origin}{Root}/body";
    public string Body(int id) => Of("body", id);
    public string BodyList(int id, string list) => $"{Of("body", id)}/{list}";
    public string Of(string type, int id) => $"{_origin}{Root}/{type}/{id.ToString(CultureInfo.InvariantCulture)}";
    public string FileAccess(int id) => $"{Of("file", id)}/access";
    public string FileDownload(int id) => $"{Of("file", id)}/download";

    /// <summary>The public page of an object, where one exists.</summary>
    public string Web(string path) => $"{_origin}{path}";
}
