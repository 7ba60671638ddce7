namespace GridAid.Benchmarks;

/// <summary>Everything one run measured; written as JSON and rendered as markdown. A skipped mode leaves its section null.</summary>
public sealed class BenchmarkResults
{
    public required MachineInfo Machine { get; init; }

    public required string Command { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public double TotalSeconds { get; set; }

    public bool Quick { get; init; }

    public required IReadOnlyList<string> Modes { get; init; }

    public string? Target { get; init; }

    public CeilingResult? Ceiling { get; set; }

    public IntakeResult? Intake { get; set; }

    public TapResult? Tap { get; set; }

    public OpsResult? Ops { get; set; }

    public ColdStartResult? ColdStart { get; set; }

    public WeightResult? Weight { get; set; }

    public CostResult? Cost { get; set; }

    public FloodResult? Flood { get; set; }

    public AreasResult? Areas { get; set; }

    public RestartResult? Restart { get; set; }

    public SweeperResult? Sweeper { get; set; }

    public DashboardResult? Dashboard { get; set; }

    public EmulatorResult? Emulator { get; set; }

    public ChannelResult? Channel { get; set; }

    public List<TargetResult> Targets { get; } = [];

    public List<string> Notes { get; } = [];
}

public sealed record MachineInfo(int Cores, string Cpu, double MemoryGb, string Os, string Dotnet, string Azurite, string HostJsonQueues);

public sealed record CeilingResult(int Concurrency, double DurationSeconds, double QueueSendsPerSecond, double TableUpsertsPerSecond, double IntakeSequencesPerSecond, long Errors);

public sealed record RateRow(double OfferedPerSecond, int Sent, int Accepted, double AcceptedPerSecond, int Errors, Percentiles LatencyMs);

public sealed record ClosedLoopRow(int Concurrency, double DurationSeconds, int Accepted, double AcceptedPerSecond, int Errors, Percentiles LatencyMs);

public sealed record IntakeResult(
    IReadOnlyList<RateRow> OpenLoop,
    ClosedLoopRow ClosedLoop,
    double? RatioToQueueSendCeiling,
    double? RatioToIntakeSequenceCeiling,
    EmulatorState? EmulatorAtClosedLoop = null);

/// <summary>Messages the app's queues held in the emulator, and how long its receive on an empty queue then took.</summary>
public sealed record EmulatorState(long MessagesHeld, Percentiles EmptyReceiveMs);

/// <summary>A receive on an empty queue of a fresh emulator while another queue holds <paramref name="InvisibleMessages"/>.</summary>
public sealed record HeldStep(int InvisibleMessages, Percentiles EmptyReceiveMs);

public sealed record EmulatorResult(IReadOnlyList<HeldStep> Steps);

public sealed record KindLatency(string Kind, int Reports, int ExpectedAlerts, Percentiles InboxMs, Percentiles EventMs, int MissingInbox, int MissingEvents);

public sealed record FloorResult(double RatePerSecond, double PollIntervalMs, int TableWrites, Percentiles LatencyMs);

public sealed record TapResult(
    double RatePerSecond,
    double DurationSeconds,
    int Submitted,
    int Accepted,
    int ExpectedAlerts,
    double InboxProbeIntervalMs,
    int InboxProbeSize,
    Percentiles InboxMs,
    Percentiles EventMs,
    IReadOnlyList<KindLatency> ByKind,
    FloorResult Floor,
    double? InboxP99ToFloorP99,
    double? EventP99ToFloorP99);

public sealed record OpRow(string Step, string Operation, long Count, double PerReport);

public sealed record OpsResult(
    int Reports,
    double RatePerSecond,
    IReadOnlyList<OpRow> Rows,
    IReadOnlyDictionary<string, double> PerReportByStep,
    double StorageOpsPerReport,
    double TableOpsPerReport,
    double QueueWriteOpsPerReport,
    double QueueReadOpsPerReport,
    double EventGridEventsPerReport,
    double IdlePollsPerSecond,
    IReadOnlyDictionary<string, double> IdlePollsPerSecondByQueue,
    IReadOnlyDictionary<string, double> RouterStationsPerKind);

public sealed record ColdStartResult(IReadOnlyList<double> FirstResponseMs, IReadOnlyList<double> First202Ms, double MedianFirst202Ms, string Command);

public sealed record WeightRow(string Url, int Status, string? ContentType, string? ContentEncoding, long TransferredBytes, long DecodedBytes);

public sealed record WeightResult(string Page, IReadOnlyList<WeightRow> Resources, long TransferredBytes, long DecodedBytes, string? Note);

public sealed record PriceItem(string Item, double Usd, string Unit, string Source);

public sealed record CostLine(string Item, double QuantityPerReport, string Unit, double UsdPerMillionReports);

public sealed record IdleCostLine(string Item, double QuantityPerMonth, string Unit, double UsdPerMonth);

public sealed record CostResult(
    string PriceDate,
    IReadOnlyList<PriceItem> Prices,
    IReadOnlyList<CostLine> Lines,
    double UsdPerMillionReports,
    IReadOnlyList<IdleCostLine> Idle,
    string Assumptions);

public sealed record TargetResult(string Target, string Measured, bool? Met, string Comment);

/// <summary>
/// One lost-person report: milliseconds from its submit to its 202 (<paramref name="AcceptedMs"/>), to the first and to
/// the last of its target stations' Event Grid events (<paramref name="RoutedMs"/>: tap → routed; null when some never came).
/// </summary>
public sealed record UrgentSample(string Point, string? TrackingCode, int Stations, double AcceptedMs, double? FirstStationMs, double? RoutedMs);

/// <summary>Lost-person reports of one phase: tap → 202, tap → routed (every station), and 202 → routed (the lane alone).</summary>
public sealed record UrgentLatency(int Reports, int Missing, Percentiles AcceptedMs, Percentiles RoutedMs, Percentiles AfterAcceptMs);

public sealed record FloodResult(
    int Clients,
    double FloodSeconds,
    int TipsSent,
    int TipsAccepted,
    double TipsAcceptedPerSecond,
    IReadOnlyDictionary<string, int> TipAnswers,
    Percentiles TipAcceptedMs,
    long IntakeBacklogAtEnd,
    double UrgentIntervalSeconds,
    UrgentLatency Idle,
    UrgentLatency Flood,
    IReadOnlyList<UrgentSample> IdleSamples,
    IReadOnlyList<UrgentSample> FloodSamples,
    double? RoutedP50Ratio,
    double? RoutedMaxRatio,
    double? AfterAcceptP50Ratio,
    double? AfterAcceptMaxRatio,
    Percentiles StorageCallIdleMs,
    Percentiles StorageCallFloodMs,
    int StorageCallsFailed,
    int SweeperRedrives,
    EmulatorState EmulatorAtFlood);

public sealed record RestartResult(
    int Reports,
    int Clients,
    double KillAtSeconds,
    int AcceptedBeforeKill,
    int StrandedAccepted,
    int StrandedInStorage,
    double DownSeconds,
    double HealthySeconds,
    int Accepted,
    int Unrouted,
    double? MaxRoutedAfterRestartSeconds,
    double? MaxRoutedAfterHealthySeconds,
    Percentiles StrandedRoutedAfterRestartMs,
    IReadOnlyDictionary<string, int> StrandedRoutedWithin,
    int SweeperRedrives,
    double PollIntervalMs,
    string Answers,
    int TransportRetries,
    IReadOnlyList<string> Problems,
    string Command);

public sealed record SweeperOpRow(string Operation, long Count, double PerSweep, double PerHour);

public sealed record SweeperResult(
    bool Idle,
    double WindowSeconds,
    int Areas,
    long Sweeps,
    long Ops,
    IReadOnlyList<SweeperOpRow> Rows,
    double OpsPerSweep,
    double SweepsPerHour,
    double OpsPerHour,
    Percentiles SweepStorageMs,
    double IdlePollsPerHour,
    IReadOnlyDictionary<string, double> IdlePollsPerHourByQueue,
    IReadOnlyList<IdleCostLine> Monthly,
    double SweeperUsdPerMonth,
    string Assumptions,
    double MaxPollingIntervalSeconds,
    double IdleStorageRequestsPerHour,
    double IdleStorageUsdPerMonth);

/// <summary>
/// Several areas at once: the lost persons of the other areas, alone (idle) and while one area (Taishan) is flooded
/// with tips, timed tap → every station's event.
/// </summary>
public sealed record AreasResult(
    int Areas,
    string FloodedArea,
    IReadOnlyList<string> OtherAreas,
    int Clients,
    double FloodSeconds,
    int TipsAccepted,
    double TipsAcceptedPerSecond,
    UrgentLatency Alone,
    UrgentLatency DuringFlood,
    double? RoutedP50Ratio,
    double? RoutedP99Ratio,
    IReadOnlyList<UrgentSample> AloneSamples,
    IReadOnlyList<UrgentSample> FloodSamples);

public sealed record DashboardQueryRow(string Query, Percentiles LatencyMs);

public sealed record DashboardResult(int Reports, int Facts, int RollupRowsForTheYear, double SeedSeconds, IReadOnlyList<DashboardQueryRow> Queries);
