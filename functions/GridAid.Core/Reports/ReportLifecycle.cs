namespace GridAid.Core.Reports;

/// <summary>
/// The rules of a report's life. Status only moves forward; a step that was already taken is a no-op,
/// which makes every handler safe to run twice.
/// </summary>
public static class ReportLifecycle
{
    /// <summary>The result of applying a step: the new report, or null when nothing changes.</summary>
    public static Report? Routed(Report report, IReadOnlyList<string> stationIds, DateTimeOffset now)
    {
        if (report.Status >= ReportStatus.Routed && report.StationIds.Count > 0)
        {
            return null;
        }

        return report with
        {
            Status = report.Status >= ReportStatus.Routed ? report.Status : ReportStatus.Routed,
            StationIds = stationIds,
            UpdatedAt = now,
            Timeline = [.. report.Timeline, new TimelineEntry(now, ReportStatus.Routed)],
        };
    }

    /// <summary>A station acts on the report: acknowledge, start work, resolve. Earlier steps are filled forward only by the one that moves status.</summary>
    public static Report? StationStep(Report report, string stationId, ReportStatus target, DateTimeOffset now, LocalizedNote? note = null)
    {
        if (target is not (ReportStatus.Acknowledged or ReportStatus.InProgress or ReportStatus.Resolved))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "Stations acknowledge, act on or resolve.");
        }

        if (!report.StationIds.Contains(stationId, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"Report {report.TrackingCode} was not routed to station {stationId}.");
        }

        if (report.Status >= target || report.Status == ReportStatus.Closed)
        {
            return null;
        }

        return report with
        {
            Status = target,
            UpdatedAt = now,
            Timeline = [.. report.Timeline, new TimelineEntry(now, target, stationId, Text: target == ReportStatus.Resolved ? note : null)],
        };
    }

    /// <summary>
    /// A station found the lost person and is handing them over: the report is in progress (never back), with a timeline
    /// entry. Null when that station already said so or the report is resolved or closed.
    /// </summary>
    public static Report? FoundHandingOver(Report report, string stationId, DateTimeOffset now)
    {
        if (!report.StationIds.Contains(stationId, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"Report {report.TrackingCode} was not routed to station {stationId}.");
        }

        if (report.Status >= ReportStatus.Resolved || report.Timeline.Any(t => t.StationId == stationId && t.Note == TimelineNotes.FoundHandingOver))
        {
            return null;
        }

        return report with
        {
            Status = report.Status >= ReportStatus.InProgress ? report.Status : ReportStatus.InProgress,
            UpdatedAt = now,
            Timeline = [.. report.Timeline, new TimelineEntry(now, ReportStatus.InProgress, stationId, TimelineNotes.FoundHandingOver)],
        };
    }

    /// <summary>
    /// A police post checked the hand-over code the adult showed: the timeline says so, matched or refused (the status
    /// stays: a match lets the post resolve, it does not resolve by itself). Never the code itself.
    /// </summary>
    public static Report HandoverChecked(Report report, string stationId, bool matched, DateTimeOffset now) => report with
    {
        UpdatedAt = now,
        Timeline = [.. report.Timeline, new TimelineEntry(now, report.Status, stationId, matched ? TimelineNotes.HandoverMatched : TimelineNotes.HandoverRefused)],
    };

    /// <summary>How many wrong hand-over codes the report has taken.</summary>
    public static int WrongHandoverCodes(Report report) => report.Timeline.Count(t => t.Note == TimelineNotes.HandoverRefused);

    /// <summary>The area's admin resolves the report (every station stands down); null when it is already resolved or closed.</summary>
    public static Report? ResolvedByAdmin(Report report, DateTimeOffset now) =>
        report.Status >= ReportStatus.Resolved
            ? null
            : report with
            {
                Status = ReportStatus.Resolved,
                UpdatedAt = now,
                Timeline = [.. report.Timeline, new TimelineEntry(now, ReportStatus.Resolved, Note: TimelineNotes.ResolvedByAdmin)],
            };

    /// <summary>
    /// Routing failed every delivery: the area's duty station takes the report, so a human has it. Null when the duty
    /// station already has it.
    /// </summary>
    public static Report? RoutingFailed(Report report, string dutyStationId, DateTimeOffset now) =>
        report.StationIds.Contains(dutyStationId, StringComparer.Ordinal)
            ? null
            : report with
            {
                Status = report.Status >= ReportStatus.Routed ? report.Status : ReportStatus.Routed,
                StationIds = [.. report.StationIds, dutyStationId],
                UpdatedAt = now,
                Timeline = [.. report.Timeline, new TimelineEntry(now, ReportStatus.Routed, dutyStationId, TimelineNotes.RoutingFailed)],
            };

    /// <summary>
    /// Closes a report that stayed open past <see cref="RetentionPolicy.CloseOpenAfter"/>, with the reason on its
    /// timeline; null when it is already resolved or closed.
    /// </summary>
    public static Report? ClosedUnattended(Report report, DateTimeOffset now) =>
        report.Status >= ReportStatus.Resolved
            ? null
            : report with
            {
                Status = ReportStatus.Closed,
                UpdatedAt = now,
                Timeline = [.. report.Timeline, new TimelineEntry(now, ReportStatus.Closed, Note: TimelineNotes.ClosedUnattended)],
            };

    /// <summary>
    /// Widens an urgent report nobody has acknowledged to more stations. Null when someone already acknowledged
    /// it, or there is nobody left to tell: escalating twice is a no-op.
    /// </summary>
    public static Report? Escalated(Report report, IReadOnlyList<string> moreStationIds, DateTimeOffset now)
    {
        var added = moreStationIds.Where(id => !report.StationIds.Contains(id, StringComparer.Ordinal)).ToList();
        if (report.Status >= ReportStatus.Acknowledged || added.Count == 0)
        {
            return null;
        }

        return report with
        {
            StationIds = [.. report.StationIds, .. added],
            UpdatedAt = now,
            Timeline = [.. report.Timeline, new TimelineEntry(now, report.Status, Note: TimelineNotes.Escalated)],
        };
    }

    /// <summary>
    /// The second escalation tier: the command station joins the report (when it has not already) and the timeline says
    /// why (<see cref="Routing.EscalationPolicy.NoteFor"/>). Null once it is resolved or closed, or already there.
    /// </summary>
    public static Report? CommandAlerted(Report report, string? commandStationId, string note, DateTimeOffset now)
    {
        if (report.Status >= ReportStatus.Resolved || Routing.EscalationPolicy.IsCommandAlerted(report))
        {
            return null;
        }

        var stations = commandStationId is null || report.StationIds.Contains(commandStationId, StringComparer.Ordinal)
            ? report.StationIds
            : [.. report.StationIds, commandStationId];
        return report with
        {
            StationIds = stations,
            UpdatedAt = now,
            Timeline = [.. report.Timeline, new TimelineEntry(now, report.Status, commandStationId, note)],
        };
    }

    /// <summary>
    /// A station hands the report to another station of its area, with its reason (staff only: kept as the entry's text,
    /// which no public view shows, see <see cref="Replies.ReplyRules.PublicText"/>); null when that station already has it.
    /// </summary>
    public static Report? Transferred(Report report, string fromStationId, string toStationId, DateTimeOffset now, LocalizedNote? reason = null)
    {
        if (!report.StationIds.Contains(fromStationId, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"Report {report.TrackingCode} was not routed to station {fromStationId}.");
        }

        if (report.StationIds.Contains(toStationId, StringComparer.Ordinal) || report.Status >= ReportStatus.Resolved)
        {
            return null;
        }

        return report with
        {
            StationIds = [.. report.StationIds, toStationId],
            UpdatedAt = now,
            Timeline = [.. report.Timeline, new TimelineEntry(now, report.Status, fromStationId, TimelineNotes.TransferredTo + toStationId, reason)],
        };
    }
}

