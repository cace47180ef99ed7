using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Inbox;
using Rathaus.Concerns.Model;

namespace Rathaus.Concerns.Detail;

/// <summary>Downloads a file of a concern this staff member may see; anything else answers 404.</summary>
public sealed class DetailFileModel(ConcernAccess access) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string reference, long id, CancellationToken ct)
    {
        var file = await (await access.VisibleAsync(User, ct)).AsNoTracking()
            .Where(c => c.ReferenceNumber == reference)
            .SelectMany(c => c.Attachments.Where(a => a.Id == id))
            .Select(a => new { a.FileName, a.ContentType, a.Content })
            .SingleOrDefaultAsync(ct);
        if (file is null)
        {
            return NotFound();
        }

        return AttachmentDownload.Result(Response, file.FileName, file.ContentType, file.Content);
    }
}
