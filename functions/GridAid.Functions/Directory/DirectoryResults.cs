using GridAid.Core.Directory;
using GridAid.Core.Text;

namespace GridAid.Functions.Directory;

/// <summary>The HTTP answer to each <see cref="DirectoryOutcome"/>, in the reader's language: the directory's one mapping.</summary>
public static class DirectoryResults
{
    public static IActionResult ToHttp(DirectoryResult result, string? lang) => result.Outcome switch
    {
        DirectoryOutcome.Read => ApiResults.Json(result.Value!),
        DirectoryOutcome.Created => ApiResults.Json(result.Value!, StatusCodes.Status201Created),
        DirectoryOutcome.Updated => ApiResults.Json(result.Value!),
        DirectoryOutcome.Deleted => new NoContentResult(),
        DirectoryOutcome.CodeIssued => ApiResults.NoStore(ApiResults.Json(result.Value!, StatusCodes.Status201Created)),
        DirectoryOutcome.Invalid => ApiResults.ValidationProblem(result.Errors!, lang),
        DirectoryOutcome.AreaNotFound => ApiResults.NotFound(Texts.Of("problem.noSuchArea")),
        DirectoryOutcome.StationNotFound => ApiResults.NotFound(Texts.Of("problem.noStationId")),
        DirectoryOutcome.CellNotFound => ApiResults.NotFound(Texts.Of("problem.noGridCellHasThis")),
        DirectoryOutcome.PointNotFound => ApiResults.NotFound(Texts.Of("problem.noQrPointHasThis")),
        DirectoryOutcome.VenueNotFound => ApiResults.NotFound(Texts.Of("problem.noVenueHasThisId")),
        DirectoryOutcome.StationOnDuty => Conflict(Texts.Of("problem.thisIsTheAreasDuty"), lang),
        DirectoryOutcome.StationInCells => Conflict(Texts.Of("problem.gridCellsStillUseThis"), lang),
        DirectoryOutcome.StationHasVenues => Conflict(Texts.Of("problem.venuesAreStillInspectedBy"), lang),
        DirectoryOutcome.StationHasOpenAlerts => Conflict(Texts.Of("problem.thisStationStillHasOpen"), lang),
        DirectoryOutcome.CellHasPoints => Conflict(Texts.Of("problem.qrPointsAreStillIn"), lang),
        DirectoryOutcome.PointOfAnotherArea => Conflict(Texts.Of("problem.thisPointCodeBelongsTo"), lang),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, "No answer for this outcome."),
    };

    private static IActionResult Conflict(LocalizedText title, string? lang) => ApiResults.Problem(StatusCodes.Status409Conflict, title, lang);
}
