using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Model;
using Rathaus.Data;

namespace Rathaus.Concerns.Track;

/// <summary>Downloads a file the citizen sent with this concern; any other id answers 404 as an unknown address.</summary>
[AllowAnonymous]
public sealed class TrackFileModel(RathausDb db) : PageModel
{
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => PrivateLink.Protect(Response);

    public async Task<IActionResult> OnGetAsync(string token, long id, CancellationToken ct)
    {
        if (!TrackingTokens.LooksValid(token))
        {
            return NotFound();
        }

        var hash = TrackingTokens.Hash(token);
        var file = await db.ConcernAttachments.AsNoTracking()
            .Where(a => a.Id == id && a.FromCitizen && a.Concern!.TrackingTokenHash == hash)
            .Select(a => new { a.FileName, a.ContentType, a.Content })
            .SingleOrDefaultAsync(ct);
        if (file is null)
        {
            return NotFound();
        }

        return AttachmentDownload.Result(Response, file.FileName, file.ContentType, file.Content);
    }
}
