using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Mails;
using Rathaus.Concerns.Model;
using Rathaus.Concerns.Submit;
using Rathaus.Concerns.Uploads;
using Rathaus.Data;
using Rathaus.Platform.Audit;

namespace Rathaus.Concerns.Track;

/// <summary>
/// The citizen's view of a concern, reached only through the tracking link: status, public timeline, their files,
/// adding information (or answering a question) and withdrawing. Nothing internal (notes, staff names) is shown.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Submit.SubmitModel.RateLimitPolicy)] // posting only, shared with new submissions per client address
[RequestSizeLimit(UploadInspector.MaxFiles * UploadInspector.MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadInspector.MaxFiles * UploadInspector.MaxBytes + 1024 * 1024)]
public sealed class TrackModel(RathausDb db, AuditLog audit, StaffNotices notices, IConfiguration configuration, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    private const string Citizen = "Bürgerin/Bürger";

    // Entries the citizen may see even when marked public; assignments, follow-ups and notes stay internal.
    private static readonly EntryKind[] CitizenVisible =
        [EntryKind.Submitted, EntryKind.CitizenMessage, EntryKind.Reply, EntryKind.Question, EntryKind.StatusChange, EntryKind.Withdrawal, EntryKind.Forward, EntryKind.Merge];

    [BindProperty]
    public AddInput Input { get; set; } = new();

    [BindProperty]
    public WithdrawInput Withdrawal { get; set; } = new();

    /// <summary>The version the citizen saw; a change by the administration in between is a conflict.</summary>
    [BindProperty]
    public int Version { get; set; }

    public Concern Concern { get; private set; } = null!;
    public string? CategoryName { get; private set; }
    public IReadOnlyList<ConcernEntry> Timeline { get; private set; } = [];
    public IReadOnlyList<CitizenFile> Files { get; private set; } = [];
    public string? Conflict { get; private set; }
    public bool IsClosed => IsClosedStatus(Concern.Status);

    [TempData]
    public string? Message { get; set; }

    private static bool IsClosedStatus(ConcernStatus status) =>
        status is ConcernStatus.Resolved or ConcernStatus.Rejected or ConcernStatus.Withdrawn;

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => PrivateLink.Protect(Response);

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct))
        {
            return NotFound();
        }

        Version = Concern.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(string token, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct))
        {
            return NotFound();
        }

        if (IsClosed)
        {
            return Redirect(TrackingUrl(token));
        }

        var files = await InspectFilesAsync(ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var before = Concern.Status;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            ExpectVersion();
            var entry = new ConcernEntry { ConcernId = Concern.Id, At = now, Kind = EntryKind.CitizenMessage, IsPublic = true, Text = Input.Text.Trim() };
            db.ConcernEntries.Add(entry);
            if (Concern.Status == ConcernStatus.WaitingForCitizen)
            {
                // The question is answered: the case goes back to the administration.
                Concern.Status = ConcernStatus.InProgress;
                db.ConcernEntries.Add(new ConcernEntry { ConcernId = Concern.Id, At = now, Kind = EntryKind.StatusChange, IsPublic = true, NewStatus = ConcernStatus.InProgress });
            }

            await db.SaveChangesAsync(ct); // the entry's id for its files; the version check happens here
            foreach (var file in files)
            {
                var attachment = ConcernAttachment.From(file, entry.Id, now, fromCitizen: true);
                attachment.ConcernId = Concern.Id;
                db.ConcernAttachments.Add(attachment);
            }

            audit.Record("Concern.CitizenMessage", nameof(Concern), Concern.ReferenceNumber,
                new { Status = before }, new { Concern.Status, Files = files.Count }, actor: Citizen);
            await notices.CitizenActedAsync(Concern, withdrawn: false, StaffUrl(), ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(token, Texts.Key("Das Anliegen wurde gerade von der Verwaltung bearbeitet. Bitte prüfen Sie den aktuellen Stand und senden Sie Ihre Ergänzung noch einmal."), ct);
        }

        Message = t["Vielen Dank. Ihre Ergänzung wurde gespeichert."];
        return Redirect(TrackingUrl(token));
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string token, CancellationToken ct)
    {
        ModelState.Clear(); // the other form's fields were not sent
        if (!await LoadAsync(token, ct))
        {
            return NotFound();
        }

        if (IsClosed)
        {
            return Redirect(TrackingUrl(token));
        }

        if (!Withdrawal.Confirm)
        {
            ModelState.AddModelError("Withdrawal.Confirm", t["Bitte bestätigen Sie, dass Sie Ihr Anliegen zurückziehen möchten."]);
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var before = Concern.Status;
        ExpectVersion();
        Concern.Status = ConcernStatus.Withdrawn;
        Concern.ClosedAt = now;
        db.ConcernEntries.Add(new ConcernEntry { ConcernId = Concern.Id, At = now, Kind = EntryKind.Withdrawal, IsPublic = true, NewStatus = ConcernStatus.Withdrawn });
        audit.Record("Concern.Withdrawn", nameof(Concern), Concern.ReferenceNumber, new { Status = before }, new { Concern.Status }, actor: Citizen);
        await notices.CitizenActedAsync(Concern, withdrawn: true, StaffUrl(), ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(token, Texts.Key("Das Anliegen wurde gerade von der Verwaltung bearbeitet. Bitte prüfen Sie den aktuellen Stand. Wenn Sie es dann noch zurückziehen möchten, senden Sie das Formular noch einmal."), ct);
        }

        Message = t["Ihr Anliegen wurde zurückgezogen."];
        return Redirect(TrackingUrl(token));
    }

    private static string TrackingUrl(string token) => "/anliegen/" + token;

    private string StaffUrl() => $"{TrackingLinks.BaseUrl(Request, configuration)}/intern/anliegen/{Concern.ReferenceNumber}";

    private async Task<bool> LoadAsync(string token, CancellationToken ct)
    {
        if (!TrackingTokens.LooksValid(token))
        {
            return false;
        }

        var hash = TrackingTokens.Hash(token);
        var concern = await db.Concerns.Include(c => c.Category).SingleOrDefaultAsync(c => c.TrackingTokenHash == hash, ct);
        if (concern is null)
        {
            return false;
        }

        Concern = concern;
        CategoryName = concern.Category?.Name;
        Timeline = await db.ConcernEntries.AsNoTracking()
            .Where(e => e.ConcernId == concern.Id && e.IsPublic && CitizenVisible.Contains(e.Kind))
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .ToListAsync(ct);
        Files = await db.ConcernAttachments.AsNoTracking()
            .Where(a => a.ConcernId == concern.Id && a.FromCitizen)
            .OrderBy(a => a.Id)
            .Select(a => new CitizenFile(a.Id, a.FileName, a.Size, a.UploadedAt))
            .ToListAsync(ct);
        return true;
    }

    /// <summary>Makes the UPDATE compare the version the citizen saw (RathausDb increments it on every change).</summary>
    private void ExpectVersion()
    {
        var version = db.Entry(Concern).Property(c => c.Version);
        version.OriginalValue = Version;
        version.IsModified = true;
    }

    private async Task<IActionResult> ConflictAsync(string token, string message, CancellationToken ct)
    {
        // Nothing was stored; the typed text stays in the form (ModelState), the page shows the current state.
        db.ChangeTracker.Clear();
        Conflict = t[message];
        await LoadAsync(token, ct);
        Version = Concern.Version;
        return Page();
    }

    private Task<List<AcceptedFile>> InspectFilesAsync(CancellationToken ct) =>
        FormUploads.InspectAsync(Input.Files, ModelState, "Input.Files", t, ct);
}

public sealed record CitizenFile(long Id, string FileName, long Size, DateTime UploadedAt);

public sealed class AddInput
{
    [Display(Name = "Ihre Ergänzung oder Antwort")]
    [Required(ErrorMessage = "Bitte schreiben Sie Ihre Ergänzung oder Antwort.")]
    [StringLength(10_000, ErrorMessage = "Ihr Text darf höchstens {1} Zeichen lang sein.")]
    public string Text { get; set; } = "";

    public List<IFormFile> Files { get; set; } = [];
}

public sealed class WithdrawInput
{
    public bool Confirm { get; set; }
}
