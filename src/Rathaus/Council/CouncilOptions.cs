namespace Rathaus.Council;

/// <summary>Settings of the council information system (section "Council").</summary>
public sealed class CouncilOptions
{
    public const string Section = "Council";

    /// <summary>The largest file the council office may upload or an import may fetch.</summary>
    public int MaxFileMegabytes { get; set; } = 20;

    public long MaxFileBytes => MaxFileMegabytes * 1024L * 1024L;

    /// <summary>Off for a node that must not run OParl imports.</summary>
    public bool ImportWorker { get; set; } = true;

    /// <summary>How often a node looks for an import to work on.</summary>
    public int ImportPollSeconds { get; set; } = 5;

    /// <summary>How long a node may hold an import without progress before another takes it over.</summary>
    public int ImportLeaseMinutes { get; set; } = 5;

    /// <summary>Failed attempts in a row (the other server away, broken pages) before an import stops.</summary>
    public int ImportMaxAttempts { get; set; } = 5;
}
