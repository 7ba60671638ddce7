using GridAid.Core.Directory;

namespace GridAid.Core.Matching;

/// <summary>
/// Scores the open reports of the other side against one lost- or found-item report and returns the likeliest first.
/// Signals, each with a reason code: the category (<c>category</c>), the colour and the brand from the fields and the
/// text (<c>colour</c>, <c>brand</c>, or <c>colour_differs</c> / <c>brand_differs</c>), the words both descriptions
/// share, weighted by how rare each is among the candidates (<c>words</c>: concepts of <see cref="MatchText"/> across
/// Chinese and English, Chinese bigrams, English words), the time between them (<c>time</c>; a found item may be handed
/// in before its owner reports it) and the distance through the grid (<c>same_point</c>, <c>same_cell</c>,
/// <c>neighbour_cell</c>). Quality is measured on a labelled set (tests/GridAid.Core.Tests/Matching, docs/matching.md).
/// </summary>
public static class ItemMatcher
{
    /// <summary>How many candidates a station is shown.</summary>
    public const int Shown = 5;

    /// <summary>Below this a candidate is not worth a station's look.</summary>
    public const double Threshold = 1.0;

    /// <summary>The candidates of the other side, best first (at most <paramref name="top"/>, none below <see cref="Threshold"/>).</summary>
    public static IReadOnlyList<ItemMatch> Rank(ItemRecord query, IEnumerable<ItemRecord> candidates, AreaDirectory? area, int top = Shown)
    {
        var others = candidates.Where(c => c.Side != query.Side && c.TrackingCode != query.TrackingCode).Select(Profile.Of).ToList();
        if (others.Count == 0)
        {
            return [];
        }

        var q = Profile.Of(query);
        var rarity = Rarity(others.Append(q).Select(p => p.Terms));
        return Best(others.Select(c => Score(q, c, rarity, area)), m => m.Score, m => m.TrackingCode, Threshold, top);
    }

    /// <summary>The scored candidates at or above <paramref name="threshold"/>, best first (ties by code), at most <paramref name="top"/>: the order both matchers show.</summary>
    internal static List<T> Best<T>(IEnumerable<T> scored, Func<T, double> score, Func<T, string> code, double threshold, int top) =>
        scored.Where(m => score(m) >= threshold).OrderByDescending(score).ThenBy(code, StringComparer.Ordinal).Take(top).ToList();

    private static ItemMatch Score(Profile q, Profile c, IReadOnlyDictionary<string, double> rarity, AreaDirectory? area)
    {
        var reasons = new List<string>();
        var score = 0.0;

        if (string.Equals(q.Record.Category, c.Record.Category, StringComparison.Ordinal))
        {
            score += 2.5;
            reasons.Add("category");
        }
        else
        {
            score -= 1.5;
        }

        score += Agreement(q.Colours, c.Colours, 1.5, 1.5, "colour", reasons);
        score += Agreement(q.Brands, c.Brands, 2.0, 1.0, "brand", reasons);

        var words = Cosine(q.Terms, c.Terms, rarity);
        if (words > 0.05)
        {
            score += 5.0 * words;
            reasons.Add("words");
        }

        var (lost, found) = q.Record.Side == ItemSide.Lost ? (q.Record, c.Record) : (c.Record, q.Record);
        var hours = (found.At - lost.At).TotalHours;
        if (hours is >= -6 and <= 72)
        {
            var closeness = Math.Exp(-Math.Abs(hours) / 8);
            score += 1.0 * closeness;
            if (closeness > 0.5)
            {
                reasons.Add("time");
            }
        }
        else
        {
            score -= 1.0;
        }

        var (near, reason) = Proximity(q.Record.PointCode, c.Record.PointCode, area);
        if (reason is not null)
        {
            score += near;
            reasons.Add(reason);
        }

        return new ItemMatch(c.Record.TrackingCode, Math.Round(score, 3), reasons);
    }

