using System.Text.RegularExpressions;
using GridAid.Core.Figures;
using GridAid.Core.Text;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Figures;

/// <summary>A question a visitor asked at the station, counted by one tap: its topic and the tap's own id (a retry sends the same id).</summary>
public sealed record QuestionRequest(string? Topic, string? TapId);

/// <summary>
/// One tap at a station counts a question answered, by topic (<see cref="FigureMetrics.QuestionTopics"/>). The tap's id,
/// made once by the page per tap, is the fact's id: a retried post records the same fact and counts once. The answer
/// says how many the station counted today (its day's roll-up rows).
/// </summary>
public sealed partial class QuestionFunctions(IFigureRecorder recorder, FigureStore figures, TimeProvider clock, IOptions<GridAidOptions> options)
{
    [Function(nameof(CountQuestion))]
    [CallableBy(Callers.RouteStation)]
    public async Task<IActionResult> CountQuestion(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "stations/{stationId}/questions")] HttpRequest req, string stationId, CancellationToken ct)
    {
        if (!(await req.ReadJsonAsync<QuestionRequest>(ct)).TryGet(out var body, out var problem))
        {
            return problem;
        }

        var lang = req.Language();
        if (body.Topic is not { } topic || !FigureMetrics.QuestionTopics.Contains(topic))
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest, Texts.Of("problem.chooseTheQuestionsTopic", ("topics", string.Join(", ", FigureMetrics.QuestionTopics))), lang);
        }

        if (body.TapId is not { } tap || !TapIdPattern().IsMatch(tap))
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest, Texts.Of("problem.tapidLettersDigitsOrDashes"), lang);
        }

        var area = req.Caller().AreaId;
        var now = clock.GetUtcNow();
        await recorder.RecordAsync(new FigureFact(area, FigureMetrics.With(FigureMetrics.QuestionsAnswered, topic), stationId + ":" + tap, stationId, now), ct);
        var today = DateOnly.FromDateTime(now.ToOffset(options.Value.AreaUtcOffset).DateTime);
        var counted = Dashboard.Compose(today, today, stationId, await figures.RollupsAsync(area, today, today, stationId, ct));
        return ApiResults.Json(new { topic, today = counted.QuestionsAnswered, byTopic = counted.QuestionsByTopic });
    }

    [GeneratedRegex("^[A-Za-z0-9-]{8,64}$")]
    private static partial Regex TapIdPattern();
}
