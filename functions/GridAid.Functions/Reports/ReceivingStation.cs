using GridAid.Core.Directory;
using GridAid.Core.Reports;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Reports;

/// <summary>The station a receipt names: the one owning the point, else the area's duty station.</summary>
public static class ReceivingStation
{
    public static async Task<LocalizedText?> NameAsync(DirectoryCache directory, ValidReport report, string defaultArea, CancellationToken ct)
    {
        if (report.PointCode is { } code && await directory.FindPointAsync(code, ct) is var (area, point))
        {
            return area.OwningStation(point).Name;
        }

        var fallback = await directory.GetAsync(report.AreaId ?? defaultArea, ct) ?? await directory.GetAsync(defaultArea, ct);
        return fallback?.DefaultStation.Name;
    }
}
