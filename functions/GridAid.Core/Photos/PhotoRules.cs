namespace GridAid.Core.Photos;

/// <summary>
/// What a report's photos may be and where they are kept (docs/photos.md): at most <see cref="MaxPhotos"/>, each at
/// most <see cref="MaxBytes"/> as sent, JPEG, PNG or WebP; stored re-encoded as JPEG without any metadata, with a thumbnail.
/// </summary>
public static class PhotoRules
{
    /// <summary>Most photos one report carries.</summary>
    public const int MaxPhotos = 3;

    /// <summary>Largest photo file taken (8 MiB), before the server re-encodes it.</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    /// <summary>
    /// Most pixels a photo may declare in its header (40 megapixels, past every phone camera's default): read before
    /// the pixels are decoded, so a small file that unpacks into gigabytes (a decompression bomb) is refused unread.
    /// </summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>Longest side of the stored photo: the phone shrinks to about this before sending (web/js/form.js).</summary>
    public const int MaxSide = 1600;

    /// <summary>Longest side of the thumbnail the inbox shows.</summary>
    public const int ThumbnailSide = 320;

    /// <summary>What a stored photo and its thumbnail are.</summary>
    public const string ContentType = "image/jpeg";

    /// <summary>The photo's blob: <c>{area}/{trackingCode}/{n}.jpg</c>, n from 1; fixed, so a retried upload overwrites itself.</summary>
    public static string BlobName(string areaId, string trackingCode, int n, bool thumbnail) =>
        $"{Prefix(areaId, trackingCode)}{n}{(thumbnail ? ".thumb" : string.Empty)}.jpg";

    /// <summary>Every blob of one report starts with this.</summary>
    public static string Prefix(string areaId, string trackingCode) => $"{areaId}/{trackingCode}/";

    /// <summary>The photo number of a route (<c>1</c>…<paramref name="count"/>), or null.</summary>
    public static int? Number(string? raw, int count) =>
        int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= count ? n : null;

    /// <summary>Where a station fetches the photos of its alert (with its credential).</summary>
    public static IReadOnlyList<PhotoLink> ForStation(string stationId, string trackingCode, int count) =>
        Links($"/api/stations/{Uri.EscapeDataString(stationId)}/alerts/{trackingCode}/photos/", count);

    /// <summary>Where the area's admin fetches a report's photos.</summary>
    public static IReadOnlyList<PhotoLink> ForAdmin(string trackingCode, int count) =>
        Links($"/api/admin/reports/{trackingCode}/photos/", count);

    private static PhotoLink[] Links(string prefix, int count) =>
        [.. Enumerable.Range(1, Math.Clamp(count, 0, MaxPhotos)).Select(n => new PhotoLink($"{prefix}{n}", $"{prefix}{n}/thumb"))];
}

/// <summary>One photo as a page fetches it: the full photo and its thumbnail.</summary>
public sealed record PhotoLink(string Url, string ThumbnailUrl);
