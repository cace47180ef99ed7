using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;
using Rathaus.Platform.Auth;

namespace Rathaus.Platform.Layout;

/// <summary>
/// Turns a rule the database layer enforces for every page (see <see cref="AdministratorGuard"/>) into a plain
/// message on the page the person came from, instead of an error page. Nothing was saved.
/// </summary>
internal sealed class RefusalFilter(IStringLocalizer<SharedResource> t, ITempDataDictionaryFactory tempData) : IAsyncPageFilter
{
    public const string Key = "Refusal";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is LastAdministratorException)
        {
            executed.ExceptionHandled = true;
            var request = context.HttpContext.Request;
            tempData.GetTempData(context.HttpContext)[Key] =
                t["Das geht nicht: Danach hätte niemand mehr eine aktive Stelle mit Administrationsrechten. Weisen Sie die Rechte zuerst einer anderen Person zu."].Value;
            executed.Result = new RedirectResult(request.PathBase + request.Path + request.QueryString);
        }
    }
}
