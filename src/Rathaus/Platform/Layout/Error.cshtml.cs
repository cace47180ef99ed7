using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Rathaus.Platform.Layout;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(IStringLocalizer<SharedResource> t) : PageModel
{
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        (Title, Explanation) = code switch
        {
            404 => (t["Seite nicht gefunden"].Value, t["Die Adresse ist falsch oder die Seite gibt es nicht mehr."].Value),
            403 => (t["Kein Zugriff"].Value, t["Sie haben keine Berechtigung für diese Seite."].Value),
            429 => (t["Zu viele Anfragen"].Value, t["Bitte versuchen Sie es später noch einmal. Was Sie eingegeben haben, ist noch da, wenn Sie im Browser zurückgehen."].Value),
            _ => (t["Ein Fehler ist aufgetreten"].Value, t["Bitte versuchen Sie es später noch einmal. Ihre bereits gespeicherten Angaben gehen nicht verloren."].Value),
        };
        if (code is int status)
        {
            Response.StatusCode = status;
        }
    }
}
