using System.Globalization;
using NCrontab;

namespace GridAid.LocalHost.Timers;

/// <summary>
/// A timer function's schedule as the Functions host reads it: an NCRONTAB expression (six fields with seconds, or
/// the classic five), parsed by NCrontab, the library the host's timer extension uses, evaluated in the host's local
/// time zone (UTC in Azure unless the app sets one; here the clock's <see cref="TimeProvider.LocalTimeZone"/>).
/// A <c>%Setting%</c> expression is read from configuration first. TimeSpan schedules (<c>"00:05:00"</c>) are
/// refused: the Functions host takes them only on an App Service plan, and this app runs on Flex Consumption.
/// </summary>
public sealed class TimerSchedule
{
    private readonly CrontabSchedule _cron;

    private TimerSchedule(string expression, CrontabSchedule cron, TimeZoneInfo zone)
    {
        Expression = expression;
        _cron = cron;
        TimeZone = zone;
    }

    /// <summary>The expression after <c>%Setting%</c> resolution.</summary>
    public string Expression { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>Parses a resolved expression; throws <see cref="FormatException"/> for anything the host would refuse here.</summary>
    public static TimerSchedule Parse(string expression, TimeZoneInfo zone)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        // As the host: five fields are minutes-first, anything else must be the six-field form with seconds.
        var options = new CrontabSchedule.ParseOptions { IncludingSeconds = fields != 5 };
        if (CrontabSchedule.TryParse(expression, options) is { } cron)
        {
            return new TimerSchedule(expression, cron, zone);
        }

        if (TimeSpan.TryParse(expression, CultureInfo.InvariantCulture, out _))
        {
            throw new FormatException($"Timer schedule '{expression}' is a TimeSpan: Azure Functions accepts those only on an App Service plan; use NCRONTAB.");
        }

        throw new FormatException($"Timer schedule '{expression}' is not a valid NCRONTAB expression ('{{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}').");
    }

    /// <summary>An expression written as <c>%Name%</c> is the app setting <c>Name</c>, as the host's name resolver reads it.</summary>
    public static string Resolve(string schedule, Func<string, string?> setting)
    {
        if (schedule.Length > 2 && schedule[0] == '%' && schedule[^1] == '%')
        {
            var name = schedule[1..^1];
            return setting(name) ?? throw new FormatException($"Timer schedule '{schedule}' names the setting '{name}', which is not set.");
        }

        return schedule;
    }

    /// <summary>The first occurrence strictly after <paramref name="instant"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime;
        while (true)
        {
            local = _cron.GetNextOccurrence(local);
            var next = ToInstant(local);
            if (next > instant)
            {
                return next;
            }
        }
    }

    /// <summary>The next <paramref name="count"/> occurrences after <paramref name="instant"/> (logged at start, as the host does).</summary>
    public IEnumerable<DateTimeOffset> Occurrences(DateTimeOffset instant, int count)
    {
        for (var i = 0; i < count; i++)
        {
            instant = NextAfter(instant);
            yield return instant;
        }
    }

    /// <summary>
    /// Whether the host keeps a schedule status for it: never for a schedule with more than one occurrence in the
    /// coming minute, otherwise as the attribute says (on when unset).
    /// </summary>
    public bool Monitored(bool? useMonitor, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZone).DateTime;
        return _cron.GetNextOccurrences(local, local.AddMinutes(1)).Take(2).Count() < 2 && (useMonitor ?? true);
    }

    /// <summary>
    /// The instant of a local wall-clock time. A time skipped by a clock change runs just after the change; a
    /// repeated time runs at its first instant.
    /// </summary>
    private DateTimeOffset ToInstant(DateTime local)
    {
        if (TimeZone.IsAmbiguousTime(local))
        {
            var offset = TimeZone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, offset);
        }

        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }
}
