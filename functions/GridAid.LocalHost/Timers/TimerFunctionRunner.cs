using GridAid.LocalHost.Functions;
using Microsoft.Azure.Functions.Worker;

namespace GridAid.LocalHost.Timers;

/// <summary>
/// Runs one timer-triggered function on its schedule, as the Functions host's timer listener does: once at start
/// if <c>RunOnStartup</c>, then at each occurrence, one run at a time. The host holds a blob lease so that one
/// instance runs a timer function at a time; the local host is one process with one runner per function, whose
/// runs follow each other, so two runs of a function never overlap. A run that overlaps its next occurrence is
/// followed at once by one catch-up run (not one per missed occurrence), then the schedule resumes, as in the host.
/// A failing run is logged and the schedule goes on.
/// <para>
/// <see cref="TimerInfo.ScheduleStatus"/> (last, next, last updated: local times) is given to monitored schedules
/// (<see cref="TimerSchedule.Monitored"/>) and kept in memory. The host keeps it in storage and uses it after a
/// restart to make one past-due run (<see cref="TimerInfo.IsPastDue"/>); the local host does not persist it, so
/// <c>IsPastDue</c> is always false here.
/// </para>
/// </summary>
public sealed class TimerFunctionRunner(
    TimerFunction function,
    TimerSchedule schedule,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<TimerFunctionRunner> logger,
    IHostApplicationLifetime? lifetime = null) : TriggerListener(lifetime)
{
    /// <summary>The longest single wait (timers take at most ~49 days; the host uses 24).</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(24);

    private readonly bool _monitored = schedule.Monitored(function.UseMonitor, clock.GetUtcNow());

    /// <summary>The schedule's state: the last run's scheduled time and the next occurrence.</summary>
    public ScheduleStatus Status { get; private set; } = new();

    protected override async Task ListenAsync(CancellationToken stopping, CancellationToken abort)
    {
        var now = clock.GetUtcNow();
        var next = schedule.NextAfter(now);
        Status = new ScheduleStatus { Next = Local(next) };
        logger.LogInformation("Timer {Function} ({Schedule}, {TimeZone}) next runs: {Occurrences}", function.Name, schedule.Expression,
            schedule.TimeZone.Id, string.Join(", ", schedule.Occurrences(now, 5).Select(o => o.ToString("u", System.Globalization.CultureInfo.InvariantCulture))));

        if (function.RunOnStartup == true && !stopping.IsCancellationRequested)
        {
            next = await RunAsync(now, next, onSchedule: false, abort);
        }

        while (!stopping.IsCancellationRequested)
        {
            var wait = next - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait < MaxWait ? wait : MaxWait, clock, stopping);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    break;
                }

                if (wait > MaxWait)
                {
                    continue;
                }
            }

            next = await RunAsync(clock.GetUtcNow(), next, onSchedule: true, abort);
        }
    }

    /// <summary>One run; returns the next occurrence, counted from the occurrence it ran for (the host's rule).</summary>
    private async Task<DateTimeOffset> RunAsync(DateTimeOffset started, DateTimeOffset due, bool onSchedule, CancellationToken abort)
    {
        var timer = new TimerInfo { ScheduleStatus = _monitored ? Status : null, IsPastDue = false };
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await FunctionInvoker.InvokeAsync(scope.ServiceProvider, function.Method, timer, new Dictionary<string, object?>(), abort);
        }
        catch (Exception e) when (e is not OperationCanceledException || !abort.IsCancellationRequested)
        {
            logger.LogWarning(e.InnerException ?? e, "Timer function {Function} failed", function.Name);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Timer function {Function} was cancelled: the host's shutdown timeout ran out", function.Name);
        }

        // A timer that fired a little early counts as having run at its occurrence, so that occurrence is not run twice.
        var ranFor = onSchedule && due > started ? due : started;
        var next = schedule.NextAfter(ranFor);
        Status = new ScheduleStatus { Last = Local(ranFor), Next = Local(next), LastUpdated = Local(ranFor) };
        return next;
    }

    private DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, schedule.TimeZone).DateTime;
}
