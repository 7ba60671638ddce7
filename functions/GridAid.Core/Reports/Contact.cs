namespace GridAid.Core.Reports;

/// <summary>The reporter's contact data: seen by the routed stations and admins, never by the public status page.</summary>
public sealed record Contact(string? Name, string? Phone);
