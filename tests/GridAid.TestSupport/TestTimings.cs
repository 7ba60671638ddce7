using System.Globalization;
using GridAid.LocalHost.Functions;

namespace GridAid.TestSupport;

/// <summary>
/// Every time the tests configure or wait for, in one place. The delays set here are given to the host
/// (<see cref="HostConfiguration"/>); the queue settings are read from the host.json the local host reads; every wait
/// is derived from them plus an allowance for the work in between, generous enough for a loaded 2-core CI runner.
/// Waits poll for their effect (<see cref="Eventually"/>), so a generous bound costs nothing while tests pass.
/// </summary>
public static class TestTimings
{
    /// <summary>How much slower than an idle machine the runner may be: 2 cores shared with a build and another suite.</summary>
    public const int Slack = 10;

    /// <summary>One step of work on an idle machine: an HTTP request, one function run or one page update (a few Azurite round trips).</summary>
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    /// <summary>When the integration host escalates an unacknowledged lost person (<c>GridAid:Escalation:LostPersonAfter</c>).</summary>
    public static readonly TimeSpan LostPersonEscalation = TimeSpan.FromSeconds(1);

    /// <summary>When the integration host escalates an unacknowledged hazard (<c>GridAid:Escalation:HazardAfter</c>).</summary>
    public static readonly TimeSpan HazardEscalation = TimeSpan.FromSeconds(5);

    /// <summary>How long the integration host keeps personal data of a resolved report (<c>GridAid:Retention:KeepResolvedFor</c>).</summary>
    public static readonly TimeSpan KeepResolvedFor = TimeSpan.FromSeconds(2);

    /// <summary>How long a failed critical inspection item may take to be put right in the integration host (<c>GridAid:Rectifications:CriticalWithin</c>); major and minor ones keep their days.</summary>
    public static readonly TimeSpan CriticalRectification = TimeSpan.FromSeconds(3);

    /// <summary>host.json's queue settings, from the copy next to the local host (HostParityTests: the Function app's file).</summary>
    public static QueueSettings Queues { get; } = HostSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json")).Queues;

    /// <summary>The settings that give the host the delays above.</summary>
    public static IReadOnlyDictionary<string, string?> HostConfiguration { get; } = new Dictionary<string, string?>
    {
        ["GridAid:Escalation:LostPersonAfter"] = Setting(LostPersonEscalation),
        ["GridAid:Escalation:HazardAfter"] = Setting(HazardEscalation),
        ["GridAid:Retention:KeepResolvedFor"] = Setting(KeepResolvedFor),
        ["GridAid:Rectifications:CriticalWithin"] = Setting(CriticalRectification),
        // Channels to the tests' own receivers on loopback (docs/channels.md; off by default).
        ["GridAid:Channels:AllowPrivateTargets"] = "true",
    };

    /// <summary>
    /// One queue delivery: an idle listener polls at most every <c>maxPollingInterval</c>, a failed message is visible
    /// again after <c>visibilityTimeout</c>, then the function runs (a step).
    /// </summary>
    public static TimeSpan Delivery => Queues.MaxPollingInterval + Queues.VisibilityTimeout + Step;

    /// <summary>An upper bound for <paramref name="steps"/> steps of work and <paramref name="deliveries"/> queue deliveries.</summary>
    public static TimeSpan Work(int steps = 0, int deliveries = 0) => Slack * ((steps * Step) + (deliveries * Delivery));

    /// <summary>A new report's alert is in a station's inbox: the intake message is delivered to routing, and the inbox is read.</summary>
    public static TimeSpan Alert => Work(steps: 1, deliveries: 1);

    /// <summary>
    /// A scheduled check's effect is visible: the scheduling delivery (routing, or the resolve's own step), then
    /// <paramref name="delay"/> of plain wall-clock time (a hidden queue message; no slower on a loaded machine),
    /// the check's delivery, and a read.
    /// </summary>
    public static TimeSpan AfterScheduledCheck(TimeSpan delay) => delay + Work(steps: 1, deliveries: 2);

    /// <summary>How often the sweeper's timer runs (<c>SweeperFunctions.Schedule</c>, every 10 s).</summary>
    public static readonly TimeSpan SweepPeriod = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A sweep's effect is visible: the report was routed (a delivery), <paramref name="delay"/> of wall-clock time passed,
    /// the next sweep came (at most <see cref="SweepPeriod"/> later), did its steps, and a read saw it.
    /// </summary>
    public static TimeSpan AfterSweep(TimeSpan delay) => delay + SweepPeriod + Work(steps: 2, deliveries: 1);

    /// <summary>
    /// A message that always fails is in the poison queue: <c>maxDequeueCount</c> deliveries, then one more step to
    /// move it.
    /// </summary>
    public static TimeSpan Poisoned() => Work(steps: 1, deliveries: Queues.MaxDequeueCount);

    /// <summary>A message in a poison queue is recorded: the sweeper's next run (at most <see cref="SweepPeriod"/> away) takes and records it.</summary>
    public static TimeSpan PoisonSwept => SweepPeriod + Work(steps: 2);

    /// <summary>A message that always fails is poisoned, then recorded by the sweeper's timer (<see cref="PoisonSwept"/>).</summary>
    public static TimeSpan PoisonedAndRecorded => Poisoned() + PoisonSwept;

    private static string Setting(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
