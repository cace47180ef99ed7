using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Deadlines;
using Rathaus.Data;
using Rathaus.Mail.Outbox;
using Rathaus.Platform;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Post;

/// <summary>
/// Wiedervorlage of letters: on the set day the addressee position (or, without one, the unit's first position, the
/// lead first) and its substitutes get one mail listing the letters; the post tray shows them on top from that day on.
/// </summary>
public sealed class PostFollowUps(RathausDb db, OrgChartService orgChart, PositionMails mails, TimeProvider clock)
{
    public const string Job = "Post.FollowUps";

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var today = clock.Today();
        var due = await db.PostItems.AsNoTracking()
            .Where(p => p.FollowUpOn != null && p.FollowUpOn <= today && (p.FollowUpNotifiedFor == null || p.FollowUpNotifiedFor != p.FollowUpOn))
            .OrderBy(p => p.FollowUpOn).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Number, p.Subject, p.AddresseePositionId, p.AddresseeUnitId })
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }

        var unitIds = due.Where(p => p.AddresseePositionId is null).Select(p => p.AddresseeUnitId).Distinct().ToList();
        var firstOfUnit = await orgChart.FirstPositionOfUnitsAsync(unitIds, ct);
        var byPosition = due
            .Select(p => (Item: p, PositionId: p.AddresseePositionId ?? firstOfUnit.GetValueOrDefault(p.AddresseeUnitId)))
            .Where(x => x.PositionId != 0)
            .GroupBy(x => x.PositionId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(x => $"Nr. {x.Item.Number}: {x.Item.Subject}")]);
        var sent = await mails.EnqueueAsync(byPosition, (to, title, lines, asSubstitute) => Mail(to, title, lines, mails.BaseUrl, asSubstitute), ct);

        foreach (var chunk in due.Select(p => p.Id).Chunk(1000))
        {
            await db.PostItems.Where(p => chunk.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.FollowUpNotifiedFor, p => p.FollowUpOn), ct);
        }

        await db.SaveChangesAsync(ct);
        return sent;
    }

    private static OutgoingMail Mail(string to, string positionTitle, IReadOnlyList<string> letters, string? baseUrl, bool asSubstitute)
    {
        var subject = letters.Count == 1 ? $"Wiedervorlage heute: Brief {letters[0].Split(':')[0]}" : $"Wiedervorlage heute: {letters.Count} Briefe";
        var text = new System.Text.StringBuilder("Guten Tag,\n\n")
            .Append(asSubstitute ? $"für die Stelle „{positionTitle}“, die Sie zurzeit vertreten, " : $"für die Stelle „{positionTitle}“ ")
            .Append("sind heute diese Briefe zur Wiedervorlage fällig:\n\n")
            .AppendJoin("\n", letters.Select(l => "- " + l))
            .Append(baseUrl is null ? "\n" : $"\n\nPostfach: {baseUrl}/intern/posteingang\n")
            .Append("\nDiese E-Mail wurde automatisch verschickt.\n")
            .ToString();
        return new OutgoingMail("Post.FollowUp", to, subject, text);
    }
}
