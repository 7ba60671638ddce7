namespace GridAid.Core.Directory;

/// <summary>A place with a QR poster (a gate, shop, cable-car station, trail marker). Codes are unique across areas.</summary>
public sealed record QrPoint(
    string AreaId,
    string Code,
    LocalizedText Name,
    string GridCellId);
