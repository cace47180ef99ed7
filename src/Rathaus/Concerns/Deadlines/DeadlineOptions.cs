namespace Rathaus.Concerns.Deadlines;

/// <summary>The <c>Deadlines</c> section: defaults for categories without their own periods, escalation, job times.</summary>
public sealed class DeadlineOptions
{
    public const string Section = "Deadlines";

    /// <summary>Working days until the first reply (Zwischennachricht or answer) is due.</summary>
    public int FirstReplyDays { get; set; } = 3;

    /// <summary>Working days until the final answer is due.</summary>
    public int FinalAnswerDays { get; set; } = 20;

    /// <summary>Working days an escalated concern may stay open before it goes to the next lead up.</summary>
    public int EscalateAgainAfterDays { get; set; } = 3;

    /// <summary>Times of day in Lüneburg (working days only) for the three jobs.</summary>
    public TimeOnly FollowUpsAt { get; set; } = new(6, 30);

    public TimeOnly DeadlineCheckAt { get; set; } = new(6, 45);

    public TimeOnly DigestAt { get; set; } = new(7, 0);
}
