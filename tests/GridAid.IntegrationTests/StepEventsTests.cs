using System.Net;
using System.Text.Json;
using GridAid.Infrastructure.Events;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests;

/// <summary>Acknowledging and resolving go out as CloudEvents with deterministic ids, one per alert the step changed.</summary>
[Collection(SharedGridAid.Name)]
public class StepEventsTests(GridAidFixture f)
{
    [Fact]
    public async Task An_acknowledgement_and_a_resolve_publish_one_event_per_changed_alert_with_fixed_ids()
    {
        var code = await f.SubmitAsync(GridAidFixture.LostItem("ts-nantianmen"));
        await f.WaitForAlertAsync("ts-daiding-police", code);
        await f.WaitForAlertAsync("ts-lost-found", code);

        using (var ack = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-daiding-police/alerts/{code}/ack", GridAidFixture.Station("ts-daiding-police")))
        {
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        }

        var acked = await EventAsync($"{code}:ts-daiding-police:acknowledged");
        Assert.Equal(EventGridAlertPublisher.AlertAcknowledgedType, acked.Type);
        Assert.Equal($"stations/ts-daiding-police/reports/{code}", acked.Subject);
        Assert.Equal("ts-daiding-police", Data(acked).GetProperty("by").GetString());
        Assert.DoesNotContain(f.Events.Events, e => e.Id == $"{code}:ts-lost-found:acknowledged");

        using (var resolve = await f.SendAsync(HttpMethod.Post, $"/api/stations/ts-lost-found/alerts/{code}/resolve", GridAidFixture.Station("ts-lost-found")))
        {
            Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        }

        foreach (var station in new[] { "ts-daiding-police", "ts-lost-found" })
        {
            var resolved = await EventAsync($"{code}:{station}:resolved");
            Assert.Equal(EventGridAlertPublisher.AlertResolvedType, resolved.Type);
            Assert.Equal("ts-lost-found", Data(resolved).GetProperty("by").GetString());
            Assert.DoesNotContain("13800138000", resolved.Data!.ToString(), StringComparison.Ordinal);
        }
    }

    private Task<Azure.Messaging.CloudEvent> EventAsync(string id) =>
        Eventually.Get<Azure.Messaging.CloudEvent>(() => Task.FromResult(f.Events.Events.FirstOrDefault(e => e.Id == id)), TestTimings.Alert, "event " + id);

    private static JsonElement Data(Azure.Messaging.CloudEvent e) => JsonDocument.Parse(e.Data!.ToString()).RootElement;
}
