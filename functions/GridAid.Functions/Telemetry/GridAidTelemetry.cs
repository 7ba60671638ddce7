using System.Diagnostics;
using System.Diagnostics.Metrics;
using GridAid.Core.Reports;

namespace GridAid.Functions.Telemetry;

/// <summary>
/// GridAid's own traces and metrics (OpenTelemetry through <see cref="System.Diagnostics"/>): one trace per report, from
/// the intake request through the queue message into the router and its events. Spans and metrics name the report by
/// tracking code, kind and area only: never a phone number, a name or a description.
/// </summary>
public static class GridAidTelemetry
{
    public const string Name = "GridAid";

    public const string TrackingCodeTag = "gridaid.tracking_code";
    public const string KindTag = "gridaid.report.kind";
    public const string AreaTag = "gridaid.area";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Accepted = Meter.CreateCounter<long>("gridaid.reports.accepted", "{report}", "Reports taken in (new ones, not repeats).");
    private static readonly Counter<long> Routed = Meter.CreateCounter<long>("gridaid.reports.routed", "{report}", "Reports whose alerts reached their stations.");
    private static readonly Counter<long> Escalated = Meter.CreateCounter<long>("gridaid.reports.escalated", "{report}", "Reports widened to more stations because nobody acknowledged them.");
    private static readonly Counter<long> Failed = Meter.CreateCounter<long>("gridaid.reports.routing_failed", "{attempt}", "Routing attempts that failed (each is retried; the last one goes to the duty station).");
    private static readonly Histogram<double> TimeToRoute = Meter.CreateHistogram<double>("gridaid.reports.time_to_route", "s", "From the report's acceptance to its alerts reaching the stations.");

    /// <summary>The intake of one report (a child of the HTTP request's span when there is one).</summary>
    public static Activity? StartIntake() => Source.StartActivity("gridaid.intake", ActivityKind.Internal);

    /// <summary>The routing of one report, continuing the trace its queue message carries.</summary>
    public static Activity? StartRouting(string? traceParent, Report report) =>
        Tagged(Source.StartActivity("gridaid.route", ActivityKind.Consumer, Infrastructure.Telemetry.TraceContext.Parent(traceParent)), report);

    /// <summary>Names the report on the span: its tracking code, kind and area, nothing personal.</summary>
    public static Activity? Tagged(Activity? activity, Report report) =>
        activity?.SetTag(TrackingCodeTag, report.TrackingCode).SetTag(KindTag, report.Kind.ToWire()).SetTag(AreaTag, report.AreaId);

    public static void CountAccepted(Report report) => Accepted.Add(1, Tags(report));

    public static void CountRouted(Report report, DateTimeOffset at)
    {
        Routed.Add(1, Tags(report));
        TimeToRoute.Record(Math.Max(0, (at - report.SubmittedAt).TotalSeconds), Tags(report));
    }

    public static void CountEscalated(Report report) => Escalated.Add(1, Tags(report));

    public static void CountFailed(Report report) => Failed.Add(1, Tags(report));

    private static TagList Tags(Report report) => new() { { KindTag, report.Kind.ToWire() }, { AreaTag, report.AreaId } };
}
