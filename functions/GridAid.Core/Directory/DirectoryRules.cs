using System.Text.Json;
using System.Text.Json.Serialization;
using GridAid.Core.Reports;
using GridAid.Core.Security;
using GridAid.Core.Text;

namespace GridAid.Core.Directory;

/// <summary>A name as an admin sends it: both languages, either may be missing (and is then reported).</summary>
public sealed record NameInput(string? Zh, string? En)
{
    /// <summary>The name in the other listed languages (<c>"ko": …</c>), keyed by primary subtag; optional.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Others { get; init; }
}

/// <summary>What an admin sends to create or change a station (<c>PUT admin/stations/{id}</c>).</summary>
public sealed record StationInput(NameInput? Name, string? Type, string? Phone, bool? Command = null);

/// <summary>What an admin sends to create or change a grid cell (<c>PUT admin/cells/{id}</c>).</summary>
public sealed record CellInput(NameInput? Name, IReadOnlyList<string>? StationIds, IReadOnlyList<string>? NeighbourCellIds);

/// <summary>What an admin sends to create or change a QR point (<c>PUT admin/points/{code}</c>).</summary>
public sealed record PointInput(NameInput? Name, string? GridCellId);

/// <summary>What an admin sends to rename the area or change its duty station (<c>PUT admin/area</c>).</summary>
public sealed record AreaInput(NameInput? Name, string? DefaultStationId);

/// <summary>
/// What an operator gives to create an area (the command-line tool): its id and name, and its first station, the
/// police post that takes every report no grid cell claims (the area's duty station).
/// </summary>
public sealed record NewAreaInput(string Id, NameInput? Name, string DutyStationId, NameInput? DutyStationName, string? DutyStationPhone = null);

/// <summary>
/// The rules for changing an area's directory, checked against the area as it is now: ids safe as table keys,
/// names in both languages, every referenced station and cell present, nothing deleted that is still used.
/// Field errors name the JSON field (<c>name.zh</c>, <c>stationIds</c>) and carry a stable code for the page.
/// </summary>
public static class DirectoryRules
{
    public const int MaxNameLength = 60;
    public const int MaxPhoneLength = 30;
    public const int MaxReferences = 50;

    private static readonly Dictionary<string, StationType> Types = new(StringComparer.Ordinal)
    {
        ["police_post"] = StationType.PolicePost,
        ["grid_office"] = StationType.GridOffice,
        ["lost_and_found"] = StationType.LostAndFound,
        ["grid_member"] = StationType.GridMember,
    };

    /// <summary>The wire names of the station types, as the API reads and writes them.</summary>
    public static IReadOnlyCollection<string> StationTypes => Types.Keys;

    public static (Station? Valid, ValidationErrors Errors) Station(AreaDirectory area, string id, StationInput? input)
    {
        var errors = new ValidationErrors();
        CheckId(errors, id);
        if (id == AccessCode.AdminPrincipal)
        {
            errors.Add("id", "id_reserved", Texts.Of("rule.aStationCannotBeCalled"));
        }

        var name = CheckName(errors, input?.Name);
        StationType type = default;
        if (input?.Type is not { } t || !Types.TryGetValue(t, out type))
        {
            errors.Add("type", "invalid_choice", Texts.Of("rule.chooseTheStationType"));
        }

        var phone = CheckPhone(errors, "phone", input?.Phone);

        var command = input?.Command == true;
        if (command && area.Stations.FirstOrDefault(s => s.Command && s.Id != id) is { } other)
        {
            errors.Add("command", "command_taken", Texts.Fill(Texts.Of("rule.command_taken"), "name", other.Name));
        }

        return errors.IsValid ? (new Station(area.Area.Id, id, name!, type, phone, command), errors) : (null, errors);
    }

    public static (GridCell? Valid, ValidationErrors Errors) Cell(AreaDirectory area, string id, CellInput? input)
    {
        var errors = new ValidationErrors();
        CheckId(errors, id);
        var name = CheckName(errors, input?.Name);
        var stations = Distinct(input?.StationIds);
        if (stations.Count == 0)
        {
            errors.Add("stationIds", "stations_required", Texts.Of("rule.chooseAtLeastOneStation"));
        }
        else if (stations.Count > MaxReferences || stations.Any(s => area.FindStation(s) is null))
        {
            errors.Add("stationIds", "station_unknown", Texts.Of("rule.aStationDoesNotExist"));
        }

        var neighbours = Distinct(input?.NeighbourCellIds);
        if (neighbours.Count > MaxReferences || neighbours.Any(c => c == id || area.FindCell(c) is null))
        {
            errors.Add("neighbourCellIds", "cell_unknown", Texts.Of("rule.neighboursMustBeOtherGrid"));
        }

        return errors.IsValid ? (new GridCell(area.Area.Id, id, name!, stations, neighbours), errors) : (null, errors);
    }

    public static (QrPoint? Valid, ValidationErrors Errors) Point(AreaDirectory area, string code, PointInput? input)
    {
        var errors = new ValidationErrors();
        CheckId(errors, code);
        var name = CheckName(errors, input?.Name);
        var cell = input?.GridCellId?.Trim();
        if (string.IsNullOrEmpty(cell) || area.FindCell(cell) is null)
        {
            errors.Add("gridCellId", "cell_unknown", Texts.Of("rule.chooseAGridCellOf"));
        }

        return errors.IsValid ? (new QrPoint(area.Area.Id, code, name!, cell!), errors) : (null, errors);
    }

