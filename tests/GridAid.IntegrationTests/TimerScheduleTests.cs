using GridAid.LocalHost.Timers;

namespace GridAid.IntegrationTests;

/// <summary>The local host reads timer schedules as the Functions host does (NCRONTAB through NCrontab).</summary>
public class TimerScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 3, TimeSpan.Zero);

    [Fact]
    public void Six_fields_start_with_seconds()
    {
        var schedule = TimerSchedule.Parse("*/10 * * * * *", TimeZoneInfo.Utc);

        Assert.Equal([Start.AddSeconds(7), Start.AddSeconds(17), Start.AddSeconds(27)], schedule.Occurrences(Start, 3));
    }

    [Fact]
    public void Five_fields_start_with_minutes_as_the_host_reads_them()
    {
        var schedule = TimerSchedule.Parse("*/5 * * * *", TimeZoneInfo.Utc);

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 5, 0, TimeSpan.Zero), schedule.NextAfter(Start));
    }

    [Fact]
    public void The_next_occurrence_is_strictly_after_the_instant()
    {
        var schedule = TimerSchedule.Parse("0 * * * * *", TimeZoneInfo.Utc);
        var onTheMinute = new DateTimeOffset(2026, 3, 1, 0, 1, 0, TimeSpan.Zero);

        Assert.Equal(onTheMinute.AddMinutes(1), schedule.NextAfter(onTheMinute));
    }

    [Fact]
    public void Occurrences_are_wall_clock_times_of_the_hosts_time_zone()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var schedule = TimerSchedule.Parse("0 30 2 * * *", shanghai); // 02:30 every day, Beijing time

        // Start is 08:00:03 in Beijing: the next 02:30 there is the next day's, 18:30 UTC.
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 2, 30, 0, TimeSpan.FromHours(8)), schedule.NextAfter(Start));
    }

    [Fact]
    public void A_local_time_skipped_by_a_clock_change_runs_just_after_it_and_a_repeated_one_runs_once()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var schedule = TimerSchedule.Parse("0 30 2 * * *", berlin);

        // 29 March 2026: 02:00 → 03:00 local. 02:30 does not exist; it runs at 03:30 CEST (01:30 UTC).
        var spring = schedule.NextAfter(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), spring.ToUniversalTime());

        // 25 October 2026: 03:00 → 02:00 local. 02:30 happens twice; it runs at the first (00:30 UTC), then the next day.
        var autumn = schedule.NextAfter(new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), autumn.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 1, 30, 0, TimeSpan.Zero), schedule.NextAfter(autumn).ToUniversalTime());
    }

    [Theory]
    [InlineData("00:05:00")]
    [InlineData("every minute")]
    [InlineData("61 * * * * *")]
    public void What_the_host_would_refuse_here_is_refused(string expression) =>
        Assert.Throws<FormatException>(() => TimerSchedule.Parse(expression, TimeZoneInfo.Utc));

    [Fact]
    public void A_percent_expression_is_read_from_settings()
    {
        Assert.Equal("0 */2 * * * *", TimerSchedule.Resolve("%SweepSchedule%", name => name == "SweepSchedule" ? "0 */2 * * * *" : null));
        Assert.Equal("0 * * * * *", TimerSchedule.Resolve("0 * * * * *", _ => null));
        Assert.Throws<FormatException>(() => TimerSchedule.Resolve("%Missing%", _ => null));
    }

    [Theory]
    [InlineData("*/10 * * * * *", null, false)] // more than once a minute: never monitored
    [InlineData("*/10 * * * * *", true, false)]
    [InlineData("0 * * * * *", null, true)] // once a minute: monitored unless the attribute says not
    [InlineData("0 * * * * *", false, false)]
    [InlineData("0 0 3 * * *", null, true)]
    public void Schedule_status_is_kept_as_the_host_keeps_it(string expression, bool? useMonitor, bool monitored) =>
        Assert.Equal(monitored, TimerSchedule.Parse(expression, TimeZoneInfo.Utc).Monitored(useMonitor, Start));
}
