using GridAid.Core.Directory;
using GridAid.Core.Reports;
using GridAid.Core.Security;
using GridAid.Functions.Limits;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Stations;

/// <summary>How checking a hand-over code ended.</summary>
public enum HandoverOutcome
{
    /// <summary>The code is the reporter's: recorded on the timeline; the post may hand over and resolve.</summary>
    Matched,

    /// <summary>Not the reporter's code: refused, and recorded on the timeline too.</summary>
    Wrong,

    /// <summary>Not six digits: nothing checked, nothing recorded.</summary>
    Malformed,

    /// <summary>This station has no alert of that report.</summary>
    NotFound,

    /// <summary>Only a police post checks a hand-over code.</summary>
    NotAPolicePost,

    /// <summary>The report has no hand-over code (not a lost person, or accepted before codes existed).</summary>
    NoCode,

    /// <summary>The report is resolved or closed.</summary>
    Closed,

    /// <summary>Too many wrong codes: from this station for a while (<see cref="HandoverResult.Wait"/>), or on this report for good.</summary>
    Limited,
}

public sealed record HandoverResult(HandoverOutcome Outcome, TimeSpan? Wait = null);

/// <summary>
/// A police post types the six digits the adult shows on their phone (their receipt or status page) before it hands a
/// found child over. The report's hash decides (<see cref="HandoverCode.Matches"/>); a match and a mismatch are both
/// recorded on the report's timeline, never the digits. Guessing is bounded twice: per station and report in this
/// instance (<see cref="RateLimitOptions.WrongHandoverCodes"/>), and per report in storage (after
/// <see cref="HandoverCode.MaxWrongCodes"/> wrong codes the report takes none; the admin hands over).
/// </summary>
public sealed class HandoverCheck(ReportStore reports, DirectoryCache directory, RateLimiters limits, TimeProvider clock, ILogger<HandoverCheck> logger)
{
    public async Task<HandoverResult> CheckAsync(string areaId, string stationId, string trackingCode, string? typed, CancellationToken ct)
    {
        if (await reports.FindByCodeAsync(trackingCode, ct) is not { } stored
            || stored.Report.AreaId != areaId
            || !stored.Report.StationIds.Contains(stationId, StringComparer.Ordinal)
            || (await directory.GetAsync(areaId, ct))?.FindStation(stationId) is not { } station)
        {
            return new HandoverResult(HandoverOutcome.NotFound);
        }

        var report = stored.Report;
        if (station.Type != StationType.PolicePost)
        {
            return new HandoverResult(HandoverOutcome.NotAPolicePost);
        }

        if (report.Kind != ReportKind.LostPerson || report.HandoverHash is null)
        {
            return new HandoverResult(HandoverOutcome.NoCode);
        }

        if (report.Status >= ReportStatus.Resolved)
        {
            return new HandoverResult(HandoverOutcome.Closed);
        }

        var key = $"{areaId}/{stationId}/{trackingCode}";
        if (limits.RefuseHandoverCheck(key) is { } wait)
        {
            return new HandoverResult(HandoverOutcome.Limited, wait);
        }

        if (ReportLifecycle.WrongHandoverCodes(report) >= HandoverCode.MaxWrongCodes)
        {
            return new HandoverResult(HandoverOutcome.Limited);
        }

        if (HandoverCode.Normalize(typed) is not { } code)
        {
            return new HandoverResult(HandoverOutcome.Malformed);
        }

        var matched = HandoverCode.Matches(report.HandoverHash, areaId, trackingCode, code);
        if (!matched)
        {
            limits.HandoverCodeWrong(key);
        }

        var now = clock.GetUtcNow();
        var update = await reports.UpdateAsync(areaId, stored.Key, r =>
            !matched && ReportLifecycle.WrongHandoverCodes(r) >= HandoverCode.MaxWrongCodes ? null : ReportLifecycle.HandoverChecked(r, stationId, matched, now), ct, stored);
        if (update is not { Changed: true })
        {
            return new HandoverResult(HandoverOutcome.Limited);
        }

        logger.LogInformation("Station {StationId} checked the hand-over code of report {TrackingCode}: {Outcome}", stationId, trackingCode, matched ? "matched" : "wrong");
        return new HandoverResult(matched ? HandoverOutcome.Matched : HandoverOutcome.Wrong);
    }
}
