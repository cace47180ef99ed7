using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Council.Model;
using Rathaus.Data;
using Rathaus.Platform;
using Rathaus.Platform.Alerts;

namespace Rathaus.Council.Alerts;

/// <summary>A council alert: papers treated by (or filed by) one organization, and/or papers matching search words.</summary>
public sealed record PaperFilter(int? OrganizationId, string? Words)
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Words in one spelling (trimmed, single spaces, lower case), so the same search is the same filter.</summary>
    public static PaperFilter Create(int? organizationId, string? words)
    {
        var normalized = string.Join(' ', (words ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        return new(organizationId, normalized.Length == 0 ? null : normalized);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PaperFilter Parse(string json) => JsonSerializer.Deserialize<PaperFilter>(json, Json)
        ?? throw new FormatException("Empty paper alert filter.");
}

/// <summary>
/// Consumer 2 of the alerts (issue 8): new public papers (Drucksachen) for an organization or matching search words.
/// </summary>
public sealed class PaperAlerts(RathausDb db, IStringLocalizer<SharedResource> t) : IAlertSource
{
    public AlertKind Kind => AlertKind.CouncilPapers;
    public string SubscribePath => "/rat/benachrichtigungen";
    public string ListPath => "/rat";

    /// <summary>
    /// A paper the public may see: not deleted, and not one treated only in non-public agenda items (a paper that
    /// is on no agenda yet is public, as its page is).
    /// </summary>
    public static readonly Expression<Func<Paper, bool>> IsPublic = p => !p.Deleted
        && !(p.Consultations.Any(c => !c.Deleted && c.AgendaItem != null && !c.AgendaItem.Public)
            && !p.Consultations.Any(c => !c.Deleted && (c.AgendaItem == null || c.AgendaItem.Public)));

    /// <summary>
    /// Whether a paper matches the search words: every word occurs in its title or reference, ignoring case. The one
    /// place to swap in the council full-text search later.
    /// </summary>
    public static bool MatchesWords(string words, string reference, string title) =>
        words.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .All(w => title.Contains(w, StringComparison.OrdinalIgnoreCase) || reference.Contains(w, StringComparison.OrdinalIgnoreCase));

    public async Task<long> LatestItemIdAsync(CancellationToken ct) =>
        await db.Papers.MaxAsync(p => (long?)p.Id, ct) ?? 0;

    public async Task<IReadOnlyDictionary<long, IReadOnlyList<AlertItem>>> NewItemsAsync(IReadOnlyList<AlertSubscription> subscriptions, DateTime since, CancellationToken ct)
    {
        var result = new Dictionary<long, IReadOnlyList<AlertItem>>();
        if (subscriptions.Count == 0)
        {
            return result;
        }

        var after = subscriptions.Min(s => s.StartAfterItemId);
        var papers = await db.Papers.AsNoTracking().Where(IsPublic).Where(p => p.Id > after && p.Created >= since)
            .OrderBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.Reference,
                p.Name,
                p.Type,
                p.Date,
                p.OriginatorOrganizationId,

                // Only steps the public sees: a non-public agenda item must not reveal that a committee treats it.
                Organizations = p.Consultations.Where(c => !c.Deleted && (c.AgendaItem == null || c.AgendaItem.Public)).Select(c => c.OrganizationId).ToList(),
            })
            .ToListAsync(ct);
        foreach (var subscription in subscriptions)
        {
            var filter = PaperFilter.Parse(subscription.Filter);
            result[subscription.Id] = papers
                .Where(p => p.Id > subscription.StartAfterItemId)
                .Where(p => filter.OrganizationId is not int organization || p.OriginatorOrganizationId == organization || p.Organizations.Contains(organization))
                .Where(p => filter.Words is not { } words || MatchesWords(words, p.Reference, p.Name))
                .Select(p => new AlertItem(p.Id, $"{p.Reference}: {p.Name}",
                    $"{t[CouncilNames.PaperType(p.Type)]} · {p.Date.ToString("dd.MM.yyyy", PlatformModule.German)}", $"/rat/vorlagen/{p.Id}"))
                .ToList();
        }

        return result;
    }

    public async Task<string> DescribeAsync(string filter, IStringLocalizer t, CancellationToken ct)
    {
        var f = PaperFilter.Parse(filter);
        var organization = f.OrganizationId is int id
            ? await db.CouncilOrganizations.AsNoTracking().Where(o => o.Id == id).Select(o => o.Name).SingleOrDefaultAsync(ct)
            : null;
        return (organization, f.Words) switch
        {
            ({ } o, { } w) => t["Neue Vorlagen für {0} mit „{1}“", o, w],
            ({ } o, null) => t["Neue Vorlagen für {0}", o],
            (null, { } w) => t["Neue Vorlagen mit „{0}“", w],
            _ => t["Neue Vorlagen"],
        };
    }
}
