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
    IReadOnlyDictionary<string, string> Details);

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
            errors.Add("body", "body_required", "请填写报告内容", "The report is empty");
            return (null, errors);
        }

        // Refused rather than accepted and dropped: a person whose browser filled the hidden field anyway must learn that
        // the report did not go through (for a lost child, a silent drop is the worst answer); a bot learns little from it.
        if (!string.IsNullOrWhiteSpace(s.Website))
        {
            errors.Add(ReportSubmission.HoneypotField, "honeypot", "报告未能发送：请刷新页面后重新填写", "The report could not be sent: reload the page and fill it in again");
            return (null, errors);
        }

        if (!ReportKinds.TryParse(s.Kind, out var kind))
        {
            errors.Add("kind", "kind_required", "请选择报告类型", "Choose what you are reporting");
        }

        var point = Clean(s.Point);
        if (point is not null && !CodePattern().IsMatch(point))
        {
            errors.Add("point", "point_invalid", "地点编码无效", "The place code is not valid");
        }

        var area = Clean(s.Area);
        if (area is not null && !CodePattern().IsMatch(area))
        {
            errors.Add("area", "area_invalid", "景区编码无效", "The area code is not valid");
        }

        var description = Clean(s.Description) ?? string.Empty;
        if (description.Length > MaxDescription)
        {
            errors.Add("description", "description_too_long", $"描述最多{MaxDescription}字", $"Use at most {MaxDescription} characters");
        }
        else if (description.Length == 0 && kind is ReportKind.Help or ReportKind.Tip)
        {
            errors.Add("description", "description_required", "请描述您的情况", "Please describe what you need or saw");
        }

        var name = Clean(s.Contact?.Name);
        if (name is { Length: > 50 })
        {
            errors.Add("contact.name", "name_too_long", "姓名最多50字", "Use at most 50 characters for the name");
        }

        var phone = NormalizePhone(s.Contact?.Phone);
        if (phone is null && kind == ReportKind.LostPerson)
        {
            errors.Add("contact.phone", "phone_required", "请留下您的手机号,以便民警联系您", "Leave your phone number so the police can call you");
        }
        else if (phone is not null && !PhonePattern().IsMatch(phone))
        {
            errors.Add("contact.phone", "phone_invalid", "请输入11位手机号或以+开头的国际号码", "Enter an 11-digit mobile number or an international number starting with +");
        }

        var requestId = Clean(s.ClientRequestId);
        if (requestId is not null && !RequestIdPattern().IsMatch(requestId))
        {
            errors.Add("clientRequestId", "request_id_invalid", "请求编号无效", "The request id is not valid");
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
            errors.Add("details", "too_many_details", $"附加信息最多{MaxDetails}项", $"Send at most {MaxDetails} detail fields");
            return false;
        }

        if (raw.Keys.Any(k => k.Length > MaxDetailName))
        {
            errors.Add("details", "detail_name_too_long", $"附加信息的名称最多{MaxDetailName}个字符", $"Detail field names have at most {MaxDetailName} characters");
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
            var path = "details." + field.Name;
            if (value is null)
            {
                if (field.Required)
                {
                    errors.Add(path, "required", "此项必填", "This field is required");
                }

                continue;
            }

            if (value.Length > field.MaxLength)
            {
                errors.Add(path, "too_long", $"最多{field.MaxLength}字", $"Use at most {field.MaxLength} characters");
            }
            else if (field.Choices is not null && !field.Choices.Contains(value, StringComparer.Ordinal))
            {
                errors.Add(path, "invalid_choice", "请从列表中选择", "Choose one of the options");
            }
            else if (field.Range is { } range && (!int.TryParse(value, out var n) || n < range.Min || n > range.Max))
            {
                errors.Add(path, "out_of_range", $"请输入{range.Min}到{range.Max}之间的数字", $"Enter a number from {range.Min} to {range.Max}");
            }
            else
            {
                result[field.Name] = value;
            }
        }

        return result;
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

    [GeneratedRegex(@"^(1[3-9]\d{9}|\+[1-9]\d{6,14})$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{8,64}$")]
    private static partial Regex RequestIdPattern();
}
