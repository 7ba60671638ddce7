namespace GridAid.Core.Directory;

/// <summary>A scenic area: the tenant every other entity belongs to.</summary>
public sealed record Area(string Id, LocalizedText Name, string DefaultStationId);
