namespace Rathaus.Council.Resolutions;

/// <summary>The German names of the implementation states (resx keys) and their keys in the OParl extension.</summary>
public static class ResolutionTexts
{
    public static string Status(ResolutionStatus status) => status switch
    {
        ResolutionStatus.Open => Texts.Key("offen"),
        ResolutionStatus.InProgress => Texts.Key("in Umsetzung"),
        ResolutionStatus.Implemented => Texts.Key("umgesetzt"),
        ResolutionStatus.NotFeasible => Texts.Key("nicht umsetzbar"),
        _ => Texts.Key("erledigt durch"),
    };

    /// <summary>Stable, language-neutral values for clients of the OParl extension (and the public filter).</summary>
    public static string Code(ResolutionStatus status) => status switch
    {
        ResolutionStatus.Open => "open",
        ResolutionStatus.InProgress => "inProgress",
        ResolutionStatus.Implemented => "implemented",
        ResolutionStatus.NotFeasible => "notFeasible",
        _ => "superseded",
    };

    public static ResolutionStatus? FromCode(string? code) =>
        Enum.GetValues<ResolutionStatus>().Cast<ResolutionStatus?>().FirstOrDefault(s => Code(s!.Value) == code);
}
