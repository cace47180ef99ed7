using Rathaus.Concerns.Model;

namespace Rathaus.Concerns.Track;

/// <summary>How the citizen's timeline names each entry; free text only where it was written for the citizen.</summary>
internal static class TrackTexts
{
    public static string Heading(ConcernEntry entry) => entry.Kind switch
    {
        EntryKind.Submitted => Texts.Key("Ihr Anliegen ist eingegangen"),
        EntryKind.CitizenMessage => Texts.Key("Ihre Ergänzung"),
        EntryKind.Reply => Texts.Key("Antwort der Verwaltung"),
        EntryKind.Question => Texts.Key("Rückfrage der Verwaltung"),
        EntryKind.StatusChange => Texts.Key("Status geändert"),
        EntryKind.Withdrawal => Texts.Key("Sie haben Ihr Anliegen zurückgezogen"),
        EntryKind.Forward => Texts.Key("An die zuständige Stelle weitergegeben"),
        EntryKind.Merge => Texts.Key("Mit einem gleichen Anliegen zusammengeführt"),
        _ => entry.Kind.ToString(), // not shown: the page lists only the kinds above
    };

    /// <summary>
    /// The reason of a forward or a merge is written for colleagues, not for the citizen; the comment on a status change
    /// is written for the citizen (it also goes out by mail).
    /// </summary>
    public static bool ShowsText(ConcernEntry entry) =>
        entry.Kind is EntryKind.Submitted or EntryKind.CitizenMessage or EntryKind.Reply or EntryKind.Question or EntryKind.StatusChange;

    /// <summary>Texts of the administration carry its signature ("Im Auftrag", position and unit).</summary>
    public static bool ShowsSignature(ConcernEntry entry) =>
        entry.Kind is EntryKind.Reply or EntryKind.Question or EntryKind.StatusChange
        && (entry.SignedByUnit is not null || entry.SignedByPosition is not null)
        && (entry.Kind != EntryKind.StatusChange || !string.IsNullOrWhiteSpace(entry.Text));
}
