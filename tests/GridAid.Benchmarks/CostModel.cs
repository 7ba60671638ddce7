namespace GridAid.Benchmarks;

/// <summary>
/// Cost per million reports from the measured operation counts and Azure list prices (USD, pay-as-you-go, East US).
/// The prices are the published list prices as known in mid-2025; this machine cannot browse, so verify them on the
/// pages named before quoting. Free grants are left out (they do not scale with reports).
/// </summary>
public static class CostModel
{
    public const string PriceDate = "list prices as of mid-2025 (not re-checked at run time; verify before quoting)";

    private const string FunctionsPage = "https://azure.microsoft.com/en-us/pricing/details/functions/";
    private const string QueuesPage = "https://azure.microsoft.com/en-us/pricing/details/storage/queues/";
    private const string TablesPage = "https://azure.microsoft.com/en-us/pricing/details/storage/tables/";
    private const string EventGridPage = "https://azure.microsoft.com/en-us/pricing/details/event-grid/";

    public static readonly PriceItem FlexOnDemandGbSecond = new("Flex Consumption on-demand execution time", 0.000026, "per GB-s", FunctionsPage);
    public static readonly PriceItem FlexExecutions = new("Flex Consumption executions", 0.40, "per million executions", FunctionsPage);
    public static readonly PriceItem FlexAlwaysReadyBaseline = new("Flex Consumption always-ready baseline", 0.000004, "per GB-s provisioned", FunctionsPage);
    public static readonly PriceItem FlexAlwaysReadyExecution = new("Flex Consumption always-ready execution time", 0.000016, "per GB-s", FunctionsPage);
    public static readonly PriceItem QueueClass1 = new("Queue Storage (GPv2, LRS) class 1: PutMessage, DeleteMessage, UpdateMessage", 0.004, "per 10,000", QueuesPage);
    public static readonly PriceItem QueueClass2 = new("Queue Storage (GPv2, LRS) class 2: GetMessages, PeekMessages", 0.004, "per 10,000", QueuesPage);
    public static readonly PriceItem TableTransactions = new("Table Storage (LRS) transactions", 0.00036, "per 10,000", TablesPage);
    public static readonly PriceItem EventGridOperations = new("Event Grid basic operations (publish, each delivery attempt)", 0.60, "per million", EventGridPage);

    /// <summary>Memory of one Flex Consumption instance (the default size; 512 MB and 4096 MB are the others).</summary>
    public const double InstanceGb = 2.0;

    private const double SecondsPerMonth = 30 * 24 * 3600;

    private const double HoursPerMonth = 30 * 24;

    /// <summary>
    /// Flex Consumption bills an instance's activity for at least this long, then in 100 ms steps ("The minimum billable
    /// execution period for both execution modes is 1,000 ms", Flex Consumption plan, Billing:
    /// https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan#billing). An idle app's timer run is alone on
    /// its instance, so each run is billed this minimum.
    /// </summary>
    public const double MinimumBillableSeconds = 1.0;

    /// <summary>
    /// What an idle instance's storage requests cost a month: queue receives (class 2; the listeners' polls and the
    /// sweeper's poison receives) and table transactions (the sweeper's queries). The goal is ≤ USD 2 a month.
    /// </summary>
    public static double IdleStorageUsdPerMonth(double queueRequestsPerHour, double tableRequestsPerHour) =>
        Math.Round((queueRequestsPerHour * HoursPerMonth / 10_000 * QueueClass2.Usd) + (tableRequestsPerHour * HoursPerMonth / 10_000 * TableTransactions.Usd), 2);

    private static string Interval(TimeSpan t) => t < TimeSpan.FromSeconds(1) ? $"{t.TotalMilliseconds:F0} ms" : $"{t.TotalSeconds:0.###} s";

