using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using GridAid.Functions.Telemetry;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests.Telemetry;

/// <summary>
/// One trace per report: the intake's span, the router's span and the router's Event Grid event share one W3C trace
/// id, carried by the queue message and the event's <c>traceparent</c>; the report counters move. Spans are read by
/// an in-process listener on the <c>GridAid</c> source, as an exporter would read them.
/// </summary>
[Collection(SharedGridAid.Name)]
public sealed class TraceTests : IDisposable
{
    private readonly GridAidFixture f;

    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ConcurrentQueue<(string Name, double Value, string? Kind)> _measurements = new();
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = s => s.Name == GridAidTelemetry.Name,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    private readonly MeterListener _meters = new();

    public TraceTests(GridAidFixture fixture)
    {
        f = fixture;
        _listener.ActivityStopped = _spans.Enqueue;
        ActivitySource.AddActivityListener(_listener);
        _meters.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GridAidTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((i, v, tags, _) => _measurements.Enqueue((i.Name, v, KindOf(tags))));
        _meters.SetMeasurementEventCallback<double>((i, v, tags, _) => _measurements.Enqueue((i.Name, v, KindOf(tags))));
        _meters.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meters.Dispose();
    }

    [Fact]
    public async Task A_reports_intake_router_and_event_share_one_trace()
    {
        var code = await f.SubmitAsync(new
        {
            kind = "hazard",
            point = "ts-shibapan",
            description = "十八盘台阶松动 · loose step on the Eighteen Bends",
            lang = "zh-CN",
            clientRequestId = GridAidFixture.NewRequestId(),
            details = new { hazardType = "damaged_path", severity = "high" },
        });

        var intake = await SpanAsync("gridaid.intake", code);
        var route = await SpanAsync("gridaid.route", code);
        Assert.Equal(intake.TraceId, route.TraceId);
        // The router's span is the child of the intake's (the queue message carried the intake's traceparent).
        Assert.Equal(intake.SpanId, route.ParentSpanId);
        Assert.Equal(ActivityKind.Consumer, route.Kind);
        Assert.Equal("hazard", route.GetTagItem(GridAidTelemetry.KindTag));

        var routed = await Eventually.Get<Azure.Messaging.CloudEvent>(
            () => Task.FromResult(f.Events.Events.FirstOrDefault(e => e.Id.StartsWith(code + ":", StringComparison.Ordinal) && e.Id.EndsWith(":routed", StringComparison.Ordinal))),
            TestTimings.Alert, "routed event of " + code);
        Assert.True(routed.ExtensionAttributes.TryGetValue("traceparent", out var traceParent), "the event has no traceparent");
        Assert.Equal(intake.TraceId, ActivityContext.Parse((string)traceParent!, null).TraceId);

        // Counted: accepted and routed, with the time to route.
        _meters.RecordObservableInstruments();
        Assert.Contains(_measurements, m => m.Name == "gridaid.reports.accepted" && m.Kind == "hazard");
        Assert.Contains(_measurements, m => m.Name == "gridaid.reports.routed" && m.Kind == "hazard");
        Assert.Contains(_measurements, m => m.Name == "gridaid.reports.time_to_route" && m.Kind == "hazard" && m.Value is >= 0 and < 30);
    }

    private Task<Activity> SpanAsync(string name, string code) =>
        Eventually.Get<Activity>(
            () => Task.FromResult(_spans.FirstOrDefault(s => s.OperationName == name && (string?)s.GetTagItem(GridAidTelemetry.TrackingCodeTag) == code)),
            TestTimings.Alert, $"span {name} of {code}");

    private static string? KindOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var (key, value) in tags)
        {
            if (key == GridAidTelemetry.KindTag)
            {
                return value as string;
            }
        }

        return null;
    }
}
