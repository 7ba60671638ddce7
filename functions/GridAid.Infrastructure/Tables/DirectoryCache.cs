using System.Collections.Concurrent;
using GridAid.Core.Directory;
using GridAid.Core.Security;

namespace GridAid.Infrastructure.Tables;

/// <summary>
/// Keeps each area's directory, and the area of each point code, in memory for a short time, so routing a
/// report costs no directory reads. A directory changes rarely; a change is seen within <see cref="Ttl"/>.
/// Misses (unknown areas, codes and principals) are cached too, so a bad QR code cannot make every request read the
/// table. Misses are kept apart from what was found and capped at <see cref="MaxMisses"/> per kind: keys are partly
/// user input, and a stream of made-up keys then only churns the misses, never what real requests need.
/// </summary>
public sealed class DirectoryCache(DirectoryStore store, DeviceStore devices, TimeProvider clock)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    /// <summary>Most misses kept per kind (areas, points, access hashes); past it, expired ones go first, then all misses.</summary>
    public const int MaxMisses = 1_000;

    /// <summary>Found entries are bounded by what the directory holds; this is only a guard against a runaway directory.</summary>
    private const int MaxEntries = 10_000;

    private readonly Entries<AreaDirectory> _areas = new(StringComparer.Ordinal);
    private readonly Entries<string> _points = new(StringComparer.OrdinalIgnoreCase);
    private readonly Entries<string> _access = new(StringComparer.Ordinal);
    private readonly Entries<DeviceSignIn> _devices = new(StringComparer.Ordinal);
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

    /// <summary>
    /// A sign-in remembered on a device, so a polling inbox signed in by device token costs no extra read; a revoked one
    /// stops working within <see cref="Ttl"/> on other instances, at once on the one that revoked it (<see cref="ForgetDevice"/>).
    /// </summary>
    public Task<DeviceSignIn?> DeviceAsync(string areaId, string id, CancellationToken ct) =>
        GetOrLoadAsync(_devices, areaId + "|" + id, () => devices.GetAsync(areaId, id, ct));

    /// <summary>Drops one device sign-in from this instance's memory (after it was revoked here).</summary>
    public void ForgetDevice(string areaId, string id) => _devices.Hits.TryRemove(areaId + "|" + id, out _);

    /// <summary>Forgets everything, so the next read sees the table (after seeding or an admin change).</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _areas.Clear();
        _points.Clear();
        _access.Clear();
        _devices.Clear();
    }

    /// <summary>How many misses are cached now, per kind (for tests and diagnostics).</summary>
    public (int Areas, int Points, int Access) MissCounts => (_areas.Misses.Count, _points.Misses.Count, _access.Misses.Count);

    private async Task<T?> GetOrLoadAsync<T>(Entries<T> cache, string key, Func<Task<T?>> load)
        where T : class
    {
        var now = clock.GetUtcNow();
        if (cache.Hits.TryGetValue(key, out var hit) && now - hit.LoadedAt < Ttl)
        {
            return hit.Value;
        }

        if (cache.Misses.TryGetValue(key, out var missedAt) && now - missedAt < Ttl)
        {
            return null;
        }

        var generation = Volatile.Read(ref _generation);
        var loaded = await load();
        if (generation != Volatile.Read(ref _generation))
        {
            // Cleared while loading: what was read may be from before the change; use it once, keep nothing.
            return loaded;
        }

        if (loaded is null)
        {
            cache.Hits.TryRemove(key, out _);
            if (cache.Misses.Count >= MaxMisses)
            {
                cache.DropExpiredMisses(now - Ttl);
            }

            cache.Misses[key] = now;
            return null;
        }

        if (cache.Hits.Count >= MaxEntries)
        {
            cache.Hits.Clear();
        }

        cache.Misses.TryRemove(key, out _);
        cache.Hits[key] = (now, loaded);
        return loaded;
    }

    /// <summary>One kind of entry: what was found, and the keys that were looked up and not found (with when).</summary>
    private sealed class Entries<T>(StringComparer comparer)
        where T : class
    {
        public ConcurrentDictionary<string, (DateTimeOffset LoadedAt, T Value)> Hits { get; } = new(comparer);

        public ConcurrentDictionary<string, DateTimeOffset> Misses { get; } = new(comparer);

        public void Clear()
        {
            Hits.Clear();
            Misses.Clear();
        }

        /// <summary>Drops misses older than <paramref name="before"/>; if none were, all of them (a flood of fresh made-up keys).</summary>
        public void DropExpiredMisses(DateTimeOffset before)
        {
            var dropped = 0;
            foreach (var (key, at) in Misses)
            {
                if (at < before && Misses.TryRemove(key, out _))
                {
                    dropped++;
                }
            }

            if (dropped == 0)
            {
                Misses.Clear();
            }
        }
    }
}
