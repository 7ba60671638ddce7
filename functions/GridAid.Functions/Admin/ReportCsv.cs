using System.Globalization;
using System.Text;
using GridAid.Core.Reports;

namespace GridAid.Functions.Admin;

/// <summary>
/// Reports as CSV for a spreadsheet: UTF-8 with a byte-order mark (so Excel reads Chinese), RFC 4180 quoting, and
/// cells that a spreadsheet would run as a formula (starting with = + - @) prefixed with an apostrophe.
/// </summary>
public static class ReportCsv
{
    public static readonly string[] Columns =
    [
        "trackingCode", "submittedAt", "kind", "status", "point", "stations", "description", "contactName", "contactPhone", "details", "updatedAt",
    ];

    public static string Header => string.Join(',', Columns) + "\r\n";

    /// <summary>One report; its times in the area's time zone (<see cref="GridAidOptions.TimeZone"/>), the offset written.</summary>
    public static string Row(Report r, TimeZoneInfo zone) => string.Join(',', new[]
    {
        r.TrackingCode,
        Time(r.SubmittedAt, zone),
        r.Kind.ToWire(),
        r.Status.ToWire(),
        r.PointCode ?? string.Empty,
        string.Join(' ', r.StationIds),
        r.Description,
        r.Contact.Name ?? string.Empty,
        r.Contact.Phone ?? string.Empty,
        string.Join("; ", r.Details.Select(d => d.Key + "=" + d.Value)),
        Time(r.UpdatedAt, zone),
    }.Select(Cell)) + "\r\n";

    /// <summary><c>2026-12-01 19:23:05 +08:00</c>: the area's local time, with its offset.</summary>
    public static string Time(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    public static string Cell(string value)
    {
        // Spreadsheets also run a formula after leading spaces, and WPS/LibreOffice take the full-width signs.
        var first = value.TrimStart(' ');
        if (first.Length > 0 && first[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '＝' or '＋' or '－' or '＠')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
}
