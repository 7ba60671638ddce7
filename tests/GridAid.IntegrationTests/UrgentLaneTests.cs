using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridAid.Core.Reports;
using GridAid.Functions;
using GridAid.Functions.Intake;
using GridAid.Functions.Lanes;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Storage;
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
    public void Each_lane_has_its_own_function_and_poison_recorder()
    {
        var queues = FunctionsMetadata.All().Where(fn => fn.Kind == "queueTrigger").Select(fn => fn.Queue).ToList();

        Assert.Contains(QueueNames.Urgent, queues);
        Assert.Contains(QueueNames.UrgentPoison, queues);
        Assert.Contains(QueueNames.Intake, queues);
        Assert.Contains(QueueNames.IntakePoison, queues);
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
