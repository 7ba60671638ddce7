using System.Threading.Channels;
using GridAid.LocalHost.Functions;
using GridAid.LocalHost.Timers;
using GridAid.TestSupport;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GridAid.IntegrationTests;

/// <summary>
/// The local host's timer runner on a fake clock: runs come at their occurrences, one at a time, a run that overlaps
/// its next occurrence is followed by one catch-up run, and stopping lets a run in flight finish. Every wait of the
/// runner is a timer the test sees created (<see cref="WatchedClock"/>), so no step depends on the machine's speed.
/// </summary>
public class TimerRunnerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 3, TimeSpan.Zero);

    private static readonly TimeSpan RealTimeout = TimeSpan.FromSeconds(10 * TestTimings.Slack);

    [Fact]
    public void The_catalog_finds_timer_functions_with_what_their_attribute_sets()
    {
        var timers = new FunctionCatalog(typeof(TimerProbe).Assembly).Timers.Where(t => t.Method.DeclaringType == typeof(TimerProbe)).OrderBy(t => t.Name).ToList();

        Assert.Equal(
            [("ProbeEvery10Seconds", "*/10 * * * * *", (bool?)null, (bool?)null), ("ProbeEveryMinute", "0 * * * * *", true, false)],
            timers.Select(t => (t.Name, t.Schedule, t.RunOnStartup, t.UseMonitor)));
    }

    [Fact]
    public async Task Runs_come_at_each_occurrence_and_wait_for_the_next()
    {
        var clock = new WatchedClock(Start);
        var probe = new TimerProbe((_, _) => Task.CompletedTask, clock);
        await using var runner = await RunnerFor(nameof(TimerProbe.ProbeEvery10Seconds), probe, clock);

        Assert.Equal(TimeSpan.FromSeconds(7), await clock.NextWaitAsync());
        for (var run = 1; run <= 3; run++)
        {
            clock.Advance(clock.PendingWait);
            Assert.Equal(Start.AddSeconds(7 + ((run - 1) * 10)), await probe.NextRunAsync());
            Assert.Equal(TimeSpan.FromSeconds(10), await clock.NextWaitAsync());
        }

        Assert.Equal(3, probe.Runs);
        Assert.Null(probe.LastTimer!.ScheduleStatus); // runs more than once a minute: no schedule status, as in the host
        Assert.False(probe.LastTimer.IsPastDue);
    }

    [Fact]
    public async Task Runs_never_overlap_and_a_run_past_its_next_occurrence_is_followed_by_one_catch_up_run()
    {
        var clock = new WatchedClock(Start);
        using var gate = new SemaphoreSlim(0);
        var probe = new TimerProbe((_, _) => gate.WaitAsync(CancellationToken.None), clock);
        await using var runner = await RunnerFor(nameof(TimerProbe.ProbeEvery10Seconds), probe, clock);

        clock.Advance(await clock.NextWaitAsync());
        Assert.Equal(Start.AddSeconds(7), await probe.NextRunAsync());

        // The run holds on while three more occurrences (00:20, 00:30, 00:40) pass.
        for (var second = 0; second < 35; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.False(clock.HasPendingWait);
        Assert.Equal(1, probe.Runs);

        gate.Release(2);
        Assert.Equal(Start.AddSeconds(42), await probe.NextRunAsync()); // at once, when the long run ends (00:45)
        Assert.Equal(TimeSpan.FromSeconds(5), await clock.NextWaitAsync()); // then back on schedule: 00:50
        Assert.Equal(2, probe.Runs);
        Assert.Equal(1, probe.MostAtOnce);
    }

    [Fact]
    public async Task Run_on_startup_runs_at_once_and_a_minute_schedule_gets_its_schedule_status()
    {
        var clock = new WatchedClock(Start);
        var probe = new TimerProbe((_, _) => Task.CompletedTask, clock);
        await using var runner = await RunnerFor(nameof(TimerProbe.ProbeEveryMinute), probe, clock);

        Assert.Equal(Start, await probe.NextRunAsync());
        // The attribute turns the monitor off: no status, as in the host.
        Assert.Null(probe.LastTimer!.ScheduleStatus);
        Assert.Equal(TimeSpan.FromSeconds(57), await clock.NextWaitAsync());
    }

    [Fact]
    public async Task A_monitored_schedule_passes_its_last_and_next_occurrence()
    {
        var clock = new WatchedClock(Start);
        var probe = new TimerProbe((_, _) => Task.CompletedTask, clock);
        var function = new TimerFunction("Monitored", typeof(TimerProbe).GetMethod(nameof(TimerProbe.ProbeEveryMinute))!, "0 * * * * *", null, null);
        await using var runner = await RunnerFor(function, probe, clock);

        clock.Advance(await clock.NextWaitAsync());
        await probe.NextRunAsync();
        Assert.Equal(new DateTime(2026, 3, 1, 0, 1, 0), probe.LastTimer!.ScheduleStatus!.Next);
        Assert.Equal(default, probe.LastTimer.ScheduleStatus.Last);

        clock.Advance(await clock.NextWaitAsync());
        await probe.NextRunAsync();
        Assert.Equal(new DateTime(2026, 3, 1, 0, 1, 0), probe.LastTimer.ScheduleStatus!.Last);
        Assert.Equal(new DateTime(2026, 3, 1, 0, 2, 0), probe.LastTimer.ScheduleStatus.Next);
    }

    [Fact]
    public async Task A_failing_run_does_not_stop_the_schedule()
    {
        var clock = new WatchedClock(Start);
        var probe = new TimerProbe((_, _) => throw new InvalidOperationException("fails"), clock);
        await using var runner = await RunnerFor(nameof(TimerProbe.ProbeEvery10Seconds), probe, clock);

        clock.Advance(await clock.NextWaitAsync());
        await probe.NextRunAsync();
        clock.Advance(await clock.NextWaitAsync());
        await probe.NextRunAsync();
        Assert.Equal(2, probe.Runs);
    }

    [Fact]
    public async Task Stopping_lets_the_run_in_flight_finish_uncancelled_and_starts_no_other()
    {
        var clock = new WatchedClock(Start);
        using var gate = new SemaphoreSlim(0);
        var cancelled = false;
        var probe = new TimerProbe(async (_, ct) =>
        {
            await gate.WaitAsync(CancellationToken.None);
            cancelled = ct.IsCancellationRequested;
        }, clock);
        var runner = await RunnerFor(nameof(TimerProbe.ProbeEvery10Seconds), probe, clock);

        clock.Advance(await clock.NextWaitAsync());
        await probe.NextRunAsync();
        var stop = runner.StopAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.False(stop.IsCompleted);

        gate.Release();
        await stop.WaitAsync(RealTimeout);
        Assert.False(cancelled);
        Assert.False(clock.HasPendingWait);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, probe.Runs);
        runner.Dispose();
    }

    [Fact]
    public async Task A_run_still_going_when_the_shutdown_timeout_runs_out_is_cancelled()
    {
        var clock = new WatchedClock(Start);
        var probe = new TimerProbe((_, ct) => Task.Delay(Timeout.Infinite, ct), clock);
        var runner = await RunnerFor(nameof(TimerProbe.ProbeEvery10Seconds), probe, clock);

        clock.Advance(await clock.NextWaitAsync());
        await probe.NextRunAsync();
        using var shutdownTimeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await runner.StopAsync(shutdownTimeout.Token).WaitAsync(RealTimeout);
        await runner.ExecuteTask!.WaitAsync(RealTimeout);
        Assert.Equal(1, probe.Runs);
        runner.Dispose();
    }

    private static Task<Runner> RunnerFor(string name, TimerProbe probe, WatchedClock clock) =>
        RunnerFor(new FunctionCatalog(typeof(TimerProbe).Assembly).Timers.Single(t => t.Name == name), probe, clock);

    private static async Task<Runner> RunnerFor(TimerFunction function, TimerProbe probe, WatchedClock clock)
    {
        var services = new ServiceCollection().AddSingleton(probe).BuildServiceProvider();
        var runner = new TimerFunctionRunner(
            function, TimerSchedule.Parse(function.Schedule, TimeZoneInfo.Utc), services.GetRequiredService<IServiceScopeFactory>(),
            clock, NullLogger<TimerFunctionRunner>.Instance);
        await runner.StartAsync(CancellationToken.None);
        return new Runner(runner, services);
    }

    /// <summary>A started runner, stopped and disposed with its services at the end of a test.</summary>
    private sealed class Runner(TimerFunctionRunner runner, ServiceProvider services) : IAsyncDisposable
    {
        public Task? ExecuteTask => runner.ExecuteTask;

        public Task StopAsync(CancellationToken ct) => runner.StopAsync(ct);

        public void Dispose() => runner.Dispose();

        public async ValueTask DisposeAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await runner.StopAsync(timeout.Token);
            runner.Dispose();
            await services.DisposeAsync();
        }
    }

    /// <summary>A fake clock that reports every timer created on it: the runner's waits.</summary>
    private sealed class WatchedClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();
        private DateTimeOffset? _due;

        public bool HasPendingWait => _due is { } due && due > GetUtcNow();

        public TimeSpan PendingWait => _due!.Value - GetUtcNow();

        public async Task<TimeSpan> NextWaitAsync() => await _waits.Reader.ReadAsync().AsTask().WaitAsync(RealTimeout);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            _due = GetUtcNow() + dueTime;
            // The timer first, then the news of it: a test that hears of the wait and advances the clock at once must
            // find the timer there to fire (told first, it could advance before the timer existed, which then never fired).
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _waits.Writer.TryWrite(dueTime);
            return timer;
        }
    }
}

