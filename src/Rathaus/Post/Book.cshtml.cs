using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Data;
using Rathaus.Platform;
using Rathaus.Platform.Auth;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Post;

/// <summary>The Posteingangsbuch: search by sender, subject, date, addressee and site; CSV export of the same selection.</summary>
[Authorize(Roles = StaffRoles.Mailroom)]
public sealed class BookModel(RathausDb db, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "suche")] public string? Text { get; set; }
    [BindProperty(SupportsGet = true, Name = "von")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "bis")] public DateOnly? Until { get; set; }
    [BindProperty(SupportsGet = true, Name = "einheit")] public int? UnitId { get; set; }
    [BindProperty(SupportsGet = true, Name = "standort")] public int? SiteId { get; set; }
    [BindProperty(SupportsGet = true, Name = "seite")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<PostItem> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public IReadOnlyList<SelectListItem> UnitItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> SiteItems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
        UnitItems = OrgTexts.UnitItems(units).ToList();
        SiteItems = await db.Sites.AsNoTracking().OrderBy(s => s.Name).Select(s => new SelectListItem(s.Name, s.Id.ToString())).ToListAsync(ct);
        var query = Filtered();
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Items = await query.OrderByDescending(p => p.ReceivedAt).ThenByDescending(p => p.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }

    /// <summary>The same selection as a spreadsheet: UTF-8 with BOM, semicolons, cells that could run as formulas escaped.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var items = await Filtered().OrderBy(p => p.ReceivedAt).ThenBy(p => p.Id).ToListAsync(ct);
        string[] header = ["Nummer", "Standort", "Eingang", "Briefdatum", "Art", "Absender", "Betreff", "Einheit", "Stelle", "Seiten", "Vorgang", "Empfang bestätigt"];
        var rows = items.Select(p => new[]
        {
            p.Number, p.Site?.Code ?? "", Local(p.ReceivedAt), p.LetterDate?.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) ?? "",
            t[PostTexts.KindName(p.Kind)].Value, p.Sender.ReplaceLineEndings(", "), p.Subject, p.AddresseeUnit?.Code ?? "", p.AddresseePosition?.Title ?? "",
            p.Pages?.ToString(CultureInfo.InvariantCulture) ?? "", p.Concern?.ReferenceNumber ?? "", p.ConfirmedAt is { } at ? Local(at) : "",
        });
        var name = string.Create(CultureInfo.InvariantCulture, $"posteingangsbuch-{CityClock.Today(TimeProvider.System):yyyy-MM-dd}.csv");
        return File(SpreadsheetCsv.Write(header, rows), "text/csv; charset=utf-8", name);
    }

    public string Link(int? page = null, string? handler = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["handler"] = handler,
            ["suche"] = Text,
            ["von"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["bis"] = Until?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["einheit"] = UnitId?.ToString(CultureInfo.InvariantCulture),
            ["standort"] = SiteId?.ToString(CultureInfo.InvariantCulture),
            ["seite"] = page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/intern/poststelle", values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    private IQueryable<PostItem> Filtered()
    {
        var query = db.PostItems.AsNoTracking().Include(p => p.Site).Include(p => p.AddresseeUnit).Include(p => p.AddresseePosition).Include(p => p.Concern).AsQueryable();
        if (!string.IsNullOrWhiteSpace(Text))
        {
            var text = Text.Trim().ToLower();
            query = query.Where(p => p.Sender.ToLower().Contains(text) || p.Subject.ToLower().Contains(text) || p.Number.ToLower().Contains(text));
        }

        if (From is { } from)
        {
            var start = LocalDayStartUtc(from);
            query = query.Where(p => p.ReceivedAt >= start);
        }

        if (Until is { } until)
        {
            var end = LocalDayStartUtc(until.AddDays(1));
            query = query.Where(p => p.ReceivedAt < end);
        }

        if (UnitId is int unit)
        {
            query = query.Where(p => p.AddresseeUnitId == unit);
        }

        if (SiteId is int site)
        {
            query = query.Where(p => p.SiteId == site);
        }

        return query;
    }

    internal static DateTime LocalDayStartUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), CityClock.Zone);

    private static string Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), CityClock.Zone).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);
}
