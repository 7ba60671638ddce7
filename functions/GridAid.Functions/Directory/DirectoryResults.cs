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
        DirectoryOutcome.AreaNotFound => ApiResults.NotFound("未找到该景区", "No such area"),
        DirectoryOutcome.StationNotFound => ApiResults.NotFound("未找到该站点", "No station has this id"),
        DirectoryOutcome.CellNotFound => ApiResults.NotFound("未找到该网格", "No grid cell has this id"),
        DirectoryOutcome.PointNotFound => ApiResults.NotFound("未找到该点位", "No QR point has this code"),
        DirectoryOutcome.VenueNotFound => ApiResults.NotFound("未找到该场所", "No venue has this id"),
        DirectoryOutcome.StationOnDuty => Conflict("这是景区的值班站点，不能删除", "This is the area's duty station: it cannot be deleted", lang),
        DirectoryOutcome.StationInCells => Conflict("仍有网格使用此站点，请先从网格中移除", "Grid cells still use this station: remove it from them first", lang),
        DirectoryOutcome.StationHasVenues => Conflict("仍有场所由此站点负责检查，请先改派", "Venues are still inspected by this station: give them to another first", lang),
        DirectoryOutcome.StationHasOpenAlerts => Conflict("该站点还有未解决的警报，请先转交或解决", "This station still has open alerts: transfer or resolve them first", lang),
        DirectoryOutcome.CellHasPoints => Conflict("网格内仍有二维码点位，请先移走或删除", "QR points are still in this grid cell: move or delete them first", lang),
        DirectoryOutcome.PointOfAnotherArea => Conflict("该点位编号已被其他景区使用", "This point code belongs to another area", lang),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, "No answer for this outcome."),
    };

    private static IActionResult Conflict(string zh, string en, string? lang) => ApiResults.Problem(StatusCodes.Status409Conflict, zh, en, lang);
}
