using GridAid.Core.Figures;
using GridAid.Core.Reports;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Figures;

/// <summary>How a feedback submit ended.</summary>
public enum FeedbackOutcome
{
    Saved,

    /// <summary>The report had feedback already: the first one stays (<see cref="FeedbackResult.Feedback"/>).</summary>
    AlreadyGiven,
    NotFound,
    Invalid,
    NotResolved,
}

public sealed record FeedbackResult(FeedbackOutcome Outcome, StoredFeedback? Feedback = null);

/// <summary>
/// The reporter's stars and comment on a resolved report (the tracking code is the capability: whoever holds it is
/// the reporter), once per report, kept on the station that resolved it and counted in its figures. The row is
/// inserted first and never overwritten; the figure fact follows, recorded again on a repeat so a crash in between
/// still counts it once. A comment given after the report's personal data was redacted is not kept (the stars are).
/// </summary>
public sealed class Feedbacks(ReportStore reports, FeedbackStore store, IFigureRecorder figures, TimeProvider clock, ILogger<Feedbacks> logger)
{
    public async Task<FeedbackResult> GiveAsync(string trackingCode, int? stars, string? comment, string? lang, CancellationToken ct)
    {
        if (TrackingCode.Normalize(trackingCode) is not { } code || await reports.FindByCodeAsync(code, ct) is not { } stored)
        {
            return new FeedbackResult(FeedbackOutcome.NotFound);
        }

        var report = stored.Report;
        if (await GivenAsync(report, ct) is { } had)
        {
            await CountAsync(report.AreaId, had, ct);
            return new FeedbackResult(FeedbackOutcome.AlreadyGiven, had);
        }

        switch (FeedbackRules.Check(report, stars, comment))
        {
            case FeedbackRefusal.Invalid:
                return new FeedbackResult(FeedbackOutcome.Invalid);
            case FeedbackRefusal.NotResolved:
                return new FeedbackResult(FeedbackOutcome.NotResolved);
        }

        var feedback = new StoredFeedback(code, ReportFacts.ResolutionOf(report)!.Value.By, report.Kind.ToWire(), stars!.Value,
            Redaction.IsRedacted(report) ? null : FeedbackRules.Clean(comment),
            Core.Directory.Language.IsEnglish(lang) ? "en" : "zh-CN", clock.GetUtcNow());
        if (!await store.AddAsync(report.AreaId, feedback, ct))
        {
            // Another submit won the race: the first one stays.
            var first = await GivenAsync(report, ct) ?? feedback;
            await CountAsync(report.AreaId, first, ct);
            return new FeedbackResult(FeedbackOutcome.AlreadyGiven, first);
        }

        await CountAsync(report.AreaId, feedback, ct);
        logger.LogInformation("Feedback of {Stars} stars on report {TrackingCode} for station {StationId}", feedback.Stars, code, feedback.StationId);
        return new FeedbackResult(FeedbackOutcome.Saved, feedback);
    }

    /// <summary>The feedback given on <paramref name="report"/>, if any (none before it is resolved).</summary>
    public async Task<StoredFeedback?> GivenAsync(Report report, CancellationToken ct) =>
        ReportFacts.ResolutionOf(report) is { } resolved ? await store.GetAsync(report.AreaId, resolved.By, report.TrackingCode, ct) : null;

    private Task CountAsync(string areaId, StoredFeedback f, CancellationToken ct) =>
        figures.RecordAsync(new FigureFact(areaId, FigureMetrics.Feedback, f.TrackingCode, f.StationId, f.At, f.Stars), ct);
}