    /// <summary>Both name one (+<paramref name="agree"/>), both name some but none in common (−<paramref name="conflict"/>), else nothing.</summary>
    internal static double Agreement(IReadOnlySet<string> a, IReadOnlySet<string> b, double agree, double conflict, string reason, List<string> reasons)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        if (a.Overlaps(b))
        {
            reasons.Add(reason);
            return agree;
        }

        reasons.Add(reason + "_differs");
        return -conflict;
    }

    /// <summary>Cosine of two term sets, each term weighted by its rarity among the candidates (0–1).</summary>
    internal static double Cosine(IReadOnlySet<string> a, IReadOnlySet<string> b, IReadOnlyDictionary<string, double> rarity)
    {
        double Weight(string t) => rarity.GetValueOrDefault(t, 1.0);
        var shared = a.Where(b.Contains).Sum(t => Weight(t) * Weight(t));
        if (shared == 0)
        {
            return 0;
        }

        var na = Math.Sqrt(a.Sum(t => Weight(t) * Weight(t)));
        var nb = Math.Sqrt(b.Sum(t => Weight(t) * Weight(t)));
        return shared / (na * nb);
    }

    /// <summary>Inverse document frequency of every term among the profiles: a word every bag has says little.</summary>
    internal static Dictionary<string, double> Rarity(IEnumerable<IReadOnlySet<string>> termSets)
    {
        var list = termSets.ToList();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in list.SelectMany(p => p))
        {
            counts[t] = counts.GetValueOrDefault(t) + 1;
        }

        return counts.ToDictionary(kv => kv.Key, kv => Math.Log(1 + (list.Count / (double)kv.Value)), StringComparer.Ordinal);
    }

    /// <summary>How near two points are through the grid (same point, same cell, neighbour cell), as a score and its reason; shared with <see cref="PersonMatcher"/>.</summary>
    internal static (double Score, string? Reason) Proximity(string? a, string? b, AreaDirectory? area)
    {
        if (a is null || b is null)
        {
            return (0, null);
        }

        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return (1.2, "same_point");
        }

        if (area?.FindPoint(a) is not { } pa || area.FindPoint(b) is not { } pb)
        {
            return (0, null);
        }

        if (pa.GridCellId == pb.GridCellId)
        {
            return (0.9, "same_cell");
        }

        var cell = area.FindCell(pa.GridCellId);
        return cell is not null && cell.NeighbourCellIds.Contains(pb.GridCellId, StringComparer.Ordinal) ? (0.5, "neighbour_cell") : (0, null);
    }

    /// <summary>What one report says, read once: its colours, brands and all its terms (concepts and leftover words).</summary>
    private sealed record Profile(ItemRecord Record, IReadOnlySet<string> Colours, IReadOnlySet<string> Brands, IReadOnlySet<string> Terms)
    {
        public static Profile Of(ItemRecord r)
        {
            var (colourField, _) = MatchText.Concepts(MatchText.Normalise(r.Colour));
            var (brandField, brandRest) = MatchText.Concepts(MatchText.Normalise(r.Brand));
            var (concepts, rest) = MatchText.Concepts(MatchText.Normalise(r.Description));
            var colours = colourField.Concat(concepts).Where(c => c.StartsWith("colour:", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
            var brands = brandField.Concat(concepts).Where(c => c.StartsWith("brand:", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);

            // A brand the lexicon does not know still counts: as a brand, and as a word the other side may have typed in its text ("osprey").
            var brandWords = MatchText.Terms(brandRest);
            brands.UnionWith(brandWords.Select(w => "brand:" + w));
            var terms = concepts.Where(c => !c.StartsWith("colour:", StringComparison.Ordinal) && !c.StartsWith("brand:", StringComparison.Ordinal))
                .Concat(MatchText.Terms(rest))
                .Concat(brandWords)
                .ToHashSet(StringComparer.Ordinal);
            return new Profile(r, colours, brands, terms);
        }
    }
}
