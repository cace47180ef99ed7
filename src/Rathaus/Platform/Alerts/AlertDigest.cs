using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Rathaus.Data;
using Rathaus.Mail.Outbox;

namespace Rathaus.Platform.Alerts;

/// <summary>
/// The daily digest: every confirmed subscription with new matching items gets one mail listing them. Instead of a
/// time watermark it keeps a sent-log (<see cref="AlertDelivery"/>): whatever arrived late or was committed after the
/// last run is still unsent and goes into the next digest; whatever is logged is never sent again. Mails and log
/// rows are saved together, once, at the end (and the scheduler wraps the run in its transaction), so a crash
/// leaves nothing half-done: the next run does all of it.
/// </summary>
public sealed class AlertDigest(
    RathausDb db,
    Outbox outbox,
    AlertTokens tokens,
    IEnumerable<IAlertSource> sources,
    IStringLocalizer<SharedResource> t,
    IConfiguration configuration,
    IOptions<AlertOptions> options,
    TimeProvider clock)
{
    /// <summary>Writes the digests into the outbox; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-options.Value.LookBackDays);

        // Items older than the look-back are never candidates again, so their log rows can go.
        await db.AlertDeliveries.Where(d => d.SentAt < since).ExecuteDeleteAsync(ct);

        var subscriptions = await db.AlertSubscriptions.AsNoTracking().Where(s => s.ConfirmedAt != null).OrderBy(s => s.Id).ToListAsync(ct);
        var sent = new HashSet<(long, long)>((await db.AlertDeliveries.AsNoTracking().Select(d => new { d.SubscriptionId, d.ItemId }).ToListAsync(ct))
            .Select(d => (d.SubscriptionId, d.ItemId)));
        var mails = 0;
        foreach (var group in subscriptions.GroupBy(s => (s.Kind, s.Language)))
        {
            var source = sources.Single(s => s.Kind == group.Key.Kind);
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = group.Key.Language == "en" ? PlatformModule.English : PlatformModule.German;
            try
            {
                var list = group.ToList();
                var found = await source.NewItemsAsync(list, since, ct);
                foreach (var subscription in list)
                {
                    var items = found.TryGetValue(subscription.Id, out var matches)
                        ? matches.Where(i => !sent.Contains((subscription.Id, i.Id))).ToList()
                        : [];
                    if (items.Count == 0)
                    {
                        continue;
                    }

                    var listed = items.Take(options.Value.ListedAtMost).ToList();
                    var description = await source.DescribeAsync(subscription.Filter, t, ct);
                    var unsubscribeUrl = $"{BaseUrl()}/benachrichtigungen/abmelden/{tokens.Reveal(subscription.UnsubscribeTokenProtected)}";
                    outbox.Enqueue(AlertMails.Digest(subscription.Email, subscription.Language, description, listed, items.Count - listed.Count, BaseUrl(), source.ListPath, unsubscribeUrl));
                    db.AlertDeliveries.AddRange(items.Select(i => new AlertDelivery { SubscriptionId = subscription.Id, ItemId = i.Id, SentAt = now }));
                    mails++;
                }
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }

        await db.SaveChangesAsync(ct);
        return mails;
    }

    // Mails are written without a request; without Site:PublicBaseUrl the links point at the local host.
    private string BaseUrl() => (configuration["Site:PublicBaseUrl"] is { Length: > 0 } url ? url : "http://localhost").TrimEnd('/');
}

/// <summary>Deletes subscriptions whose confirmation link ran out unused: an address nobody confirmed is not kept.</summary>
public sealed class AlertCleanup(RathausDb db, IOptions<AlertOptions> options, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var expired = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.ConfirmWithinDays);
        return await db.AlertSubscriptions.Where(s => s.ConfirmedAt == null && s.ConfirmationSentAt < expired).ExecuteDeleteAsync(ct);
    }
}
