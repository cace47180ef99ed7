using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Rathaus.Council.OParl;

/// <summary>The documentation of our OParl vendor extension, which the spec asks a vendor to describe.</summary>
[AllowAnonymous]
public sealed class ExtensionsModel : PageModel
{
    public static string Property => OParlImplementation.Property;
}
