namespace GridAid.Functions.Routing;

/// <summary>Every 10 seconds: re-drive reports that were accepted but never routed.</summary>
public sealed class SweeperFunctions(StrandedReportSweeper sweeper)
{
    /// <summary>NCRONTAB with seconds, as the Functions host reads it: second 0, 10, 20, … of every minute.</summary>
    public const string Schedule = "*/10 * * * * *";

    [Function(nameof(SweepStrandedReports))]
    public Task SweepStrandedReports([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken ct) => sweeper.SweepAsync(ct);
}
