using GridAid.Core.Figures;
using GridAid.Core.Reports;

namespace GridAid.Functions.Figures;

/// <summary>
/// Records what a report's step counts for the dashboard (<see cref="ReportFacts"/>): routed, answered, resolved, a
/// person reunited, an item handed over. Called after the report is written. A step that changed the report records the
/// facts it added; a repeat (a retried message or request, which changes nothing) records all of the report's facts
/// again, which finishes what a crash between the write and the record left out and counts nothing twice.
/// </summary>
public sealed class ReportFigures(IFigureRecorder recorder)
{
    public async Task RecordAsync(Report before, Report after, bool changed, CancellationToken ct)
    {
        foreach (var fact in changed ? ReportFacts.New(before, after) : ReportFacts.Of(after))
        {
            await recorder.RecordAsync(fact, ct);
        }
    }
}
