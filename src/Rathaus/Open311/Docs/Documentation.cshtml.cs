using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Configuration;
using Rathaus.Concerns.Submit;

namespace Rathaus.Open311.Docs;

/// <summary>The public description of the Open311 API for app developers, with the OpenAPI document linked.</summary>
[AllowAnonymous]
public sealed class DocumentationModel(IConfiguration configuration) : PageModel
{
    public string BaseUrl { get; private set; } = "";

    public void OnGet() => BaseUrl = TrackingLinks.BaseUrl(Request, configuration);
}
