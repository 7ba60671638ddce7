using GridAid.Core.Reports;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Storage;

namespace GridAid.Functions.Lanes;

/// <summary>
/// Keeps a lost person ahead of a flood of other reports on one instance. Storage is shared by both lanes, and its
/// answers slow down with the number of requests in flight, so the other kinds get a few slots (<see cref="LaneOptions"/>)
/// for taking reports in and for routing them; their excess waits in this instance (the tap gets a slower 202, the queue
/// message its turn) instead of in storage, where a lost person would wait behind it. The urgent lane is the one the
/// report's queue says (<see cref="IntakeQueueSender.QueueFor"/>): one definition of "urgent" for both.
/// </summary>
public sealed class UrgentFirst
{
    private readonly LaneOptions _lanes;
    private readonly Lane _intake;
    private readonly Lane _routing;

    public UrgentFirst(IOptions<GridAidOptions> options)
    {
        options.Value.Lanes.Validate();
        _lanes = options.Value.Lanes;
        _intake = new Lane(options.Value.Lanes.OtherIntakeSlots);
        _routing = new Lane(options.Value.Lanes.OtherRoutingSlots);
    }

    public static bool IsUrgent(ReportKind kind) => IntakeQueueSender.QueueFor(kind) == QueueNames.Urgent;

    /// <summary>
    /// An intake slot for a report of this kind (none needed for a lost person). Throws <see cref="TimeoutException"/>
    /// (which the intake answers as "busy, sent again shortly") when none frees up within <see cref="LaneOptions.OtherIntakeWait"/>.
    /// </summary>
    public async Task<IDisposable> EnterIntakeAsync(ReportKind kind, CancellationToken ct) =>
        IsUrgent(kind)
            ? Lane.Free
            : await _intake.EnterAsync(_lanes.OtherIntakeWait, ct)
              ?? throw new TimeoutException($"No intake slot for a {kind.ToWire()} report within {_lanes.OtherIntakeWait.TotalSeconds} s.");

    /// <summary>A routing slot for a report of this kind, waited for as long as the delivery lasts (none needed for a lost person).</summary>
    public async Task<IDisposable> EnterRoutingAsync(ReportKind kind, CancellationToken ct) =>
        IsUrgent(kind) ? Lane.Free : await _routing.EnterAsync(Timeout.InfiniteTimeSpan, ct) ?? Lane.Free;

    /// <summary>How many reports of the other kinds are in intake and in routing right now, for the benchmark and the tests.</summary>
    public (int Intake, int Routing) InUse => (_intake.InUse, _routing.InUse);

    private sealed class Lane(int slots)
    {
        public static readonly IDisposable Free = new Slot(null);

        private readonly SemaphoreSlim? _slots = slots > 0 ? new SemaphoreSlim(slots, slots) : null;

        public int InUse => _slots is null ? 0 : slots - _slots.CurrentCount;

        /// <summary>A slot, or null when none came within <paramref name="wait"/>.</summary>
        public async Task<IDisposable?> EnterAsync(TimeSpan wait, CancellationToken ct) =>
            _slots is null ? Free : await _slots.WaitAsync(wait, ct) ? new Slot(_slots) : null;
    }

    private sealed class Slot(SemaphoreSlim? slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (slots is not null && Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
