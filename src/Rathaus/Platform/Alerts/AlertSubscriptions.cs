using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Rathaus.Data;
using Rathaus.Mail.Outbox;

namespace Rathaus.Platform.Alerts;

/// <summary>What the confirmation or unsubscribe link found.</summary>
public enum AlertLinkState
{
    Unknown,   // no such token, or a confirmation link past its week
    Pending,   // subscribed, not yet confirmed
    Confirmed, // active
}

/// <summary>A subscription as its link pages show it.</summary>
public sealed record AlertLink(AlertLinkState State, string? Description);

/// <summary>
/// Subscribe (double opt-in), confirm and unsubscribe: the use cases behind both subscribe pages and the link pages.
/// The answer to a subscription never tells whether the address was known: a stranger learns nothing from the form.
/// </summary>
public sealed class AlertSubscriptions(
    RathausDb db,
    Outbox outbox,
    AlertTokens tokens,
    IEnumerable<IAlertSource> sources,
    IOptions<AlertOptions> options,
    TimeProvider clock)
{
    public const string ConfirmationMailKind = "Alerts.Confirmation";

    /// <summary>
    /// Asks for a subscription: a new one (or a still unconfirmed one) gets a confirmation mail with a fresh link;
    /// an already confirmed one stays as it is. Returns a German refusal (a resx key) or null when all went well.
    /// </summary>
    /// <param name="filter">The source's canonical filter JSON, already checked by the page.</param>
    public async Task<string?> SubscribeAsync(string email, AlertKind kind, string filter, string language, string baseUrl, IStringLocalizer t, CancellationToken ct)
    {
        email = Normalize(email);
        var now = Now();
        var limits = options.Value;
        var existing = await db.AlertSubscriptions.SingleOrDefaultAsync(s => s.Email == email && s.Kind == kind && s.Filter == filter, ct);
        if (existing is { ConfirmedAt: not null })
        {
            return null; // the same thing twice is one subscription
        }

        if (existing is null && await db.AlertSubscriptions.CountAsync(s => s.Email == email, ct) >= limits.MaxPerEmail)
        {
            return Texts.Key("Für diese E-Mail-Adresse bestehen schon so viele Benachrichtigungen, wie möglich sind. Bitte bestellen Sie zuerst eine ab.");
        }

        var dayAgo = now.AddDays(-1);
        if (await db.OutboxMessages.CountAsync(m => m.To == email && m.Kind == ConfirmationMailKind && m.CreatedAt > dayAgo, ct) >= limits.ConfirmationMailsPerDay)
        {
            return Texts.Key("An diese E-Mail-Adresse haben wir heute schon mehrere Bestätigungs-E-Mails geschickt. Bitte sehen Sie in Ihr Postfach oder versuchen Sie es morgen wieder.");
        }

        var (confirmToken, confirmHash) = AlertTokens.New();
        if (existing is null)
        {
            var (unsubscribeToken, unsubscribeHash) = AlertTokens.New();
            existing = new AlertSubscription
            {
                Email = email,
                Kind = kind,
                Filter = filter,
                Language = language,
                ConfirmationTokenHash = confirmHash,
                UnsubscribeTokenHash = unsubscribeHash,
                UnsubscribeTokenProtected = tokens.Protect(unsubscribeToken),
                CreatedAt = now,
            };
            db.AlertSubscriptions.Add(existing);
        }

        existing.ConfirmationTokenHash = confirmHash; // a new mail makes the older link void
        existing.ConfirmationSentAt = now;
        existing.Language = language;
        var description = await Source(kind).DescribeAsync(filter, t, ct);
        outbox.Enqueue(AlertMails.Confirmation(email, language, description, $"{baseUrl}/benachrichtigungen/bestaetigen/{confirmToken}", limits.ConfirmWithinDays));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A double click: the other request stored the same subscription (unique key) and its mail.
            if (!await db.AlertSubscriptions.AsNoTracking().AnyAsync(s => s.Email == email && s.Kind == kind && s.Filter == filter, CancellationToken.None))
            {
                throw;
            }
        }

        return null;
    }

    public async Task<AlertLink> FindByConfirmationAsync(string token, IStringLocalizer t, CancellationToken ct) =>
        await LinkAsync(await ByConfirmationAsync(token, ct), t, ct);

    public async Task<AlertLink> FindByUnsubscribeAsync(string token, IStringLocalizer t, CancellationToken ct) =>
        await LinkAsync(await ByUnsubscribeAsync(token, ct), t, ct);

    /// <summary>Confirms; from now on new items are reported. Confirming twice changes nothing.</summary>
    public async Task<AlertLink> ConfirmAsync(string token, IStringLocalizer t, CancellationToken ct)
    {
        var subscription = await ByConfirmationAsync(token, ct);
        if (subscription is { ConfirmedAt: null })
        {
            subscription.StartAfterItemId = await Source(subscription.Kind).LatestItemIdAsync(ct);
            subscription.ConfirmedAt = Now();
            await db.SaveChangesAsync(ct);
        }

        return await LinkAsync(subscription, t, ct);
    }

    /// <summary>Deletes the subscription with all it recorded; returns false if there was none (already gone).</summary>
    public async Task<bool> UnsubscribeAsync(string token, CancellationToken ct)
    {
        if (!AlertTokens.LooksValid(token))
        {
            return false;
        }

        var hash = AlertTokens.Hash(token);
        return await db.AlertSubscriptions.Where(s => s.UnsubscribeTokenHash == hash).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>The check every form uses: one address, as mail servers take it, with a dot in the domain.</summary>
    public static bool IsValidEmail(string? email) =>
        email is { Length: > 0 and <= 254 }
        && System.Net.Mail.MailAddress.TryCreate(email.Trim(), out var address)
        && address.Address == email.Trim()
        && address.DisplayName.Length == 0
        && address.Host.Contains('.', StringComparison.Ordinal)
        && !address.Host.EndsWith('.');

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    private async Task<AlertSubscription?> ByConfirmationAsync(string token, CancellationToken ct)
    {
        if (!AlertTokens.LooksValid(token))
        {
            return null;
        }

        var hash = AlertTokens.Hash(token);
        var subscription = await db.AlertSubscriptions.SingleOrDefaultAsync(s => s.ConfirmationTokenHash == hash, ct);
        var expired = subscription is { ConfirmedAt: null } && subscription.ConfirmationSentAt < Now().AddDays(-options.Value.ConfirmWithinDays);
        return expired ? null : subscription;
    }

    private async Task<AlertSubscription?> ByUnsubscribeAsync(string token, CancellationToken ct)
    {
        if (!AlertTokens.LooksValid(token))
        {
            return null;
        }

        var hash = AlertTokens.Hash(token);
        return await db.AlertSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.UnsubscribeTokenHash == hash, ct);
    }

    private async Task<AlertLink> LinkAsync(AlertSubscription? subscription, IStringLocalizer t, CancellationToken ct) =>
        subscription is null
            ? new AlertLink(AlertLinkState.Unknown, null)
            : new AlertLink(subscription.ConfirmedAt is null ? AlertLinkState.Pending : AlertLinkState.Confirmed,
                await Source(subscription.Kind).DescribeAsync(subscription.Filter, t, ct));

    private IAlertSource Source(AlertKind kind) => sources.Single(s => s.Kind == kind);

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
