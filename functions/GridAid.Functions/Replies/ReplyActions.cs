using GridAid.Core.Alerts;
using GridAid.Core.Duplicates;
using GridAid.Core.Replies;
using GridAid.Core.Reports;
using GridAid.Functions.Retention;
using GridAid.Infrastructure.Events;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Replies;

/// <summary>How posting a reply ended.</summary>
public enum ReplyOutcome
{
    Posted,

    /// <summary>No such report in the caller's area, or the caller is neither a station it reached nor the admin.</summary>
    NotFound,

    /// <summary>No canned reply of that id for the report's kind.</summary>
    UnknownCanned,

    /// <summary>The report already holds <see cref="ReplyRules.MaxPerReport"/> replies and notes.</summary>
    Full,

    /// <summary>The report was merged into another: replies go there.</summary>
    Merged,
}

public sealed record ReplyResult(ReplyOutcome Outcome, IReadOnlyList<AlertReply>? Replies = null, string? MergedInto = null);

public sealed record MergeResult(MergeRefusal? Refusal, string? Original = null, string? Duplicate = null);

/// <summary>
/// A station's (or the admin's) replies and notes on a report, and merging a duplicate into its original. The report's
/// timeline is the record (an ETag-conditional write); then every alert of the report gets the same list of replies and
/// notes in one transaction with every station's inbox version, so every station holding it sees them on its next poll.
/// No event and no channel message carries them.
/// </summary>
public sealed class ReplyActions(
    ReportStore reports,
    AlertStore alerts,
    CannedReplyStore canned,
    ResolvedReportRedaction retention,
    IAlertPublisher publisher,
    TimeProvider clock,
    ILogger<ReplyActions> logger)
{
    /// <summary>
    /// Posts <paramref name="text"/> (already cleaned and checked) or the canned reply <paramref name="cannedId"/> (a public
    /// reply in the reporter's language) on the report, as <paramref name="by"/>.
    /// </summary>
    public async Task<ReplyResult> PostAsync(
        string areaId, string by, bool isAdmin, string trackingCode, ReplyVisibility visibility, string? text, string? lang, string? cannedId, CancellationToken ct)
    {
        var stored = await reports.FindByCodeAsync(trackingCode, ct);
        if (stored is null || stored.Report.AreaId != areaId || !ReplyRules.MayPost(stored.Report, by, isAdmin))
        {
            return new ReplyResult(ReplyOutcome.NotFound);
        }

        if (stored.Report.MergedInto is { } into)
        {
            return new ReplyResult(ReplyOutcome.Merged, MergedInto: into);
        }

        LocalizedNote words;
        if (cannedId is not null)
        {
            if (CannedReplies.Find(CannedReplies.OrDefaults(await canned.GetAsync(areaId, ct)), stored.Report.Kind, cannedId) is not { } reply)
            {
                return new ReplyResult(ReplyOutcome.UnknownCanned);
            }

            words = CannedReplies.ForReporter(reply, stored.Report.Lang);
            visibility = ReplyVisibility.Public;
        }
        else
        {
            words = ReplyRules.InLanguage(text!, lang);
        }

        if (ReplyRules.IsFull(stored.Report))
        {
            return new ReplyResult(ReplyOutcome.Full);
        }

        var now = clock.GetUtcNow();
        var update = await reports.UpdateAsync(areaId, stored.Key, r => ReplyRules.Posted(r, by, visibility, words, now), ct, stored)
            ?? throw new InvalidOperationException($"Report {trackingCode} went missing.");
        var view = await ShareAsync(update.Report, stored.Key, ct);
        logger.LogInformation("{By} posted a {Visibility} reply on report {TrackingCode}", by, visibility, trackingCode);
        return new ReplyResult(ReplyOutcome.Posted, view);
    }

    /// <summary>Every alert of the report with the report's replies and notes (those already showing them are left as they are).</summary>
    private async Task<IReadOnlyList<AlertReply>> ShareAsync(Report report, string key, CancellationToken ct)
    {
        var view = ReplyRules.StaffView(report);
        await alerts.UpdateAllAsync(report.AreaId, key, report.StationIds, all =>
            [.. all.Where(a => !a.Replies.SequenceEqual(view)).Select(a => a with { Replies = view })], ct);
        return view;
    }

    /// <summary>
    /// Merges <paramref name="duplicateCode"/> into <paramref name="originalCode"/> as <paramref name="by"/> (a station that
    /// has either, or the admin): the original first (it lists the duplicate), then the duplicate (it points at the
    /// original and is resolved: its stations stand down), then both reports' alerts. A repeat changes nothing; a retry
    /// finishes a merge that stopped half-way.
    /// </summary>
    public async Task<MergeResult> MergeAsync(string areaId, string by, bool isAdmin, string duplicateCode, string originalCode, CancellationToken ct)
    {
        var dup = await reports.FindByCodeAsync(duplicateCode, ct);
        var orig = await reports.FindByCodeAsync(originalCode, ct);
        if (dup is null || orig is null || dup.Report.AreaId != areaId || orig.Report.AreaId != areaId)
        {
            return new MergeResult(MergeRefusal.NotFound);
        }

        // Into the report the original itself was merged into, if it was (one level: a root is never merged).
        if (orig.Report.MergedInto is { } root && await reports.FindByCodeAsync(root, ct) is { } rooted && rooted.Report.AreaId == areaId)
        {
            orig = rooted;
        }

        if (DuplicateRules.Check(dup.Report, orig.Report, by, isAdmin) is { } refusal)
        {
            return new MergeResult(refusal);
        }

        var now = clock.GetUtcNow();
        var original = (await reports.UpdateAsync(areaId, orig.Key, r => DuplicateRules.MergeOriginal(r, dup.Report.TrackingCode, by, now), ct, orig))!.Report;
        if (dup.Report.Status < ReportStatus.Resolved)
        {
            await retention.ScheduleAsync(dup.Report, dup.Key, ct);
        }

        var duplicate = (await reports.UpdateAsync(areaId, dup.Key, r => DuplicateRules.MergeDuplicate(r, original.TrackingCode, by, now), ct, dup))!.Report;
        var resolver = isAdmin ? SharedSearch.Admin : by;
        var stoodDown = new List<Alert>();
        await alerts.UpdateAllAsync(areaId, dup.Key, duplicate.StationIds, all =>
        {
            stoodDown = [.. all.Where(a => a.IsOpen)];
            return [.. all.Select(a => (Before: a, After: (a.Resolve(resolver, now) ?? a) with { MergedInto = original.TrackingCode }))
                .Where(p => p.After != p.Before).Select(p => p.After)];
        }, ct);
        await alerts.UpdateAllAsync(areaId, orig.Key, original.StationIds, all =>
            [.. all.Where(a => !a.Merged.SequenceEqual(original.Merged)).Select(a => a with { Merged = original.Merged })], ct);
        // The duplicate's stand-downs go out as any resolve's do (events, then the stations' channels); best effort.
        if (stoodDown.Count > 0)
        {
            await publisher.PublishStepAsync([.. stoodDown.Select(a => a.Resolve(resolver, now) ?? a)], AlertStep.Resolved, ct);
        }
        logger.LogInformation("{By} merged report {Duplicate} into {Original}", by, duplicate.TrackingCode, original.TrackingCode);
        return new MergeResult(null, original.TrackingCode, duplicate.TrackingCode);
    }
}
