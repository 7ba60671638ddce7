using Azure;
using GridAid.Core.Reports;

namespace GridAid.Infrastructure.Tables;

/// <summary>A report as read, with the key and ETag needed to change it safely.</summary>
public sealed record StoredReport(Report Report, string Key, ETag ETag);
