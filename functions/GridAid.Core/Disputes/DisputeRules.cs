using System.Text.RegularExpressions;
using GridAid.Core.Directory;
using GridAid.Core.Reports;
using GridAid.Core.Routing;
using GridAid.Core.Security;
using GridAid.Core.Text;

namespace GridAid.Core.Disputes;

/// <summary>What a station sends to file a warning (<c>POST stations/{id}/disputes</c>); <see cref="Id"/> is made by the phone once.</summary>
public sealed record DisputeInput(string? Id, string? PointCode, string? CellId, string? Type, string? Severity, string? Parties, string? WhatHappened);

/// <summary>What the police post sends to close a warning: <c>mediated</c>, <c>referred</c> or <c>no_action</c>, the date (yyyy-MM-dd) and a note.</summary>
public sealed record DisputeOutcomeInput(string? Outcome, string? Date, string? Note);

/// <summary>Why an outcome was not recorded.</summary>
public enum OutcomeRefusal
{
    /// <summary>The station is not one the warning was routed to (the filing grid member may not close it).</summary>
    NotRoutedHere,

    /// <summary>Another outcome is already recorded; an outcome is final.</summary>
    AlreadyClosed,
}

/// <summary>
/// The rules of dispute warnings: the place is a QR point or a grid cell of the area; type and severity from their lists;
/// the parties and what happened are described in words, and text that looks like an identity number — a run of 18
/// digits (the last may be X) or the older 15 — is refused, because a warning is shared with the police as a lead, not
/// a file on people. It goes to the police posts of the cell, else of the neighbours, else the area's
/// (<see cref="ReportRouter.PolicePostsNearest"/>).
/// </summary>
public static partial class DisputeRules
{
    public const int MaxPartiesLength = 300;
    public const int MaxTextLength = 1000;

    private static readonly Dictionary<string, DisputeType> Types = new(StringComparer.Ordinal)
    {
        ["tourist_merchant"] = DisputeType.TouristMerchant,
        ["merchants"] = DisputeType.Merchants,
        ["neighbours"] = DisputeType.Neighbours,
        ["labour"] = DisputeType.Labour,
        ["other"] = DisputeType.Other,
    };

    private static readonly Dictionary<string, DisputeSeverity> Severities = new(StringComparer.Ordinal)
    {
        ["low"] = DisputeSeverity.Low,
        ["medium"] = DisputeSeverity.Medium,
        ["high"] = DisputeSeverity.High,
    };

    private static readonly Dictionary<string, DisputeOutcome> Outcomes = new(StringComparer.Ordinal)
    {
        ["mediated"] = DisputeOutcome.Mediated,
        ["referred"] = DisputeOutcome.Referred,
        ["no_action"] = DisputeOutcome.NoAction,
    };

    /// <summary>Whether <paramref name="text"/> holds something shaped like a resident identity number (18 digits, the last may be X; or 15 digits), spaces and dashes between digits ignored.</summary>
    public static bool LooksLikeIdNumber(string? text) =>
        !string.IsNullOrEmpty(text) && IdNumber().IsMatch(Separators().Replace(text, string.Empty));

    public static (Dispute? Valid, ValidationErrors Errors) File(AreaDirectory area, string stationId, DisputeInput input, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var id = input.Id?.Trim() ?? string.Empty;
        if (!AccessCode.IsId(id))
        {
            errors.Add("id", "id_invalid", Texts.Of("rule.useLowerCaseLettersDigits2"));
        }

        var pointCode = string.IsNullOrWhiteSpace(input.PointCode) ? null : input.PointCode.Trim();
        var point = pointCode is null ? null : area.FindPoint(pointCode);
        var cell = point is not null ? area.FindCell(point.GridCellId) : area.FindCell(input.CellId?.Trim() ?? string.Empty);
        if (pointCode is not null && point is null)
        {
            errors.Add("pointCode", "point_unknown", Texts.Of("rule.noQrPointOfThis"));
        }
        else if (cell is null)
        {
            errors.Add("cellId", "cell_unknown", Texts.Of("rule.chooseWhereItHappensA"));
        }

        var type = Choose(errors, "type", input.Type, Types, Texts.Of("rule.chooseTheKindOfDispute"));
        var severity = Choose(errors, "severity", input.Severity, Severities, Texts.Of("rule.chooseHowSeriousItIs"));
        var parties = Text(errors, "parties", input.Parties, MaxPartiesLength);
        var what = Text(errors, "whatHappened", input.WhatHappened, MaxTextLength);
        if (!errors.IsValid)
        {
            return (null, errors);
        }

        var routed = ReportRouter.PolicePostsNearest(cell, area).Select(s => s.Id).ToList();
        return (new Dispute(area.Area.Id, id, stationId, now, cell!.Id, point?.Code, type, severity, parties!, what!, routed), errors);
    }

