using System.Globalization;
using System.Net;
using System.Text.Json;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests;

/// <summary>
/// The reminders before a custody deadline, on a host of its own whose "year" is <see cref="Term"/> and whose "day" is
/// <see cref="Day"/> (<c>GridAid:Custody:Term</c>, <c>…:Day</c>): the 30-"day" reminder is due 15 s after the notice, the
/// 7-"day" one 38 s after (more than two sweeps apart). Each shows on the holding station's alert at its due time (not before), once.
/// </summary>
public sealed class CustodyReminderTests : IAsyncLifetime
{
    private static readonly TimeSpan Term = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan Day = TimeSpan.FromSeconds(1);
    private const string Desk = "ts-lost-found";

    private AzuriteInstance _azurite = null!;
    private LocalHostInstance _host = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        _host = await LocalHostInstance.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["GridAid:Custody:Term"] = Term.ToString("c", CultureInfo.InvariantCulture),
            ["GridAid:Custody:Day"] = Day.ToString("c", CultureInfo.InvariantCulture),
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task Each_reminder_reaches_the_holding_stations_alert_at_its_due_time_once()
    {
        using var entered = await GridAidFixture.SendAsync(_host.Http, HttpMethod.Post, $"/api/stations/{Desk}/reports", GridAidFixture.Station(Desk), CustodyTests.FoundBag());
        Assert.Equal(HttpStatusCode.Accepted, entered.StatusCode);
        var json = JsonDocument.Parse(await entered.Content.ReadAsStringAsync()).RootElement;
        var code = json.GetProperty("trackingCode").GetString()!;
        var notice = json.GetProperty("custody").GetProperty("noticeAt").GetDateTimeOffset();
        var first = notice + Term - (30 * Day);
        var second = notice + Term - (7 * Day);

        var alert = await AlertAsync(code, a => a, TestTimings.Alert);
        if (DateTimeOffset.UtcNow < first)
        {
            Assert.Null(Reminder(alert));
        }

        var thirty = await AlertAsync(code, a => Reminder(a) == 30 ? a : null, (first - DateTimeOffset.UtcNow) + TestTimings.AfterSweep(TimeSpan.Zero));
        var seenAt = DateTimeOffset.UtcNow;
        Assert.True(seenAt >= first, $"the 30-day reminder came before its time ({seenAt:O} < {first:O})");
        Assert.Equal([30], await SentAsync(code));

        var seven = await AlertAsync(code, a => Reminder(a) == 7 ? a : null, (second - DateTimeOffset.UtcNow) + TestTimings.AfterSweep(TimeSpan.Zero));
        Assert.True(DateTimeOffset.UtcNow >= second);
        Assert.Equal([30, 7], await SentAsync(code));
        Assert.Equal(notice + Term, seven.GetProperty("custody").GetProperty("deadline").GetDateTimeOffset());

        // Nothing more to give: a few sweeps later both are still given once, and no reminder is due any more.
        await Task.Delay(TestTimings.SweepPeriod);
        Assert.Equal([30, 7], await SentAsync(code));
        var line = (await GridAidFixture.GetJsonAsync(_host.Http, $"/api/stations/{Desk}/custody", GridAidFixture.Station(Desk))).EnumerateArray()
            .Single(i => i.GetProperty("trackingCode").GetString() == code);
        Assert.False(line.TryGetProperty("nextReminderAt", out _));
        Assert.Equal(thirty.GetProperty("trackingCode").GetString(), code);
    }

    private static int? Reminder(JsonElement? alert) =>
        alert is { } a && a.TryGetProperty("custody", out var c) && c.ValueKind == JsonValueKind.Object && c.TryGetProperty("reminder", out var r) && r.ValueKind == JsonValueKind.Number
            ? r.GetInt32()
            : null;

    private async Task<List<int>> SentAsync(string code) =>
        (await GridAidFixture.GetJsonAsync(_host.Http, $"/api/stations/{Desk}/custody", GridAidFixture.Station(Desk))).EnumerateArray()
            .Single(i => i.GetProperty("trackingCode").GetString() == code).GetProperty("remindersSent").EnumerateArray().Select(d => d.GetInt32()).ToList();

    private async Task<JsonElement> AlertAsync(string code, Func<JsonElement?, JsonElement?> until, TimeSpan within) =>
        await Eventually.Get<JsonElement?>(async () =>
        {
            var inbox = await GridAidFixture.GetJsonAsync(_host.Http, $"/api/stations/{Desk}/alerts", GridAidFixture.Station(Desk));
            JsonElement? alert = inbox.EnumerateArray().Where(a => a.GetProperty("trackingCode").GetString() == code).Select(a => (JsonElement?)a).FirstOrDefault();
            return alert is null ? null : until(alert);
        }, within, "custody reminder on " + code) ?? throw new InvalidOperationException();
}
