namespace GridAid.Core.Figures;

/// <summary>
/// One countable thing that happened in an area (an inspection done, a rectification closed, a question answered …),
/// counted once however often it is recorded: <see cref="FactId"/> is deterministic, so a retried queue message or a
/// double tap records the same fact again and changes nothing.
/// </summary>
/// <param name="AreaId">The area (tenant).</param>
/// <param name="Metric">What is counted: one of <see cref="FigureMetrics"/>.</param>
/// <param name="FactId">The fact's own identity within the metric (e.g. the inspection id).</param>
/// <param name="StationId">The station the figure belongs to.</param>
/// <param name="At">When it happened.</param>
/// <param name="Value">An optional measure (minutes to resolve, stars); null when the fact only counts.</param>
public sealed record FigureFact(string AreaId, string Metric, string FactId, string StationId, DateTimeOffset At, double? Value = null);

/// <summary>Records figure facts; the dashboard's roll-ups are built from what is recorded here.</summary>
public interface IFigureRecorder
{
    Task RecordAsync(FigureFact fact, CancellationToken ct);
}