    /// <summary>Who sees a warning: the filing station, a police post it was routed to, the area's admin. Nobody else learns it exists.</summary>
    public static bool Sees(Dispute dispute, string principal, bool isAdmin) =>
        isAdmin || dispute.FiledBy == principal || dispute.RoutedTo.Contains(principal, StringComparer.Ordinal);

    /// <summary>
    /// The warning closed by <paramref name="stationId"/> (a post it was routed to) with its outcome, or why not. The same
    /// outcome sent again is accepted as it is (a retried request).
    /// </summary>
    public static (Dispute? Closed, ValidationErrors Errors, OutcomeRefusal? Refusal) Close(
        Dispute dispute, string stationId, DisputeOutcomeInput input, DateOnly today, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        if (!dispute.RoutedTo.Contains(stationId, StringComparer.Ordinal))
        {
            return (null, errors, OutcomeRefusal.NotRoutedHere);
        }

        var outcome = Choose(errors, "outcome", input.Outcome, Outcomes, Texts.Of("rule.chooseTheOutcomeMediatedReferred"));
        DateOnly on = default;
        if (!DateOnly.TryParseExact(input.Date ?? string.Empty, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out on) || on > today)
        {
            errors.Add("date", "date_invalid", Texts.Of("rule.giveTheDateOfThe"));
        }

        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (note is { Length: > MaxTextLength })
        {
            errors.Add("note", "too_long", Texts.Of("rule.too_long", ("maxLength", MaxTextLength)));
        }
        else if (LooksLikeIdNumber(note))
        {
            IdNumberError(errors, "note");
        }

        if (!errors.IsValid)
        {
            return (null, errors, null);
        }

        if (dispute.Outcome is not null)
        {
            var same = dispute.Outcome == outcome && dispute.OutcomeOn == on && dispute.OutcomeNote == note && dispute.OutcomeBy == stationId;
            return same ? (dispute, errors, null) : (null, errors, OutcomeRefusal.AlreadyClosed);
        }

        return (dispute with { Outcome = outcome, OutcomeOn = on, OutcomeNote = note, OutcomeBy = stationId, OutcomeAt = now }, errors, null);
    }

    private static T Choose<T>(ValidationErrors errors, string field, string? raw, Dictionary<string, T> choices, LocalizedText message)
        where T : struct
    {
        if (raw is not null && choices.TryGetValue(raw.Trim(), out var value))
        {
            return value;
        }

        errors.Add(field, "invalid_choice", message);
        return default;
    }

    private static string? Text(ValidationErrors errors, string field, string? raw, int max)
    {
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(field, "required", Texts.Of("rule.required"));
        }
        else if (text.Length > max)
        {
            errors.Add(field, "too_long", Texts.Of("rule.too_long", ("maxLength", max)));
        }
        else if (LooksLikeIdNumber(text))
        {
            IdNumberError(errors, field);
        }

        return text;
    }

    private static void IdNumberError(ValidationErrors errors, string field) =>
        errors.Add(field, "id_number", Texts.Of("rule.doNotGiveIdentityNumbers"));

    // 18-digit resident identity number (GB 11643: 17 digits and a check digit 0-9 or X), or the older 15-digit one,
    // not part of a longer run of digits.
    [GeneratedRegex(@"(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9Xx])")]
    private static partial Regex IdNumber();

    [GeneratedRegex(@"(?<=[0-9])[\s\-]+(?=[0-9Xx])")]
    private static partial Regex Separators();
}
