using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Rathaus.Council.Resolutions;
using Rathaus.Data;
using static Rathaus.Council.OParl.OParlJson;

namespace Rathaus.Council.OParl;

/// <summary>
/// The Beschlusskontrolle as a vendor extension (OParl 1.1, „Herstellerspezifische Erweiterungen“: extra properties
/// with a vendor prefix, never '@'): <c>rathaus:implementation</c> on an AgendaItem (one object) and on a Paper
/// (a list, one per public agenda item with a resolution). No standard field changes. Described for people at
/// <c>/oparl/erweiterungen</c>.
/// </summary>
internal static class OParlImplementation
{
    public const string Prefix = "rathaus";
    public const string Property = Prefix + ":implementation";

    /// <summary>The extension object of each given agenda item that has a record, keyed by the item's id.</summary>
    public static async Task<Dictionary<int, JsonObject>> ForItemsAsync(RathausDb db, OParlUrls urls, IReadOnlyCollection<int> agendaItemIds)
    {
        if (agendaItemIds.Count == 0)
        {
            return [];
        }

        var ids = agendaItemIds.ToList();
        var trackings = await db.ResolutionTrackings.AsNoTracking().Where(r => ids.Contains(r.AgendaItemId))
            .Select(r => new { r.Id, r.AgendaItemId, r.Status, r.TargetDate, r.SettledByPaperId, Unit = r.OrgUnit != null ? r.OrgUnit.Name : null, r.Created, r.Modified })
            .ToListAsync();
        var trackingIds = trackings.Select(t => t.Id).ToList();
        var progress = (await db.ResolutionProgress.AsNoTracking().Where(p => trackingIds.Contains(p.ResolutionTrackingId))
            .OrderBy(p => p.Date).ThenBy(p => p.Id).ToListAsync()).ToLookup(p => p.ResolutionTrackingId);
        return trackings.ToDictionary(t => t.AgendaItemId, t => Plain(
            ("agendaItem", urls.Of("agendaItem", t.AgendaItemId)),
            ("status", ResolutionTexts.Code(t.Status)),
            ("statusName", ResolutionTexts.Status(t.Status)),
            ("responsibleUnit", Text(t.Unit)),
            ("targetDate", Date(t.TargetDate)),
            ("settledBy", t.SettledByPaperId is int paper ? urls.Of("paper", paper) : null),
            ("progress", progress[t.Id].Any()
                ? Array(progress[t.Id].Select(p => (JsonNode)Plain(
                    ("date", Date(p.Date)),
                    ("text", p.Text),
                    ("signedByUnit", p.SignedByUnit),
                    ("signedByPosition", p.SignedByPosition))))
                : null),
            ("web", urls.Web("/rat/beschluesse")),
            ("created", DateTime(t.Created)),
            ("modified", DateTime(t.Modified))));
    }
}
