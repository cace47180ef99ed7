using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Model;
using Rathaus.Data;

namespace Rathaus.Concerns.Submit;

/// <summary>
/// "Ihr Anliegen ist eingegangen": the reference number and the tracking link. The token travels in TempData (an
/// encrypted cookie), never in this page's address, so it appears in no log, no history and no Referer.
/// </summary>
[AllowAnonymous]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ReceivedModel(RathausDb db, IConfiguration configuration) : PageModel
{
    private const string ReferenceKey = "Concern.ReferenceNumber";
    private const string TokenKey = "Concern.TrackingToken";
    private const string EmailKey = "Concern.AcknowledgementMailed";

    public string? ReferenceNumber { get; private set; }
    public string? TrackingUrl { get; private set; }
    public bool AcknowledgementMailed { get; private set; }

    /// <summary>What was sent, so the citizen can check it (and print the page).</summary>
    public SubmittedSummary? Summary { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (TempData.Peek(ReferenceKey) is not string reference || TempData.Peek(TokenKey) is not string token)
        {
            return;
        }

        var hash = TrackingTokens.Hash(token);
        Summary = await db.Concerns.AsNoTracking()
            .Where(c => c.TrackingTokenHash == hash)
            .Select(c => new SubmittedSummary(c.Kind, c.Category == null ? null : c.Category.Name, c.Description, c.LocationText, c.Attachments.Count))
            .SingleOrDefaultAsync(ct);
        if (Summary is not null)
        {
            ReferenceNumber = reference;
            TrackingUrl = TrackingLinks.Url(Request, configuration, token);
            AcknowledgementMailed = TempData.Peek(EmailKey) is true;
        }
    }

    // Peek keeps the values for a reload of this page in the same browser session: the link must not vanish
    // before the citizen has saved it.
    internal static void Remember(ITempDataDictionary tempData, string referenceNumber, string token, bool mailed)
    {
        tempData[ReferenceKey] = referenceNumber;
        tempData[TokenKey] = token;
        tempData[EmailKey] = mailed;
    }

    internal static void Forget(ITempDataDictionary tempData)
    {
        tempData.Remove(ReferenceKey);
        tempData.Remove(TokenKey);
        tempData.Remove(EmailKey);
    }
}

public sealed record SubmittedSummary(ConcernKind Kind, string? CategoryName, string Description, string? Location, int FileCount);