    public static CostResult Compute(OpsResult ops, double intakeSeconds, double routerSeconds, TimeSpan maxPollingInterval)
    {
        const double million = 1_000_000;
        var gbSeconds = (intakeSeconds + routerSeconds) * InstanceGb;
        var lines = new List<CostLine>
        {
            new("Function executions (intake HTTP + router queue)", 2, "executions", 2 * FlexExecutions.Usd),
            new($"Execution time, {InstanceGb:F0} GB instance, no overlap (upper bound)", Math.Round(gbSeconds, 4), "GB-s", gbSeconds * million * FlexOnDemandGbSecond.Usd),
            new("Table transactions", ops.TableOpsPerReport, "transactions", ops.TableOpsPerReport * 100 * TableTransactions.Usd),
            new("Queue class 1 (send, delete)", ops.QueueWriteOpsPerReport, "operations", ops.QueueWriteOpsPerReport * 100 * QueueClass1.Usd),
            new("Queue class 2 (receives that returned the message)", ops.QueueReadOpsPerReport, "operations", ops.QueueReadOpsPerReport * 100 * QueueClass2.Usd),
            new("Event Grid: publish + one subscription's delivery per alert", 2 * ops.EventGridEventsPerReport, "operations", 2 * ops.EventGridEventsPerReport * EventGridOperations.Usd),
        };
        lines = lines.Select(l => l with { UsdPerMillionReports = Math.Round(l.UsdPerMillionReports, 3) }).ToList();

        var pollsPerMonth = ops.IdlePollsPerSecond * SecondsPerMonth;
        var defaultPollsPerMonth = SecondsPerMonth / 60;
        var idle = new List<IdleCostLine>
        {
            new($"Idle polling at maxPollingInterval {Interval(maxPollingInterval)}, {ops.IdlePollsPerSecondByQueue.Count} queue(s): {ops.IdlePollsPerSecond:F1} receives/s measured just after the reports (the listeners backing off; the sweeper mode's idle window is the steady state), per running instance",
                Math.Round(pollsPerMonth), "GetMessages", Math.Round(pollsPerMonth / 10_000 * QueueClass2.Usd, 2)),
            new($"Idle polling at the Functions default maxPollingInterval 1 min, {Math.Max(1, ops.IdlePollsPerSecondByQueue.Count)} queue(s), per running instance",
                Math.Round(defaultPollsPerMonth * Math.Max(1, ops.IdlePollsPerSecondByQueue.Count)), "GetMessages", Math.Round(defaultPollsPerMonth * Math.Max(1, ops.IdlePollsPerSecondByQueue.Count) / 10_000 * QueueClass2.Usd, 3)),
            new("One always-ready instance, 2048 MB (baseline only)", Math.Round(2.0 * SecondsPerMonth), "GB-s", Math.Round(2.0 * SecondsPerMonth * FlexAlwaysReadyBaseline.Usd, 2)),
            new("One always-ready instance, 512 MB (baseline only)", Math.Round(0.5 * SecondsPerMonth), "GB-s", Math.Round(0.5 * SecondsPerMonth * FlexAlwaysReadyBaseline.Usd, 2)),
        };

        return new CostResult(
            PriceDate,
            [FlexOnDemandGbSecond, FlexExecutions, FlexAlwaysReadyBaseline, FlexAlwaysReadyExecution, QueueClass1, QueueClass2, TableTransactions, EventGridOperations],
            lines,
            Math.Round(lines.Sum(l => l.UsdPerMillionReports), 2),
            idle,
            $"Per report: {ops.TableOpsPerReport} table transactions, {ops.QueueWriteOpsPerReport} queue writes, {ops.QueueReadOpsPerReport} queue receives, " +
            $"{ops.EventGridEventsPerReport} alert events (kind mix: every kind equally), measured over {ops.Reports} reports. Execution time: intake {intakeSeconds * 1000:F0} ms " +
            $"(p50 HTTP latency at 20/s) + router {routerSeconds * 1000:F0} ms (estimated as the same three storage calls plus a publish), billed at {InstanceGb} GB without " +
            "overlap — an upper bound, since one instance runs many executions at once. Free grants (on-demand: 100,000 GB-s and 250,000 executions a month) left out. " +
            "Idle costs are per month (30 days) and do not depend on reports.");
    }

