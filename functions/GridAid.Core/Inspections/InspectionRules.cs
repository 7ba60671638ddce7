using GridAid.Core.Directory;
using GridAid.Core.Reports;
using GridAid.Core.Routing;
using GridAid.Core.Security;
using GridAid.Core.Text;

namespace GridAid.Core.Inspections;

/// <summary>One item's answer as the phone sends it: <c>pass</c>, <c>fail</c> or <c>not_applicable</c>, and a note.</summary>
public sealed record InspectedItemInput(string? ItemId, string? Result, string? Note);

/// <summary>
/// What a station sends to record an inspection (<c>POST stations/{id}/inspections</c>). <see cref="Id"/> is made by
/// the phone once per inspection, so a retried request is the same inspection.
/// </summary>
public sealed record InspectionInput(string? Id, string? VenueId, IReadOnlyList<InspectedItemInput>? Items, string? Note);

/// <summary>
/// How long a failed item may take to be put right, by its severity (section <c>GridAid:Rectifications</c>). A
/// critical hazard (a locked exit, a leaking gas hose, someone sleeping in the shop) is to be put right at once, here by
/// the next day; a major one within a week; a minor one within a month.
/// </summary>
public sealed class RectificationPolicy
{
    public TimeSpan CriticalWithin { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan MajorWithin { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan MinorWithin { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan For(Severity severity) => severity switch
    {
        Severity.Critical => CriticalWithin,
        Severity.Major => MajorWithin,
        _ => MinorWithin,
    };
}

/// <summary>What an inspection changes: the rectifications it opens and those it closes.</summary>
public sealed record InspectionEffect(Inspection Inspection, IReadOnlyList<Rectification> Opened, IReadOnlyList<Rectification> Closed);

/// <summary>
/// The rules of an inspection: every item of the venue's checklist answered once (pass, fail, not applicable), notes
/// bounded; every failed item without an open rectification opens one, due by its severity
/// (<see cref="RectificationPolicy"/>); an item passed closes the venue's open rectification of it; a not-applicable
/// answer leaves it as it was; an item failed again keeps its one open rectification (and its first deadline).
/// </summary>
public static class InspectionRules
{
    public const int MaxNoteLength = 500;

    private static readonly Dictionary<string, ItemResult> Results = new(StringComparer.Ordinal)
    {
        ["pass"] = ItemResult.Pass,
        ["fail"] = ItemResult.Fail,
        ["not_applicable"] = ItemResult.NotApplicable,
    };

    /// <summary>The inspection as recorded (its items in checklist order), or the fields that were wrong.</summary>
    public static (Inspection? Valid, ValidationErrors Errors) Inspection(
        Checklist checklist, Venue venue, string stationId, InspectionInput input, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var id = input.Id?.Trim() ?? string.Empty;
        if (!AccessCode.IsId(id))
        {
            errors.Add("id", "id_invalid", Texts.Of("rule.useLowerCaseLettersDigits3"));
        }

        var note = CheckNote(errors, "note", input.Note);
        var given = input.Items ?? [];
        var items = new List<InspectedItem>();
        for (var i = 0; i < given.Count; i++)
        {
            var item = given[i];
            if (item?.ItemId is not { } itemId || checklist.Items.All(x => x.Id != itemId))
            {
                errors.Add($"items[{i}].itemId", "item_unknown", Texts.Of("rule.thisItemIsNotOn"));
                continue;
            }

            if (given.Take(i).Any(x => x?.ItemId == itemId))
            {
                errors.Add($"items[{i}].itemId", "duplicate", Texts.Of("rule.thisItemIsAnsweredTwice"));
                continue;
            }

            if (item.Result is not { } r || !Results.TryGetValue(r, out var result))
            {
                errors.Add($"items[{i}].result", "invalid_choice", Texts.Of("rule.choosePassFailOrNot"));
                continue;
            }

            items.Add(new InspectedItem(itemId, result, CheckNote(errors, $"items[{i}].note", item.Note)));
        }

        if (checklist.Items.FirstOrDefault(x => given.All(g => g?.ItemId != x.Id)) is { } missing)
        {
            errors.Add("items", "item_missing", Texts.Fill(Texts.Of("rule.item_missing"), "item", missing.Text));
        }

        if (!errors.IsValid)
        {
            return (null, errors);
        }

        var ordered = checklist.Items.Select(x => items.First(i => i.ItemId == x.Id) with { Text = x.Text }).ToList();
        return (new Inspection(venue.AreaId, id, venue.Id, stationId, now, note, ordered, [], []), errors);
    }

    /// <summary>
    /// The rectifications <paramref name="inspection"/> opens and closes, given the venue's <paramref name="open"/> ones
    /// (open or escalated), and the inspection with their ids. A new rectification's id is the inspection id and the item
    /// id, so a retried inspection opens the same one.
    /// </summary>
    public static InspectionEffect Apply(
        Inspection inspection, Checklist checklist, IReadOnlyList<Rectification> open, RectificationPolicy policy)
    {
        var opened = new List<Rectification>();
        var closed = new List<Rectification>();
        foreach (var item in inspection.Items)
        {
            var existing = open.FirstOrDefault(r => r.IsOpen && r.VenueId == inspection.VenueId && r.ItemId == item.ItemId);
            if (item.Result == ItemResult.Fail && existing is null)
            {
                var check = checklist.Items.First(x => x.Id == item.ItemId);
                opened.Add(new Rectification(
                    inspection.AreaId, RectificationId(inspection.Id, item.ItemId), inspection.VenueId, item.ItemId, check.Text, check.Severity,
                    inspection.Id, inspection.StationId, inspection.At, inspection.At + policy.For(check.Severity)));
            }
            else if (item.Result == ItemResult.Pass && existing is not null)
            {
                closed.Add(existing with { Status = RectificationStatus.Closed, ClosedBy = inspection.Id, ClosedAt = inspection.At });
            }
        }

        return new InspectionEffect(
            inspection with { Opened = [.. opened.Select(r => r.Id)], Closed = [.. closed.Select(r => r.Id)] },
            opened,
            closed);
    }

    public static string RectificationId(string inspectionId, string itemId) => $"{inspectionId}.{itemId}";

    /// <summary>Whether an open rectification is past its deadline and not yet escalated.</summary>
    public static bool Overdue(Rectification r, DateTimeOffset now) => r.Status == RectificationStatus.Open && now >= r.Due;

    /// <summary>An overdue rectification given to the police posts of the venue's cell (else its neighbours', else the area's).</summary>
    public static Rectification Escalate(Rectification r, AreaDirectory area, Venue? venue, DateTimeOffset now) =>
        r with
        {
            Status = RectificationStatus.Escalated,
            EscalatedAt = now,
            EscalatedTo = [.. ReportRouter.PolicePostsNearest(venue is null ? null : area.FindCell(venue.GridCellId), area).Select(s => s.Id)],
        };

    /// <summary>Whether a station sees a rectification: it covers the venue (<see cref="VenueRules.Covers"/>) or the rectification was escalated to it.</summary>
    public static bool Sees(AreaDirectory area, Station station, Venue? venue, Rectification r) =>
        (venue is not null && VenueRules.Covers(area, station, venue)) || (r.EscalatedTo?.Contains(station.Id, StringComparer.Ordinal) ?? false);

    private static string? CheckNote(ValidationErrors errors, string field, string? raw)
    {
        var note = string.IsNullOrWhiteSpace(raw) ? null : raw.Trim();
        if (note is { Length: > MaxNoteLength })
        {
            errors.Add(field, "too_long", Texts.Of("rule.too_long", ("maxLength", MaxNoteLength)));
        }

        return note;
    }
}
