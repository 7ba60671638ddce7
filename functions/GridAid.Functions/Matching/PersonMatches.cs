using System.Globalization;
using GridAid.Core.Matching;
using GridAid.Core.Reports;
using GridAid.Infrastructure.Tables;

namespace GridAid.Functions.Matching;

/// <summary>
/// A person candidate as a station sees it: the score and reasons, and what describes the person (age or age band, sex,
/// clothing, the text, where and when); never a name, the reporter's contact or a hand-over code.
/// </summary>
public sealed record PersonMatchView(
    string TrackingCode,
    double Score,
    IReadOnlyList<string> Reasons,
    ReportKind Kind,
    string? Age,
    string? AgeBand,
    string? Sex,
    string? Clothing,
    string? Description,
    string? PointCode,
    string? PointName,
    DateTimeOffset SubmittedAt);

/// <summary>
/// The likeliest partners of a found- or lost-person report among the area's open reports of the other side
/// (<see cref="PersonMatcher"/>), for a station that holds an alert for it, or the area's admin: a found child's police
/// post sees the parents' reports, best first, and a lost person's stations the children found alone.
/// </summary>
public sealed class PersonMatches(ReportStore reports, AlertStore alerts, DirectoryCache directory, TimeProvider clock)
{
    /// <summary>Null when the caller may not see the report: another area's, not a person, or not alerted to this station.</summary>
    public async Task<IReadOnlyList<PersonMatchView>?> ForAsync(Caller caller, string stationId, string trackingCode, CancellationToken ct)
    {
        if (TrackingCode.Normalize(trackingCode) is not { } code
            || await reports.FindByCodeAsync(code, ct) is not { } stored
            || stored.Report.AreaId != caller.AreaId
            || !stored.Report.Kind.IsPerson()
            || await alerts.GetAsync(caller.AreaId, stationId, stored.Key, ct) is null)
        {
            return null;
        }

        var open = await ItemMatches.OpenAsync(reports, caller.AreaId, clock.GetUtcNow(), k => k.IsPerson(), ct);
        var area = await directory.GetAsync(caller.AreaId, ct);
        var byCode = open.ToDictionary(r => r.TrackingCode, StringComparer.Ordinal);
        return PersonMatcher.Rank(RecordOf(stored.Report), open.Select(RecordOf), area)
            .Select(m =>
            {
                var r = byCode[m.TrackingCode];
                var point = r.PointCode is { } p ? area?.FindPoint(p) : null;
                return new PersonMatchView(m.TrackingCode, m.Score, m.Reasons, r.Kind, Detail(r, "age"), Detail(r, "ageBand"), Detail(r, "sex"),
                    Detail(r, "clothing"), r.Description, r.PointCode, point?.Name.ToString(), r.SubmittedAt);
            })
            .ToList();
    }

    /// <summary>What the matcher reads of a report: age or band, sex, clothing and shoes, the text; never the person's name.</summary>
    public static PersonRecord RecordOf(Report r) => new(
        r.TrackingCode,
        r.Kind == ReportKind.LostPerson ? PersonSide.Lost : PersonSide.Found,
        int.TryParse(Detail(r, "age"), NumberStyles.None, CultureInfo.InvariantCulture, out var age) ? age : null,
        Detail(r, "ageBand"),
        Detail(r, "sex"),
        string.Join(" ， ", new[] { Detail(r, "clothing"), Detail(r, "shoes") }.OfType<string>()),
        string.Join(" ， ", new[] { r.Description, Detail(r, "lastSeenPlace"), Detail(r, "foundPlace") }.Where(t => !string.IsNullOrWhiteSpace(t))),
        r.PointCode,
        r.SubmittedAt);

    private static string? Detail(Report r, string name) => r.Details.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
}
