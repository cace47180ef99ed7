namespace Rathaus.Tests.Infrastructure;

/// <summary>A clock the test sets; timers and delays still run on real time, so background loops keep their pace.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now = TimeProvider.System.GetUtcNow();

    public DateTime UtcNow
    {
        get => _now.UtcDateTime;
        set => _now = new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc));
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
