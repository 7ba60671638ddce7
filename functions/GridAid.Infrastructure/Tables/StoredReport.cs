using GridAid.Core.Reports;

namespace GridAid.Infrastructure.Tables;

/// <summary>
/// A report as read, with its row key and the version (the row's ETag, opaque to callers) that a conditional write
/// needs to change it safely.
/// </summary>
public sealed record StoredReport(Report Report, string Key, string Version);
