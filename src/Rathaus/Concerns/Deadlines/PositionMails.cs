using Microsoft.Extensions.Configuration;
using Rathaus.Mail.Outbox;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Concerns.Deadlines;

/// <summary>Sends one internal mail per position to its mailbox and to those of its substitutes, through the outbox.</summary>
public sealed class PositionMails(OrgChartService orgChart, Outbox outbox, IConfiguration configuration)
{
    /// <summary>Where links in staff mails point; without Site:PublicBaseUrl the mails name the references only.</summary>
    public string? BaseUrl => configuration["Site:PublicBaseUrl"] is { Length: > 0 } url ? url.TrimEnd('/') : null;

    /// <summary>
    /// Enqueues <paramref name="mail"/>(to, title, asSubstitute) for each position and each of its substitutes; the
    /// caller's SaveChanges stores them. Returns how many mails were enqueued.
    /// </summary>
    public async Task<int> EnqueueAsync<T>(IReadOnlyDictionary<int, T> byPosition, Func<string, string, T, bool, OutgoingMail> mail, CancellationToken ct)
    {
        var recipients = await orgChart.RecipientsAsync([.. byPosition.Keys], ct);
        var count = 0;
        foreach (var (positionId, content) in byPosition)
        {
            if (!recipients.TryGetValue(positionId, out var position))
            {
                continue;
            }

            outbox.Enqueue(mail(position.Mailbox, position.Title, content, false));
            count++;
            foreach (var substitute in position.SubstituteMailboxes)
            {
                outbox.Enqueue(mail(substitute, position.Title, content, true));
                count++;
            }
        }

        return count;
    }
}
