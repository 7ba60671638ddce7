using System.Collections.Concurrent;
using GridAid.Core.Directory;

namespace GridAid.Infrastructure.Tables;

/// <summary>
/// Keeps each area's directory in memory for a short time, so routing a report costs no directory reads.
/// A directory changes rarely; a change is seen within <see cref="Ttl"/>.
/// </summary>
public sealed class DirectoryCache(DirectoryStore store, TimeProvider clock)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (DateTimeOffset LoadedAt, AreaDirectory? Directory)> _areas = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset LoadedAt, string? AreaId)> _points = new(StringComparer.OrdinalIgnoreCase);

    public async Task<AreaDirectory?> GetAsync(string areaId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_areas.TryGetValue(areaId, out var hit) && now - hit.LoadedAt < Ttl)
        {
            return hit.Directory;
        }

        var loaded = await store.LoadAsync(areaId, ct);
        _areas[areaId] = (now, loaded);
        return loaded;
    }

    public async Task<string?> AreaOfPointAsync(string pointCode, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_points.TryGetValue(pointCode, out var hit) && now - hit.LoadedAt < Ttl)
        {
            return hit.AreaId;
        }

        var areaId = await store.FindAreaOfPointAsync(pointCode, ct);
        _points[pointCode] = (now, areaId);
        return areaId;
    }

    /// <summary>Forgets everything, so the next read sees the table (after seeding or an admin change).</summary>
    public void Clear()
    {
        _areas.Clear();
        _points.Clear();
    }
}
