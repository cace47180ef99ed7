using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Rathaus.Concerns.Model;

namespace Rathaus.Concerns;

/// <summary>German names of the concerns' enumerations (the keys of their English translations).</summary>
public static class ConcernTexts
{
    public static string KindName(ConcernKind kind) => kind switch
    {
        ConcernKind.Question => Texts.Key("Frage"),
        ConcernKind.Complaint => Texts.Key("Beschwerde"),
        ConcernKind.Suggestion => Texts.Key("Anregung"),
        ConcernKind.DefectReport => Texts.Key("Mängelmeldung"),
        ConcernKind.Praise => Texts.Key("Lob"),
        _ => kind.ToString(),
    };

    public static string StatusName(ConcernStatus status) => status switch
    {
        ConcernStatus.Received => Texts.Key("Eingegangen"),
        ConcernStatus.InProgress => Texts.Key("In Bearbeitung"),
        ConcernStatus.WaitingForCitizen => Texts.Key("Rückfrage"),
        ConcernStatus.Resolved => Texts.Key("Erledigt"),
        ConcernStatus.Rejected => Texts.Key("Abgelehnt"),
        ConcernStatus.Withdrawn => Texts.Key("Zurückgezogen"),
        _ => status.ToString(),
    };

    public static string ChannelName(Channel channel) => channel switch
    {
        Channel.Web => Texts.Key("Webformular"),
        Channel.Map => Texts.Key("Kartenmeldung"),
        Channel.Email => Texts.Key("E-Mail"),
        Channel.Phone => Texts.Key("Telefon"),
        Channel.Letter => Texts.Key("Brief"),
        Channel.Counter => Texts.Key("Persönlich am Schalter"),
        Channel.Open311 => Texts.Key("Open311-Schnittstelle"),
        _ => channel.ToString(),
    };

    public static IEnumerable<SelectListItem> KindItems(IStringLocalizer t) =>
        Enum.GetValues<ConcernKind>().Select(k => new SelectListItem(t[KindName(k)], k.ToString()));

    public static IEnumerable<SelectListItem> StatusItems(IStringLocalizer t) =>
        Enum.GetValues<ConcernStatus>().Select(s => new SelectListItem(t[StatusName(s)], s.ToString()));

    public static IEnumerable<SelectListItem> ChannelItems(IStringLocalizer t) =>
        Enum.GetValues<Channel>().Select(c => new SelectListItem(t[ChannelName(c)], c.ToString()));
}
