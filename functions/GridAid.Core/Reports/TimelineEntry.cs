namespace GridAid.Core.Reports;

/// <summary>One step in a report's life; <see cref="StationId"/> says who took it, when a station did.</summary>
public sealed record TimelineEntry(DateTimeOffset At, ReportStatus Status, string? StationId = null, string? Note = null);
