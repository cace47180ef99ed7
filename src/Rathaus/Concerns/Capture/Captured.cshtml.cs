using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using QRCoder;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Model;
using Rathaus.Concerns.Submit;
using Rathaus.Data;

namespace Rathaus.Concerns.Capture;

/// <summary>
/// The receipt of a concern captured by staff: reference number and personal link (also as QR code), to read out
/// or to print and hand over. Like the citizen's confirmation page, the token travels in TempData, never in the
/// address; it can be shown again after a reload in the same session, but is never stored in plain form.
/// </summary>
[Authorize]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class CapturedModel(RathausDb db, IConfiguration configuration) : PageModel
{
    private const string ReferenceKey = "Capture.ReferenceNumber";
    private const string TokenKey = "Capture.TrackingToken";

    public Concern? Concern { get; private set; }
    public string? TrackingUrl { get; private set; }
    public string? QrCodeDataUri { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (TempData.Peek(ReferenceKey) is not string reference || TempData.Peek(TokenKey) is not string token)
        {
            return;
        }

        var hash = TrackingTokens.Hash(token);
        Concern = await db.Concerns.AsNoTracking().Include(c => c.Category).Include(c => c.OrgUnit)
            .SingleOrDefaultAsync(c => c.TrackingTokenHash == hash && c.ReferenceNumber == reference, ct);
        if (Concern is null)
        {
            return;
        }

        TrackingUrl = TrackingLinks.Url(Request, configuration, token);
        using var qr = QRCodeGenerator.GenerateQrCode(Encoding.UTF8.GetBytes(TrackingUrl), QRCodeGenerator.ECCLevel.M);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(qr).GetGraphic(6));
    }

    internal static void Remember(ITempDataDictionary tempData, string referenceNumber, string token)
    {
        tempData[ReferenceKey] = referenceNumber;
        tempData[TokenKey] = token;
    }
}
