using System.Globalization;
using GridAid.Core.Directory;

namespace GridAid.Core.Matching;

/// <summary>Which side of a reunion a report is on: a person missing (a parent's report) or a person found alone.</summary>
public enum PersonSide
{
    Lost,
    Found,
}

/// <summary>
/// What the matcher knows of one lost- or found-person report: the lost person's age or the found person's age band,
/// sex, what they wear (clothing, shoes and the free text), where and when. Never a name or the reporter's contact.
/// </summary>
public sealed record PersonRecord(
    string TrackingCode,
    PersonSide Side,
    int? Age,
    string? AgeBand,
    string? Sex,
    string? Clothing,
    string? Description,
    string? PointCode,
    DateTimeOffset At);

/// <summary>One candidate for a person report: its code, a score (higher is likelier) and the reasons, as stable codes a page can translate.</summary>
public sealed record PersonMatch(string TrackingCode, double Score, IReadOnlyList<string> Reasons);

/// <summary>
/// Scores the open reports of the other side against one lost- or found-person report and returns the likeliest first.
/// Signals, each with a reason code: the age against the finder's age band (<c>age</c>, <c>age_near</c> when a year or
/// two off the band, else <c>age_differs</c>), the sex from the field or the words (男孩 / girl: <c>sex</c> or
/// <c>sex_differs</c>), the clothing as colour + garment pairs (红色外套 = red coat: <c>clothing</c>, or
/// <c>clothing_differs</c> when the same garment has another colour), the colours and garments named at all
/// (<c>colour</c>, <c>garment</c>), the other words both share, weighted by rarity (<c>words</c>), the time between them
/// (<c>time</c>; a child may be found before the parents report) and the distance through the grid (<c>same_point</c>,
/// <c>same_cell</c>, <c>neighbour_cell</c>), as <see cref="ItemMatcher"/> reads it. Words go through <see cref="MatchText"/>,
/// so a parent writing Chinese and a finder writing English still meet. Measured in docs/matching.md.
/// </summary>
public static class PersonMatcher
{
    /// <summary>How many candidates a station is shown (as many as for items).</summary>
    public const int Shown = ItemMatcher.Shown;

    /// <summary>Below this score a candidate is not worth a station's look.</summary>
    public const double Threshold = ItemMatcher.Threshold;

    /// <summary>The candidates of the other side, best first (at most <paramref name="top"/>, none below <see cref="Threshold"/>).</summary>
    public static IReadOnlyList<PersonMatch> Rank(PersonRecord query, IEnumerable<PersonRecord> candidates, AreaDirectory? area, int top = Shown)
    {
        var others = candidates.Where(c => c.Side != query.Side && c.TrackingCode != query.TrackingCode).Select(Profile.Of).ToList();
        if (others.Count == 0)
        {
            return [];
        }

        var q = Profile.Of(query);
        var rarity = ItemMatcher.Rarity(others.Append(q).Select(p => p.Terms));
        return ItemMatcher.Best(others.Select(c => Score(q, c, rarity, area)), m => m.Score, m => m.TrackingCode, Threshold, top);
    }

