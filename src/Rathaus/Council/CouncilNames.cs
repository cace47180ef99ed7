using Rathaus.Council.Model;

namespace Rathaus.Council;

/// <summary>The German names of the council enums, as OParl publishes them and the pages show them (resx keys).</summary>
public static class CouncilNames
{
    public static string Kind(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Council => Texts.Key("Rat"),
        OrganizationKind.MainCommittee => Texts.Key("Verwaltungsausschuss"),
        OrganizationKind.Committee => Texts.Key("Fachausschuss"),
        OrganizationKind.LocalCouncil => Texts.Key("Ortsrat"),
        OrganizationKind.Faction => Texts.Key("Fraktion"),
        _ => Texts.Key("Gruppe"),
    };

    public static string State(MeetingState state) => state switch
    {
        MeetingState.Planned => Texts.Key("geplant"),
        MeetingState.Invited => Texts.Key("eingeladen"),
        MeetingState.Held => Texts.Key("durchgeführt"),
        _ => Texts.Key("abgesagt"),
    };

    public static string PaperType(PaperType type) => type switch
    {
        Model.PaperType.ResolutionProposal => Texts.Key("Beschlussvorlage"),
        Model.PaperType.Communication => Texts.Key("Mitteilungsvorlage"),
        Model.PaperType.Motion => Texts.Key("Antrag"),
        _ => Texts.Key("Anfrage"),
    };
}
