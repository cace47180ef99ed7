using Rathaus.Concerns.Model;

namespace Rathaus.Concerns.Detail;

/// <summary>Headings of timeline entries as staff read them (the citizen's page has its own wording).</summary>
public static class DetailTexts
{
    public static string Heading(EntryKind kind) => kind switch
    {
        EntryKind.Submitted => Texts.Key("Anliegen eingegangen"),
        EntryKind.CitizenMessage => Texts.Key("Nachricht der Bürgerin oder des Bürgers"),
        EntryKind.Reply => Texts.Key("Antwort"),
        EntryKind.Question => Texts.Key("Rückfrage"),
        EntryKind.Note => Texts.Key("Vermerk"),
        EntryKind.StatusChange => Texts.Key("Status geändert"),
        EntryKind.Assignment => Texts.Key("Zugewiesen"),
        EntryKind.Forward => Texts.Key("Weitergeleitet"),
        EntryKind.Merge => Texts.Key("Zusammengeführt"),
        EntryKind.FollowUp => Texts.Key("Wiedervorlage"),
        EntryKind.Withdrawal => Texts.Key("Zurückgezogen"),
        EntryKind.DeliveryFailure => Texts.Key("E-Mail nicht zustellbar"),
        EntryKind.Escalation => Texts.Key("Eskaliert"),
        _ => kind.ToString(),
    };
}