    /// <summary>The area renamed, or given another duty station: names in both languages, the station one of this area's.</summary>
    public static (Area? Valid, ValidationErrors Errors) Area(AreaDirectory area, AreaInput? input)
    {
        var errors = new ValidationErrors();
        var name = CheckName(errors, input?.Name);
        var station = input?.DefaultStationId?.Trim();
        if (string.IsNullOrEmpty(station) || area.FindStation(station) is null)
        {
            errors.Add("defaultStationId", "station_unknown", Texts.Of("rule.chooseAStationOfThis"));
        }

        return errors.IsValid ? (area.Area with { Name = name!, DefaultStationId = station! }, errors) : (null, errors);
    }

    /// <summary>
    /// The smallest directory that takes reports: the area and its duty station, a police post (every report whose
    /// point no grid cell claims goes there, and every lost person reaches it). Station errors are prefixed
    /// <c>dutyStation.</c>.
    /// </summary>
    public static (AreaDirectory? Valid, ValidationErrors Errors) NewArea(NewAreaInput input)
    {
        var errors = new ValidationErrors();
        CheckId(errors, input.Id);
        var name = CheckName(errors, input.Name);
        var placeholder = new AreaDirectory(new Area(input.Id, name ?? new LocalizedText("-", "-"), input.DutyStationId), [], [], []);
        var (station, stationErrors) = Station(placeholder, input.DutyStationId, new StationInput(input.DutyStationName, "police_post", input.DutyStationPhone));
        foreach (var e in stationErrors.All)
        {
            errors.Add("dutyStation." + e.Field, e.Code, e.Zh, e.En);
        }

        return errors.IsValid
            ? (new AreaDirectory(new Area(input.Id, name!, station!.Id), [station], [], []), errors)
            : (null, errors);
    }

    /// <summary>Why a station cannot be deleted now (the area's duty station, or cells still list it), or null.</summary>
    public static string? StationInUse(AreaDirectory area, string stationId)
    {
        if (area.Area.DefaultStationId == stationId)
        {
            return "default";
        }

        if (area.Cells.Any(c => c.StationIds.Contains(stationId, StringComparer.Ordinal)))
        {
            return "cells";
        }

        return area.Venues.Any(v => v.StationId == stationId) ? "venues" : null;
    }

    /// <summary>Whether a cell still has QR points or venues in it (it cannot be deleted then).</summary>
    public static bool CellHasPoints(AreaDirectory area, string cellId) =>
        area.Points.Any(p => string.Equals(p.GridCellId, cellId, StringComparison.Ordinal))
        || area.Venues.Any(v => string.Equals(v.GridCellId, cellId, StringComparison.Ordinal));

    /// <summary>A neighbour of a deleted cell, without it; null when <paramref name="cell"/> does not list it (nothing to rewrite).</summary>
    public static GridCell? WithoutNeighbour(GridCell cell, string deletedCellId) =>
        cell.Id != deletedCellId && cell.NeighbourCellIds.Contains(deletedCellId, StringComparer.Ordinal)
            ? cell with { NeighbourCellIds = cell.NeighbourCellIds.Where(n => n != deletedCellId).ToList() }
            : null;

    /// <summary>A phone number (digits, +, - and spaces, at most <see cref="MaxPhoneLength"/>), or null when none was given.</summary>
    internal static string? CheckPhone(ValidationErrors errors, string field, string? raw)
    {
        var phone = string.IsNullOrWhiteSpace(raw) ? null : raw.Trim();
        if (phone is not null && (phone.Length > MaxPhoneLength || !phone.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ')))
        {
            errors.Add(field, "phone_invalid", Texts.Of("rule.useDigitsAndSpacesAt"));
        }

        return phone;
    }

    internal static void CheckId(ValidationErrors errors, string id)
    {
        if (!AccessCode.IsId(id))
        {
            errors.Add("id", "id_invalid", Texts.Of("rule.useLowerCaseLettersDigits"));
        }
    }

    internal static LocalizedText? CheckName(ValidationErrors errors, NameInput? name, string field = "name", int maxLength = MaxNameLength)
    {
        // Chinese and English are required (every area has them); any other listed language may be given too.
        var zh = name?.Zh?.Trim();
        var en = name?.En?.Trim();
        var valid = Check(field + ".zh", zh, required: true) & Check(field + ".en", en, required: true);
        var texts = new List<KeyValuePair<string, string>> { new("zh", zh ?? string.Empty), new("en", en ?? string.Empty) };
        var listed = Texts.Languages.Select(l => Language.KeyOf(l.Code)).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in name?.Others ?? [])
        {
            var lang = Language.KeyOf(key);
            if (!listed.Contains(lang) || value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                errors.Add(field + "." + key, "lang_unknown", Texts.Of("rule.lang_unknown", ("langs", string.Join(", ", listed))));
                valid = false;
                continue;
            }

            var text = value.ValueKind == JsonValueKind.String ? value.GetString()?.Trim() : null;
            valid &= Check(field + "." + key, text, required: false);
            texts.Add(new(lang, text ?? string.Empty));
        }

        return valid ? new LocalizedText(texts) : null;

        bool Check(string at, string? value, bool required)
        {
            if (string.IsNullOrEmpty(value))
            {
                if (required)
                {
                    errors.Add(at, "required", Texts.Of("rule.required"));
                }

                return !required;
            }

            if (value.Length > maxLength)
            {
                errors.Add(at, "too_long", Texts.Of("rule.too_long", ("maxLength", maxLength)));
                return false;
            }

            return true;
        }
    }

    internal static List<string> Distinct(IReadOnlyList<string>? ids) =>
        (ids ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToList();
}
