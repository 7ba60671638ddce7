using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridAid.Core.Reports;
using GridAid.Core.Serialization;
using GridAid.Functions;
using GridAid.Functions.Intake;
using GridAid.Functions.Lanes;
using GridAid.Functions.Routing;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;
using GridAid.TestSupport;
using Microsoft.Extensions.Options;

namespace GridAid.IntegrationTests;

/// <summary>Lost persons travel in a lane of their own, served by a function of their own.</summary>
[Collection(SharedGridAid.Name)]
public class UrgentLaneTests(GridAidFixture f)
{
    [Theory]
    [InlineData(ReportKind.LostPerson, QueueNames.Urgent)]
    [InlineData(ReportKind.LostItem, QueueNames.Intake)]
    [InlineData(ReportKind.FoundItem, QueueNames.Intake)]
    [InlineData(ReportKind.Hazard, QueueNames.Intake)]
    [InlineData(ReportKind.Help, QueueNames.Intake)]
    [InlineData(ReportKind.Tip, QueueNames.Intake)]
    public void Only_a_lost_person_takes_the_urgent_lane(ReportKind kind, string queue) =>
        Assert.Equal(queue, IntakeQueueSender.QueueFor(kind));

    [Fact]
    public void Each_lane_has_its_own_function_and_its_poison_queue_is_swept_by_the_timer()
    {
        var queues = FunctionsMetadata.All().Where(fn => fn.Kind == "queueTrigger").Select(fn => fn.Queue).ToList();

        Assert.Contains(QueueNames.Urgent, queues);
        Assert.Contains(QueueNames.Intake, queues);
        Assert.DoesNotContain(QueueNames.UrgentPoison, queues);
        Assert.DoesNotContain(QueueNames.IntakePoison, queues);
        Assert.Contains(QueueNames.Urgent, PoisonQueueReader.Watched);
        Assert.Contains(QueueNames.Intake, PoisonQueueReader.Watched);
    }

