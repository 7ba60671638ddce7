using System.Globalization;
using GridAid.Core.Figures;
using GridAid.Core.Text;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Figures;

/// <summary>
/// The admin's dashboard for any period and optionally one station (<c>?from=YYYY-MM-DD&amp;to=YYYY-MM-DD&amp;station=</c>,
/// local days, both included; the current local year by default), composed from the roll-up rows the steps write
/// (<see cref="FigureStore.RollupsAsync"/>), never from the reports: docs/dashboard.md. Also the feedback a station got.
/// </summary>
public sealed class DashboardFunctions(FigureStore figures, FeedbackStore feedback, DirectoryCache directory, TimeProvider clock, IOptions<GridAidOptions> options)
{
    /// <summary>Longest period one request may span.</summary>
    public const int MaxDays = 3 * 366;

    [Function(nameof(GetDashboard))]
    [CallableBy(Callers.AreaAdmin)]
    public async Task<IActionResult> GetDashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/dashboard")] HttpRequest req, CancellationToken ct)
    {
        if (!(await ReadPeriodAsync(req, ct)).TryGet(out var period, out var problem))
        {
            return problem;
        }

        var rows = await figures.RollupsAsync(req.Caller().AreaId, period.From, period.To, period.Station, ct);
        return ApiResults.Json(Dashboard.Compose(period.From, period.To, period.Station, rows));
    }

    /// <summary>The reporters' stars and comments on the reports a station resolved in the period, newest first (at most 100).</summary>
    [Function(nameof(ListStationFeedback))]
    [CallableBy(Callers.AreaAdmin)]
    public async Task<IActionResult> ListStationFeedback(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/feedback")] HttpRequest req, CancellationToken ct)
    {
        if (!(await ReadPeriodAsync(req, ct)).TryGet(out var period, out var problem))
        {
            return problem;
        }

        if (period.Station is not { } station)
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest, Texts.Of("problem.chooseAStationStation"), req.Language());
        }

        var offset = options.Value.AreaUtcOffset;
        var list = await feedback.ListAsync(req.Caller().AreaId, station,
            new DateTimeOffset(period.From.ToDateTime(TimeOnly.MinValue), offset), new DateTimeOffset(period.To.AddDays(1).ToDateTime(TimeOnly.MinValue), offset), 100, ct);
        return ApiResults.Json(list.Select(f => new { f.TrackingCode, f.StationId, f.Kind, f.Stars, f.Comment, f.Lang, f.At }).ToList());
    }

    private sealed record Period(DateOnly From, DateOnly To, string? Station);

    private async Task<Read<Period>> ReadPeriodAsync(HttpRequest req, CancellationToken ct)
    {
        var lang = req.Language();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(options.Value.AreaUtcOffset).DateTime);
        DateOnly? Day(string name) =>
            req.Query[name].ToString() is { Length: > 0 } raw
                ? DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : DateOnly.MinValue
                : null;
        var from = Day("from") ?? new DateOnly(today.Year, 1, 1);
        var to = Day("to") ?? new DateOnly(from.Year, 12, 31);
        if (from == DateOnly.MinValue || to == DateOnly.MinValue)
        {
            return Read.Refused<Period>(ApiResults.Problem(StatusCodes.Status400BadRequest, Texts.Of("problem.datesAreYyyyMmDd"), lang));
        }

        if (to < from || to.DayNumber - from.DayNumber >= MaxDays)
        {
            return Read.Refused<Period>(ApiResults.Problem(StatusCodes.Status400BadRequest, Texts.Of("problem.thePeriodIsNotValid"), lang));
        }

        var station = req.Query["station"].ToString() is { Length: > 0 } s ? s : null;
        if (station is not null && (await directory.GetAsync(req.Caller().AreaId, ct))?.FindStation(station) is null)
        {
            return Read.Refused<Period>(ApiResults.NotFound(Texts.Of("problem.noSuchStationInThe")));
        }

        return Read.Ok(new Period(from, to, station));
    }
}
