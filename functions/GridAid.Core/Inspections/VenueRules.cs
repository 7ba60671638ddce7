using GridAid.Core.Directory;
using GridAid.Core.Reports;
using GridAid.Core.Text;

namespace GridAid.Core.Inspections;

/// <summary>What an admin sends to create or change a venue (<c>PUT admin/venues/{id}</c>).</summary>
public sealed record VenueInput(NameInput? Name, string? Type, string? GridCellId, string? StationId, string? Contact);

/// <summary>One item of a checklist as an admin sends it.</summary>
public sealed record ChecklistItemInput(string? Id, NameInput? Text, string? Severity);

/// <summary>What an admin sends to replace a venue type's checklist (<c>PUT admin/checklists/{venueType}</c>).</summary>
public sealed record ChecklistInput(IReadOnlyList<ChecklistItemInput>? Items);

/// <summary>
/// The rules for an area's venues and checklists, checked against the directory as it is: the cell and the responsible
/// station exist, the type is one of the nine (<see cref="VenueTypes"/>), a checklist has 1–<see cref="MaxItems"/> items
/// with distinct ids and text in both languages.
/// </summary>
public static class VenueRules
{
    public const int MaxItems = 30;
    public const int MaxItemText = 120;

    public static (Venue? Valid, ValidationErrors Errors) Venue(AreaDirectory area, string id, VenueInput? input)
    {
        var errors = new ValidationErrors();
        DirectoryRules.CheckId(errors, id);
        var name = DirectoryRules.CheckName(errors, input?.Name);
        var type = VenueTypes.Parse(input?.Type);
        if (type is null)
        {
            errors.Add("type", "invalid_choice", Texts.Of("rule.chooseTheVenueTypeOne"));
        }

        var cell = input?.GridCellId?.Trim();
        if (string.IsNullOrEmpty(cell) || area.FindCell(cell) is null)
        {
            errors.Add("gridCellId", "cell_unknown", Texts.Of("rule.chooseAGridCellOf"));
        }

        var station = input?.StationId?.Trim();
        if (string.IsNullOrEmpty(station) || area.FindStation(station) is null)
        {
            errors.Add("stationId", "station_unknown", Texts.Of("rule.chooseTheStationOfThis"));
        }

        var contact = DirectoryRules.CheckPhone(errors, "contact", input?.Contact);
        return errors.IsValid ? (new Venue(area.Area.Id, id, name!, type!.Value, cell!, station!, contact), errors) : (null, errors);
    }

    public static (Checklist? Valid, ValidationErrors Errors) Checklist(string venueType, ChecklistInput? input)
    {
        var errors = new ValidationErrors();
        var type = VenueTypes.Parse(venueType);
        if (type is null)
        {
            errors.Add("venueType", "invalid_choice", Texts.Of("rule.noSuchVenueType"));
        }

        var items = new List<ChecklistItem>();
        var raw = input?.Items ?? [];
        if (raw.Count is 0 or > MaxItems)
        {
            errors.Add("items", "items_count", Texts.Of("rule.aChecklistHasToMaxitems", ("maxItems", MaxItems)));
        }

        for (var i = 0; i < Math.Min(raw.Count, MaxItems); i++)
        {
            var field = $"items[{i}]";
            var item = raw[i];
            var itemErrors = new ValidationErrors();
            var id = item?.Id?.Trim() ?? string.Empty;
            DirectoryRules.CheckId(itemErrors, id);
            if (items.Any(x => x.Id == id))
            {
                itemErrors.Add("id", "duplicate", Texts.Of("rule.twoItemsHaveThisId"));
            }

            var text = DirectoryRules.CheckName(itemErrors, item?.Text, "text", MaxItemText);
            Severity severity = default;
            if (item?.Severity is not { } s || !s.All(c => char.IsAsciiLetter(c) || c == '_') || !Enum.TryParse(s.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out severity) || !Enum.IsDefined(severity))
            {
                itemErrors.Add("severity", "invalid_choice", Texts.Of("rule.chooseTheSeverityCriticalMajor"));
            }

            foreach (var e in itemErrors.All)
            {
                errors.Add($"{field}.{e.Field}", e.Code, e.Zh, e.En);
            }

            if (itemErrors.IsValid)
            {
                items.Add(new ChecklistItem(id, text!, severity));
            }
        }

        return errors.IsValid ? (new Checklist(type!.Value, items), errors) : (null, errors);
    }

    /// <summary>
    /// Whether <paramref name="station"/> inspects <paramref name="venue"/> and reads its record: the station responsible
    /// for it, a station of its grid cell (grid members and police posts there), or the admin.
    /// </summary>
    public static bool Covers(AreaDirectory area, Station station, Venue venue) =>
        venue.StationId == station.Id
        || (area.FindCell(venue.GridCellId)?.StationIds.Contains(station.Id, StringComparer.Ordinal) ?? false);
}
