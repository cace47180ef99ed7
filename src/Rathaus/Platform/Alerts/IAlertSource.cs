using Microsoft.Extensions.Localization;

namespace Rathaus.Platform.Alerts;

/// <summary>One new item for a digest, already in the mail's language. Public data only: it goes to anyone who asks.</summary>
/// <param name="Path">The public page to link, relative to the site (e.g. <c>/rat/vorlagen/17</c>), or null when there is none.</param>
public sealed record AlertItem(long Id, string Title, string Details, string? Path);

/// <summary>
/// What a module offers to alerts (the map's reports, the council's papers): its filter, checked and described, and
/// its new public items per subscription. Texts come in the current UI culture, which the caller sets.
/// </summary>
public interface IAlertSource
{
    AlertKind Kind { get; }

    /// <summary>Page to subscribe (and to link from mails), e.g. <c>/karte/benachrichtigungen</c>.</summary>
    string SubscribePath { get; }

    /// <summary>Where the items are listed, for the mail's closing link.</summary>
    string ListPath { get; }

    /// <summary>The highest item id now; a subscription confirmed now gets only items after it.</summary>
    Task<long> LatestItemIdAsync(CancellationToken ct);

    /// <summary>
    /// For each subscription, its matching public items with an id after its start that arrived since
    /// <paramref name="since"/>, oldest first. Whether an item was sent already is the caller's business.
    /// </summary>
    Task<IReadOnlyDictionary<long, IReadOnlyList<AlertItem>>> NewItemsAsync(IReadOnlyList<AlertSubscription> subscriptions, DateTime since, CancellationToken ct);

    /// <summary>What the subscription is about, in one line ("Neue Meldungen im Stadtteil Altstadt").</summary>
    Task<string> DescribeAsync(string filter, IStringLocalizer t, CancellationToken ct);
}
