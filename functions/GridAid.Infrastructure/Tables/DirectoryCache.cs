using System.Collections.Concurrent;
using GridAid.Core.Directory;

namespace GridAid.Infrastructure.Tables;

/// <summary>
/// Keeps each area's directory, and the area of each point code, in memory for a short time, so routing a
/// report costs no directory reads. A directory changes rarely; a change is seen within <see cref="Ttl"/>.
/// Misses (unknown areas and codes) are cached too, so a bad QR code cannot make every request read the table.
/// </summary>
public sealed class DirectoryCache(DirectoryStore store, TimeProvider clock)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    /// <summary>Keys are partly user input (scanned or typed codes): past this many, start over rather than grow.</summary>
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (DateTimeOffset LoadedAt, AreaDirectory? Value)> _areas = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset LoadedAt, string? Value)> _points = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (DateTimeOffset LoadedAt, string? Value)> _access = new(StringComparer.Ordinal);
    private long _generation;

    public Task<AreaDirectory?> GetAsync(string areaId, CancellationToken ct) =>
        GetOrLoadAsync(_areas, areaId, () => store.LoadAsync(areaId, ct));

    public Task<string?> AreaOfPointAsync(string pointCode, CancellationToken ct) =>
        GetOrLoadAsync(_points, pointCode, () => store.FindAreaOfPointAsync(pointCode, ct));

    /// <summary>A point by its (scanned or typed) code, with its area's directory; null for an unknown or malformed code.</summary>
    public async Task<(AreaDirectory Area, QrPoint Point)?> FindPointAsync(string code, CancellationToken ct) =>
        Core.Security.AccessCode.IsId(code.ToLowerInvariant())
        && await AreaOfPointAsync(code, ct) is { } areaId
        && await GetAsync(areaId, ct) is { } area
        && area.FindPoint(code) is { } point
            ? (area, point)
            : null;

    /// <summary>The stored hash of a station's or admin's access code; a changed or revoked code takes effect within <see cref="Ttl"/>.</summary>
    public Task<string?> AccessHashAsync(string areaId, string principal, CancellationToken ct) =>
        GetOrLoadAsync(_access, areaId + "|" + principal, () => store.GetAccessHashAsync(areaId, principal, ct));

    /// <summary>Forgets everything, so the next read sees the table (after seeding or an admin change).</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _areas.Clear();
        _points.Clear();
        _access.Clear();
    }

    private async Task<T?> GetOrLoadAsync<T>(ConcurrentDictionary<string, (DateTimeOffset LoadedAt, T? Value)> cache, string key, Func<Task<T?>> load)
        where T : class
    {
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(key, out var hit) && now - hit.LoadedAt < Ttl)
        {
            return hit.Value;
        }

        var generation = Volatile.Read(ref _generation);
        var loaded = await load();
        if (generation != Volatile.Read(ref _generation))
        {
            // Cleared while loading: what was read may be from before the change; use it once, keep nothing.
            return loaded;
        }

        if (cache.Count >= MaxEntries)
        {
            cache.Clear();
        }

        cache[key] = (now, loaded);
        return loaded;
    }
}