/// <summary>Notes on timeline entries that are not status changes.</summary>
public static class TimelineNotes
{
    public const string Escalated = "escalated";

    /// <summary>The second tier reached the command station; followed by the reason (<c>command:no_police_ack</c>, <c>command:unresolved</c>).</summary>
    public const string CommandAlerted = "command:";
    public const string Redacted = "redacted";

    /// <summary>Routing failed every delivery; the duty station took the report.</summary>
    public const string RoutingFailed = "routing_failed";

    /// <summary>Closed because it stayed open past the configured time, not because anyone resolved it.</summary>
    public const string ClosedUnattended = "closed_unattended";
    public const string TransferredTo = "transferred_to:";

    /// <summary>A station found the lost person and is taking them to a police post.</summary>
    public const string FoundHandingOver = "found_handing_over";

    /// <summary>A police post typed the reporter's one-time hand-over code, and it matched.</summary>
    public const string HandoverMatched = "handover_matched";

    /// <summary>A police post typed a hand-over code that is not the reporter's: refused.</summary>
    public const string HandoverRefused = "handover_refused";

    /// <summary>The area's admin resolved the report (no station did).</summary>
    public const string ResolvedByAdmin = "resolved_by_admin";

    /// <summary>A station confirmed the report's partner (<c>matched_with:{code}</c>; the status page says "matched", never the code).</summary>
    public const string MatchedWith = "matched_with:";

    /// <summary>A claim was checked against the owner's hidden detail (staff only: never on the status page).</summary>
    public const string ClaimMatched = "claim_matched";
    public const string ClaimNotMatched = "claim_not_matched";

    /// <summary>The item was handed to its owner; the report is resolved.</summary>
    public const string HandedOver = "handed_over";

    /// <summary>A station entered the report for a caller or a walk-in (on the first entry, with the station).</summary>
    public const string StaffEntered = "staff_entered";

    /// <summary>A found item went into a station's custody (where it is kept stays staff-only, on the custody record).</summary>
    public const string CustodyTaken = "custody_taken";

    /// <summary>The found item left custody for the police, or was disposed of.</summary>
    public const string CustodyPolice = "custody_police";
    public const string CustodyDisposed = "custody_disposed";
}