    /// <summary>The ages an age band covers (<c>3_6</c> → 3–6, <c>60_plus</c> → 60–120); null for an unknown band.</summary>
    public static (int Min, int Max)? BandRange(string? band)
    {
        if (string.IsNullOrEmpty(band))
        {
            return null;
        }

        var parts = band.Split('_');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min))
        {
            return null;
        }

        return parts[1] == "plus" ? (min, 120)
            : int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max >= min ? (min, max) : null;
    }

    private static PersonMatch Score(Profile q, Profile c, IReadOnlyDictionary<string, double> rarity, AreaDirectory? area)
    {
        var reasons = new List<string>();
        var (lost, found) = q.Record.Side == PersonSide.Lost ? (q, c) : (c, q);
        var score = Age(lost.Record.Age, found.Record.AgeBand, reasons);

        if (q.Sex is { } qs && c.Sex is { } cs)
        {
            var same = qs == cs;
            score += same ? 1.5 : -3.0;
            reasons.Add(same ? "sex" : "sex_differs");
        }

        // The same garment in the same colour says most; the same garment in another colour says "someone else".
        var shared = q.Pairs.Intersect(c.Pairs).Count();
        if (shared > 0)
        {
            score += 2.0 * Math.Min(shared, 3);
            reasons.Add("clothing");
        }

        var clash = q.Pairs.Select(p => p.Garment).Intersect(c.Pairs.Select(p => p.Garment))
            .Count(g => !q.Pairs.Where(p => p.Garment == g).Select(p => p.Colour).Intersect(c.Pairs.Where(p => p.Garment == g).Select(p => p.Colour)).Any());
        if (clash > 0)
        {
            score -= 1.5 * clash;
            reasons.Add("clothing_differs");
        }

        score += 1.5 * Overlap(q.Colours, c.Colours, "colour", reasons);
        score += 1.0 * Overlap(q.Garments, c.Garments, "garment", reasons);

        var words = ItemMatcher.Cosine(q.Terms, c.Terms, rarity);
        if (words > 0.05)
        {
            score += 3.0 * words;
            reasons.Add("words");
        }

        var hours = (found.Record.At - lost.Record.At).TotalHours;
        if (hours is >= -6 and <= 48)
        {
            var closeness = Math.Exp(-Math.Abs(hours) / 4);
            score += 1.0 * closeness;
            if (closeness > 0.5)
            {
                reasons.Add("time");
            }
        }
        else
        {
            score -= 1.5;
        }

        var (near, reason) = ItemMatcher.Proximity(q.Record.PointCode, c.Record.PointCode, area);
        if (reason is not null)
        {
            score += near;
            reasons.Add(reason);
        }

        return new PersonMatch(c.Record.TrackingCode, Math.Round(score, 3), reasons);
    }

    /// <summary>The lost person's age against the finder's band: inside (+2.5), within two years of it (+0.5: a guess), else −3.</summary>
    private static double Age(int? age, string? band, List<string> reasons)
    {
        if (age is not { } a || BandRange(band) is not { } range)
        {
            return 0;
        }

        if (a >= range.Min && a <= range.Max)
        {
            reasons.Add("age");
            return 2.5;
        }

        if (a >= range.Min - 2 && a <= range.Max + 2)
        {
            reasons.Add("age_near");
            return 0.5;
        }

        reasons.Add("age_differs");
        return -3.0;
    }

    /// <summary>The share of concepts two sets have in common (Jaccard, 0–1), with the reason when any.</summary>
    private static double Overlap(IReadOnlySet<string> a, IReadOnlySet<string> b, string reason, List<string> reasons)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        if (shared == 0)
        {
            return 0;
        }

        reasons.Add(reason);
        return shared / (double)a.Union(b).Count();
    }

    /// <summary>What one report says, read once: sex, colours, garments, colour + garment pairs, and the other terms.</summary>
    private sealed record Profile(
        PersonRecord Record,
        string? Sex,
        IReadOnlySet<string> Colours,
        IReadOnlySet<string> Garments,
        IReadOnlySet<(string Colour, string Garment)> Pairs,
        IReadOnlySet<string> Terms)
    {
        private static readonly HashSet<string> GarmentConcepts = new(StringComparer.Ordinal)
        {
            "item:jacket", "item:hoodie", "item:trousers", "item:shorts", "item:skirt", "item:dress", "item:tshirt", "item:shirt",
            "item:sweater", "item:vest", "item:hat", "item:shoes", "item:scarf", "item:gloves", "item:backpack",
        };

        public static Profile Of(PersonRecord r)
        {
            var (found, rest) = MatchText.Occurrences(MatchText.Normalise(string.Join(" ， ", new[] { r.Clothing, r.Description }.Where(t => !string.IsNullOrWhiteSpace(t)))));
            var colours = new HashSet<string>(StringComparer.Ordinal);
            var garments = new HashSet<string>(StringComparer.Ordinal);
            var pairs = new HashSet<(string, string)>();
            var terms = new HashSet<string>(StringComparer.Ordinal);
            var sexes = new HashSet<string>(StringComparer.Ordinal);
            // A colour belongs to the garment named after it (both languages put it first: 红色外套, red coat).
            var pending = new List<string>();
            foreach (var (_, concepts) in found)
            {
                var colour = concepts.Where(k => k.StartsWith("colour:", StringComparison.Ordinal)).ToList();
                var garment = concepts.Where(GarmentConcepts.Contains).ToList();
                colours.UnionWith(colour);
                pending.AddRange(colour);
                garments.UnionWith(garment);
                foreach (var g in garment)
                {
                    pairs.UnionWith(pending.Select(p => (p, g)));
                }

                if (garment.Count > 0)
                {
                    pending.Clear();
                }

                sexes.UnionWith(concepts.Where(k => k.StartsWith("sex:", StringComparison.Ordinal)).Select(k => k["sex:".Length..]));
                terms.UnionWith(concepts.Where(k => !k.StartsWith("colour:", StringComparison.Ordinal) && !k.StartsWith("sex:", StringComparison.Ordinal) && !GarmentConcepts.Contains(k)));
            }

            terms.UnionWith(MatchText.Terms(rest));
            var sex = r.Sex is "male" or "female" ? r.Sex : sexes.Count == 1 ? sexes.First() : null;
            return new Profile(r, sex, colours, garments, pairs, terms);
        }
    }
}