    [Fact]
    public async Task A_lost_person_is_routed_on_the_intake_path_and_a_second_delivery_of_its_message_changes_nothing()
    {
        var code = await f.SubmitAsync(LostPerson());

        // No wait: by the 202 the report is routed and in the police posts' inboxes, and its events are out.
        Assert.Equal("routed", (await f.GetJsonAsync($"/api/reports/{code}")).GetProperty("status").GetString());
        foreach (var station in new[] { "ts-daiding-police", "ts-taohuayu-police" })
        {
            var inbox = (await f.GetJsonAsync($"/api/stations/{station}/alerts", GridAidFixture.Station(station))).EnumerateArray();
            Assert.Single(inbox, a => a.GetProperty("trackingCode").GetString() == code);
        }

        // The stations told at routing (an unacknowledged lost person escalates after 1 s here, telling more stations:
        // those events are the escalation's, not a second routing's).
        var told = f.Events.Events.Where(e => e.Subject?.EndsWith(code, StringComparison.Ordinal) == true).Select(e => e.Subject).ToHashSet();
        var events = f.Events.Events.Count(e => told.Contains(e.Subject));
        Assert.True(events >= 2);

        // Its queued message (hidden for the guard delay) is the guarantee; delivered, it finds the report routed and
        // does nothing: no second alert, no second event. Here it is delivered twice more by hand, as the function would.
        var store = f.Host.Get<ReportStore>();
        var stored = await store.FindByCodeAsync(code, CancellationToken.None);
        var message = GridAidJson.Serialize(new RoutingMessage(stored!.Report with { Status = ReportStatus.Received }, null));
        var routing = f.Host.Get<ReportRouting>();
        await routing.HandleAsync(message, CancellationToken.None);
        await routing.HandleAsync(message, CancellationToken.None);

        var inboxAfter = (await f.GetJsonAsync("/api/stations/ts-daiding-police/alerts", GridAidFixture.Station("ts-daiding-police"))).EnumerateArray();
        Assert.Single(inboxAfter, a => a.GetProperty("trackingCode").GetString() == code);
        Assert.Equal(events, f.Events.Events.Count(e => told.Contains(e.Subject)));
        Assert.Equal("routed", (await f.GetJsonAsync($"/api/reports/{code}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_lost_person_written_and_queued_by_an_intake_that_died_before_routing_it_is_routed_from_its_queue()
    {
        var valid = new ValidReport(ReportKind.LostPerson, "ts-nantianmen", null, "走失的男孩 · boy lost at the gate", new Contact(null, "13800138000"), "zh-CN",
            GridAidFixture.NewRequestId(), new Dictionary<string, string> { ["personName"] = "小明", ["age"] = "6" });
        var report = Report.Receive(valid, "taishan", TrackingCode.Random(), DateTimeOffset.UtcNow);
        var store = f.Host.Get<ReportStore>();
        var key = ReportKeys.For(report.SubmittedAt, report.TrackingCode);
        Assert.True((await store.ClaimCodeAsync(report.TrackingCode, "taishan", key, valid.ClientRequestId, ReportFingerprint.Of(valid), CancellationToken.None)).Claimed);
        var version = await store.AddAsync(report, CancellationToken.None);

        // As the intake sends it, but nobody routes it on the intake path: the queue delivery does.
        await f.Host.Get<IntakeQueueSender>().SendAsync(new RoutingMessage(report, version), CancellationToken.None, TimeSpan.FromSeconds(1));

        await f.WaitForAlertAsync("ts-daiding-police", report.TrackingCode, within: TimeSpan.FromSeconds(1) + TestTimings.Alert);
        Assert.NotNull(await f.WaitForStatusAsync(report.TrackingCode, "routed"));
    }

    [Fact]
    public async Task A_lost_person_in_the_urgent_lane_reaches_the_police_posts()
    {
        var code = await f.SubmitAsync(LostPerson());

        await f.WaitForAlertAsync("ts-daiding-police", code);
        await f.WaitForAlertAsync("ts-taohuayu-police", code);
    }

    [Fact]
    public async Task A_lost_person_is_taken_in_and_routed_while_every_slot_of_the_other_kinds_is_busy()
    {
        var lanes = f.Host.Get<UrgentFirst>();
        var settings = f.Host.Get<IOptions<GridAidOptions>>().Value.Lanes;
        var tipRequest = GridAidFixture.NewRequestId();
        var tip = new { kind = "tip", point = "ts-nantianmen", description = "山道上有人卖假票 · fake tickets on the path", lang = "en", clientRequestId = tipRequest };
        var held = new List<IDisposable>();
        try
        {
            for (var i = 0; i < settings.OtherIntakeSlots; i++)
            {
                held.Add(await lanes.EnterIntakeAsync(ReportKind.Tip, CancellationToken.None));
            }

            for (var i = 0; i < settings.OtherRoutingSlots; i++)
            {
                held.Add(await lanes.EnterRoutingAsync(ReportKind.Tip, CancellationToken.None));
            }

            var lostPerson = await f.SubmitAsync(LostPerson());
            await f.WaitForAlertAsync("ts-daiding-police", lostPerson);

            // A tip waits for a slot no longer than the lane's wait, then hears "busy" (the phone keeps it and sends it again).
            var clock = Stopwatch.StartNew();
            using var busy = await f.SendAsync(HttpMethod.Post, "/api/reports", body: tip);
            clock.Stop();
            var problem = await busy.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.True(busy.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("titles").GetProperty("zh").GetString()));
            Assert.StartsWith("Busy", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
            Assert.InRange(clock.Elapsed, settings.OtherIntakeWait - TimeSpan.FromMilliseconds(100), ReportIntake.Budget + TimeSpan.FromSeconds(1));
        }
        finally
        {
            held.ForEach(slot => slot.Dispose());
        }

        // Sent again with the same request id once a slot is free: taken in, one code, and routed.
        var tipCode = await f.SubmitAsync(tip);
        Assert.Equal(tipCode, await f.SubmitAsync(tip));
        Assert.NotNull(await f.WaitForStatusAsync(tipCode, "routed"));
        Assert.Equal(0, lanes.InUse.Intake);
    }

    [Fact]
    public async Task A_tip_waits_for_a_routing_slot_and_is_routed_once_one_frees_up()
    {
        var lanes = f.Host.Get<UrgentFirst>();
        var settings = f.Host.Get<IOptions<GridAidOptions>>().Value.Lanes;
        var held = new List<IDisposable>();
        for (var i = 0; i < settings.OtherRoutingSlots; i++)
        {
            held.Add(await lanes.EnterRoutingAsync(ReportKind.Tip, CancellationToken.None));
        }

        string tipCode;
        try
        {
            tipCode = await f.SubmitAsync(new { kind = "tip", point = "ts-nantianmen", description = "路边有人吵架 · a quarrel by the path", lang = "zh-CN", clientRequestId = GridAidFixture.NewRequestId() });
            var lostPerson = await f.SubmitAsync(LostPerson());
            await f.WaitForAlertAsync("ts-daiding-police", lostPerson);
            Assert.Equal("received", (await f.GetJsonAsync($"/api/reports/{tipCode}")).GetProperty("status").GetString());
        }
        finally
        {
            held.ForEach(slot => slot.Dispose());
        }

        Assert.NotNull(await f.WaitForStatusAsync(tipCode, "routed"));
    }

    [Fact]
    public async Task The_alerted_stations_read_the_childs_name_and_no_public_answer_or_event_carries_it()
    {
        var name = "小红" + Guid.NewGuid().ToString("N")[..4];
        var code = await f.SubmitAsync(LostPerson(name));

        foreach (var station in new[] { "ts-daiding-police", "ts-tianjie-grid" })
        {
            var alert = (await f.WaitForAlertAsync(station, code)).Single(a => a.GetProperty("trackingCode").GetString() == code);
            Assert.Equal(name, alert.GetProperty("details").GetProperty("personName").GetString());
        }

        using var status = await f.Http.GetAsync($"/api/reports/{code}");
        Assert.DoesNotContain(name, await status.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var page = await f.Http.GetAsync($"/api/s/{code}");
        Assert.DoesNotContain(name, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var events = f.Events.Events.Where(e => e.Subject?.EndsWith(code, StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.DoesNotContain(name, e.Data?.ToString() ?? string.Empty, StringComparison.Ordinal));
    }

    private static object LostPerson(string name = "小红") => new
    {
        kind = "lost_person",
        point = "ts-nantianmen",
        description = "穿蓝色外套的女孩 · girl in a blue coat",
        contact = new { phone = "13800138000" },
        lang = "zh-CN",
        clientRequestId = GridAidFixture.NewRequestId(),
        details = new { personName = name, age = "7", sex = "female", clothing = "蓝色外套" },
    };
}
