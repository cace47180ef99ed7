using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Deadlines;
using Rathaus.Concerns.Mails;
using Rathaus.Data;
using Rathaus.Mail.Outbox;
using Rathaus.Platform;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Council.Resolutions;

/// <summary>
/// Resolutions whose target date has passed unfinished are overdue (the lists mark them by date on their own); the
/// lead of the responsible unit is told once per target date by mail, and a substitute gets a copy. Each record is
/// claimed with a conditional UPDATE in the mail's transaction, so two nodes (or a rerun) never send a mail twice.
/// </summary>
public sealed class OverdueResolutions(RathausDb db, OrgChartService orgChart, PositionMails notices, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var today = clock.Today();
        var candidates = await db.ResolutionTrackings.AsNoTracking()
            .Where(r => r.OrgUnitId != null && r.TargetDate != null && r.TargetDate < today
                && (r.Status == ResolutionStatus.Open || r.Status == ResolutionStatus.InProgress)
                && (r.OverdueNotifiedFor == null || r.OverdueNotifiedFor != r.TargetDate)
                && !r.AgendaItem!.Deleted)
            .OrderBy(r => r.TargetDate).ThenBy(r => r.Id)
            .Select(r => new OverdueLine(r.Id, r.OrgUnitId!.Value, r.TargetDate!.Value, r.AgendaItem!.Number, r.AgendaItem.Name, r.AgendaItem.Meeting!.Name))
            .ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return 0;
        }

        // The scheduler runs the job inside its own transaction (work and run record commit together); alone, open one.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var claimed = new List<OverdueLine>();
        foreach (var line in candidates)
        {
            var target = line.TargetDate;
            var won = await db.ResolutionTrackings
                .Where(r => r.Id == line.Id && r.TargetDate == target && (r.OverdueNotifiedFor == null || r.OverdueNotifiedFor != target))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.OverdueNotifiedFor, target), ct);
            if (won == 1)
            {
                claimed.Add(line);
            }
        }

        var leads = new Dictionary<int, int>();
        foreach (var unitId in claimed.Select(c => c.UnitId).Distinct())
        {
            if (await orgChart.FindLeadAboveAsync(unitId, ct: ct) is { } lead)
            {
                leads[unitId] = lead.Id;
            }
        }

        var byLead = claimed.Where(c => leads.ContainsKey(c.UnitId)).GroupBy(c => leads[c.UnitId])
            .ToDictionary(g => g.Key, g => (IReadOnlyList<OverdueLine>)[.. g]);
        var sent = await notices.EnqueueAsync(byLead, (to, title, lines, asSubstitute) => Mail(to, title, lines, notices.BaseUrl, asSubstitute), ct);
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return sent;
    }

    /// <summary>Internal and in German like the other staff mails; names resolutions by meeting and item only.</summary>
    internal static OutgoingMail Mail(string to, string positionTitle, IReadOnlyList<OverdueLine> lines, string? baseUrl, bool asSubstitute)
    {
        var subject = lines.Count == 1
            ? $"Beschluss überfällig: {lines[0].ItemNumber} {lines[0].ItemName}"
            : $"Überfällige Beschlüsse in Ihrem Bereich: {lines.Count}";
        if (subject.Length > 200)
        {
            subject = subject[..199] + "…";
        }

        var body = new MailBody("de").Paragraph("Guten Tag,").Paragraph(
            (asSubstitute ? $"Sie vertreten zurzeit die Stelle „{positionTitle}“. " : "")
            + $"Die Umsetzung dieser Beschlüsse sollte abgeschlossen sein; der Termin ist verstrichen. Bitte berichten Sie den Stand oder vereinbaren Sie mit dem Ratsbüro einen neuen Termin:");
        foreach (var line in lines)
        {
            var text = $"{line.MeetingName}, {line.ItemNumber}: {line.ItemName} (umsetzen bis {line.TargetDate.ToString("dd.MM.yyyy", PlatformModule.German)})";
            body = body.Paragraph(text); // the plain text shows a link's address only, so the name goes first
            if (baseUrl is not null)
            {
                body = body.Link("Zum Beschluss", $"{baseUrl}/intern/beschluesse/{line.Id}");
            }
        }

        body = body.Paragraph("Diese E-Mail wurde automatisch verschickt.");
        return new OutgoingMail("Resolution.Overdue", to, subject, body.Text(), body.Html(subject));
    }
}

public sealed record OverdueLine(int Id, int UnitId, DateOnly TargetDate, string ItemNumber, string ItemName, string MeetingName);