    /// <summary>
    /// The sweeper's monthly cost with the app idle (30 days), from its measured storage requests per hour and its
    /// runs per hour, and, apart, the idle queue polling measured in the same window.
    /// </summary>
    public static (IReadOnlyList<IdleCostLine> Lines, double SweeperUsdPerMonth, string Assumptions) Sweeper(
        double tableOpsPerHour, double queueOpsPerHour, double runsPerHour, double idlePollsPerHour, int polledQueues, TimeSpan maxPollingInterval)
    {
        var runs = runsPerHour * HoursPerMonth;
        var tables = tableOpsPerHour * HoursPerMonth;
        var queues = queueOpsPerHour * HoursPerMonth;
        var gbSeconds = runs * MinimumBillableSeconds * InstanceGb;
        var sweeper = new List<IdleCostLine>
        {
            new("Sweeper: table transactions (list areas; read each area's still-received index and its open index past the closing cut-off)", Math.Round(tables), "transactions", tables / 10_000 * TableTransactions.Usd),
            new("Sweeper: queue requests (one receive per poison queue and sweep; re-drives, none while idle)", Math.Round(queues), "operations", queues / 10_000 * QueueClass2.Usd),
            new("Sweeper: executions (one every 10 s)", Math.Round(runs), "executions", runs / 1_000_000 * FlexExecutions.Usd),
            new($"Sweeper: execution time, on demand, {InstanceGb:F0} GB instance, {MinimumBillableSeconds * 1000:F0} ms minimum per run", Math.Round(gbSeconds), "GB-s", gbSeconds * FlexOnDemandGbSecond.Usd),
        };
        var total = sweeper.Sum(l => l.UsdPerMonth);
        var others = new List<IdleCostLine>
        {
            new("(instead) Sweeper execution time on an always-ready 2 GB instance", Math.Round(gbSeconds), "GB-s", gbSeconds * FlexAlwaysReadyExecution.Usd),
            new("(instead) Sweeper execution time, on demand, 512 MB instance", Math.Round(runs * MinimumBillableSeconds * 0.5), "GB-s", runs * MinimumBillableSeconds * 0.5 * FlexOnDemandGbSecond.Usd),
            new($"(not the sweeper) Idle queue polling, {polledQueues} queues backing off to {Interval(maxPollingInterval)}, same window, per running instance", Math.Round(idlePollsPerHour * HoursPerMonth), "GetMessages", idlePollsPerHour * HoursPerMonth / 10_000 * QueueClass2.Usd),
        };
        var lines = sweeper.Concat(others).Select(l => l with { UsdPerMonth = Math.Round(l.UsdPerMonth, 3) }).ToList();
        var assumptions =
            $"Prices: {TableTransactions.Item} ${TableTransactions.Usd} {TableTransactions.Unit}; {QueueClass1.Item} ${QueueClass1.Usd} {QueueClass1.Unit}; " +
            $"{QueueClass2.Item} ${QueueClass2.Usd} {QueueClass2.Unit}; {FlexExecutions.Item} ${FlexExecutions.Usd} {FlexExecutions.Unit}; " +
            $"{FlexOnDemandGbSecond.Item} ${FlexOnDemandGbSecond.Usd} {FlexOnDemandGbSecond.Unit}; {FlexAlwaysReadyExecution.Item} ${FlexAlwaysReadyExecution.Usd} {FlexAlwaysReadyExecution.Unit} " +
            $"({PriceDate}). A sweep takes milliseconds, but Flex Consumption bills an instance's activity for at least {MinimumBillableSeconds * 1000:F0} ms, so the " +
            "execution time is that minimum per run. Free grants (on demand: 100,000 GB-s and 250,000 executions a month) left out. 30-day month.";
        return (lines, Math.Round(total, 3), assumptions);
    }
}
