using System.Globalization;
using System.Text.RegularExpressions;

namespace GridAid.Core.Reports;

/// <summary>A submission that passed validation: trimmed, typed and safe to store.</summary>
public sealed record ValidReport(
    ReportKind Kind,
    string? PointCode,
    string? AreaId,
    string Description,
    Contact Contact,
    string Lang,
    string? ClientRequestId,
    IReadOnlyDictionary<string, string> Details)
{
    /// <summary>The station entering the report for a caller or a walk-in (set by the staff route after validation, never by a form).</summary>
    public string? EnteredBy { get; init; }
}

/// <summary>Checks a tourist's submission and says, per field and in both languages, what is wrong.</summary>
public static partial class ReportValidator
{
    public const int MaxDescription = 2000;

    /// <summary>Most <c>details</c> entries a submission may carry: every kind has fewer than ten fields.</summary>
    public const int MaxDetails = 32;

    /// <summary>Longest <c>details</c> field name (the longest real one has 13 characters).</summary>
    public const int MaxDetailName = 64;

    public static (ValidReport? Report, ValidationErrors Errors) Validate(ReportSubmission? s)
    {
        var errors = new ValidationErrors();
        if (s is null)
        {
            errors.Add("body", "body_required", ReportRules.Message("body_required"));
            return (null, errors);
        }

        // Refused rather than accepted and dropped: a person whose browser filled the hidden field anyway must learn that
        // the report did not go through (for a lost child, a silent drop is the worst answer); a bot learns little from it.
        if (!string.IsNullOrWhiteSpace(s.Website))
        {
            errors.Add(ReportSubmission.HoneypotField, "honeypot", ReportRules.Message("honeypot"));
            return (null, errors);
        }

        var known = ReportKinds.TryParse(s.Kind, out var kind);
        if (!known)
        {
            errors.Add("kind", "kind_required", ReportRules.Message("kind_required"));
        }

        var point = Clean(s.Point);
        if (point is not null && !CodePattern().IsMatch(point))
        {
            errors.Add("point", "point_invalid", ReportRules.Message("point_invalid"));
        }

        var area = Clean(s.Area);
        if (area is not null && !CodePattern().IsMatch(area))
        {
            errors.Add("area", "area_invalid", ReportRules.Message("area_invalid"));
        }

        var description = Clean(s.Description) ?? string.Empty;
        Check(errors, "description", description, known ? ReportRules.DescriptionFor(kind) : ReportRules.Description);

        var name = Clean(s.Contact?.Name);
        Check(errors, "contact.name", name, ReportRules.ContactName);

        var phone = NormalizePhone(s.Contact?.Phone);
        Check(errors, "contact.phone", phone, known ? ReportRules.PhoneFor(kind) : ReportRules.Phone);

        var requestId = Clean(s.ClientRequestId);
        if (requestId is not null && !RequestIdPattern().IsMatch(requestId))
        {
            errors.Add("clientRequestId", "request_id_invalid", ReportRules.Message("request_id_invalid"));
        }

        var details = errors.All.Any(e => e.Field == "kind") || !DetailsBounded(s.Details, errors)
            ? new Dictionary<string, string>()
            : ValidateDetails(kind, s.Details, errors);

        if (!errors.IsValid)
        {
            return (null, errors);
        }

        return (new ValidReport(kind, point?.ToLowerInvariant(), area?.ToLowerInvariant(), description, new Contact(name, phone),
            Directory.Language.Normalize(s.Lang), requestId, details), errors);
    }

    /// <summary>
    /// Unknown detail fields are ignored, but not in any number or length: a 64 KB body still holds thousands of tiny
    /// keys, each kept in memory until the request ends.
    /// </summary>
    private static bool DetailsBounded(Dictionary<string, string?>? raw, ValidationErrors errors)
    {
        if (raw is null)
        {
            return true;
        }

        if (raw.Count > MaxDetails)
        {
            errors.Add("details", "too_many_details", ReportRules.Message("too_many_details", max: MaxDetails));
            return false;
        }

        if (raw.Keys.Any(k => k.Length > MaxDetailName))
        {
            errors.Add("details", "detail_name_too_long", ReportRules.Message("detail_name_too_long", max: MaxDetailName));
            return false;
        }

        return true;
    }

    private static Dictionary<string, string> ValidateDetails(ReportKind kind, Dictionary<string, string?>? raw, ValidationErrors errors)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        raw ??= [];
        foreach (var field in ReportDetailFields.ByKind[kind])
        {
            var value = Clean(raw.GetValueOrDefault(field.Name));
            if (Check(errors, "details." + field.Name, value, ReportRules.For(field)) && value is not null)
            {
                result[field.Name] = value;
            }
        }

        return result;
    }

    /// <summary>
    /// One field against its rule, in the order the form's script applies the same rule (web/js/form.js): missing,
    /// too long, not a choice, out of range, not the pattern. True when the field passed.
    /// </summary>
    private static bool Check(ValidationErrors errors, string path, string? value, FieldRule rule)
    {
        string? code = null;
        if (string.IsNullOrEmpty(value))
        {
            code = rule.Required ? rule.RequiredCode : null;
        }
        else if (value.Length > rule.MaxLength)
        {
            code = rule.TooLongCode;
        }
        else if (rule.Choices is not null && !rule.Choices.Contains(value, StringComparer.Ordinal))
        {
            code = "invalid_choice";
        }
        else if (rule.Min is { } min && rule.Max is { } max
            && (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max))
        {
            code = "out_of_range";
        }
        else if (rule.Pattern is not null && !Regex.IsMatch(value, rule.Pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            code = rule.PatternCode;
        }

        if (code is not null)
        {
            errors.Add(path, code, ReportRules.Message(code, rule));
        }

        return code is null;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Strips spaces, dashes and brackets, and a mainland +86 prefix, so the same number is stored one way.</summary>
    public static string? NormalizePhone(string? phone)
    {
        var raw = Clean(phone);
        if (raw is null)
        {
            return null;
        }

        var digits = new string(raw.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray());
        if (digits.StartsWith("+86", StringComparison.Ordinal) && digits.Length == 14)
        {
            digits = digits[3..];
        }

        return digits.Length == 0 ? raw : digits;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.IgnoreCase)]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{8,64}$")]
    private static partial Regex RequestIdPattern();
}