/// <summary>Timer functions for the runner tests: each run is recorded with its fake time, then runs the test's body.</summary>
public sealed class TimerProbe(Func<TimerInfo, CancellationToken, Task> body, TimeProvider clock)
{
    private readonly Channel<DateTimeOffset> _runs = Channel.CreateUnbounded<DateTimeOffset>();
    private int _running;
    private int _runCount;
    private int _mostAtOnce;

    public int Runs => Volatile.Read(ref _runCount);

    public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

    public TimerInfo? LastTimer { get; private set; }

    public async Task<DateTimeOffset> NextRunAsync() =>
        await _runs.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10 * TestTimings.Slack));

    [Function("ProbeEvery10Seconds")]
    public Task ProbeEvery10Seconds([TimerTrigger("*/10 * * * * *")] TimerInfo timer, CancellationToken ct) => RunAsync(timer, ct);

    [Function("ProbeEveryMinute")]
    public Task ProbeEveryMinute([TimerTrigger("0 * * * * *", RunOnStartup = true, UseMonitor = false)] TimerInfo timer, CancellationToken ct) => RunAsync(timer, ct);

    private async Task RunAsync(TimerInfo timer, CancellationToken ct)
    {
        var now = Interlocked.Increment(ref _running);
        InterlockedMax(ref _mostAtOnce, now);
        Interlocked.Increment(ref _runCount);
        LastTimer = timer;
        _runs.Writer.TryWrite(clock.GetUtcNow());
        try
        {
            await body(timer, ct);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
