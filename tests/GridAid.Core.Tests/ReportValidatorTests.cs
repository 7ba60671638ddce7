using GridAid.Core.Reports;

namespace GridAid.Core.Tests;

public class ReportValidatorTests
{
    private static ReportSubmission LostItem() => new()
    {
        Kind = "lost_item",
        Point = "ts-nantianmen",
        Description = "  黑色双肩包  ",
        Contact = new ContactSubmission { Phone = "138 0013 8000" },
        ClientRequestId = "draft-12345678",
        Details = new() { ["category"] = "bag", ["secret"] = "里面有一本蓝色笔记本" },
    };

    [Fact]
    public void Valid_submission_is_trimmed_and_normalized()
    {
        var (report, errors) = ReportValidator.Validate(LostItem());

        Assert.True(errors.IsValid);
        Assert.NotNull(report);
        Assert.Equal(ReportKind.LostItem, report.Kind);
        Assert.Equal("黑色双肩包", report.Description);
        Assert.Equal("13800138000", report.Contact.Phone);
        Assert.Equal("zh-CN", report.Lang);
        Assert.Equal("bag", report.Details["category"]);
    }

    [Theory]
    [InlineData("http://spam.example")]
    [InlineData("x")]
    public void A_filled_honeypot_is_refused_whatever_else_is_right(string website)
    {
        var s = LostItem();
        s.Website = website;

        var (report, errors) = ReportValidator.Validate(s);

        Assert.Null(report);
        var error = Assert.Single(errors.All);
        Assert.Equal(ReportSubmission.HoneypotField, error.Field);
        Assert.Equal("honeypot", error.Code);
        Assert.False(string.IsNullOrEmpty(error.Zh));
        Assert.False(string.IsNullOrEmpty(error.En));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_honeypot_is_what_people_send(string? website)
    {
        var s = LostItem();
        s.Website = website;

        Assert.True(ReportValidator.Validate(s).Errors.IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("stolen_bike")]
    public void Unknown_kind_is_a_kind_error(string? kind)
    {
        var s = LostItem();
        s.Kind = kind;

        var (report, errors) = ReportValidator.Validate(s);

        Assert.Null(report);
        Assert.Contains("kind", errors.ToDictionary("en").Keys);
    }

    [Fact]
    public void Lost_person_needs_phone_age_and_clothing_with_bilingual_messages()
    {
        var (_, errors) = ReportValidator.Validate(new ReportSubmission { Kind = "lost_person", Point = "ts-nantianmen" });

        var en = errors.ToDictionary("en");
        var zh = errors.ToDictionary("zh-CN");
        Assert.Equal(["contact.phone", "details.age", "details.clothing"], en.Keys.Order());
        Assert.Contains("phone", en["contact.phone"][0], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("手机号", zh["contact.phone"][0], StringComparison.Ordinal);
        Assert.Equal(["phone_required"], errors.Codes()["contact.phone"]);
    }

    [Theory]
    [InlineData("13800138000", true)]
    [InlineData("+86 138-0013-8000", true)]
    [InlineData("+44 20 7946 0958", true)]
    [InlineData("12800138000", false)]
    [InlineData("1380013800", false)]
    [InlineData("call me", false)]
    public void Phone_is_a_mainland_mobile_or_international_number(string phone, bool ok)
    {
        var s = LostItem();
        s.Contact = new ContactSubmission { Phone = phone };

        var (_, errors) = ReportValidator.Validate(s);

        Assert.Equal(ok, !errors.ToDictionary("en").ContainsKey("contact.phone"));
    }

    [Theory]
    [InlineData("age", "121", "out_of_range")]
    [InlineData("age", "six", "out_of_range")]
    [InlineData("sex", "robot", "invalid_choice")]
    public void Lost_person_details_are_checked(string field, string value, string code)
    {
        var s = new ReportSubmission
        {
            Kind = "lost_person",
            Contact = new ContactSubmission { Phone = "13800138000" },
            Details = new() { ["age"] = "6", ["clothing"] = "红色外套", [field] = value },
        };

        var (_, errors) = ReportValidator.Validate(s);

        Assert.Equal([code], errors.Codes()["details." + field]);
    }

    [Fact]
    public void Unknown_detail_fields_are_dropped_not_stored()
    {
        var s = LostItem();
        s.Details!["hack"] = "<script>";

        var (report, _) = ReportValidator.Validate(s);

        Assert.False(report!.Details.ContainsKey("hack"));
    }

    [Fact]
    public void Help_needs_a_description_and_long_text_is_refused()
    {
        var (_, missing) = ReportValidator.Validate(new ReportSubmission { Kind = "help" });
        var (_, tooLong) = ReportValidator.Validate(new ReportSubmission { Kind = "tip", Description = new string('x', 2001) });

        Assert.Equal(["description_required"], missing.Codes()["description"]);
        Assert.Equal(["description_too_long"], tooLong.Codes()["description"]);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has spaces in it")]
    public void Client_request_id_must_be_a_safe_token(string id)
    {
        var s = LostItem();
        s.ClientRequestId = id;

        var (_, errors) = ReportValidator.Validate(s);

        Assert.Equal(["request_id_invalid"], errors.Codes()["clientRequestId"]);
    }

    [Fact]
    public void Empty_body_is_an_error()
    {
        var (report, errors) = ReportValidator.Validate(null);

        Assert.Null(report);
        Assert.False(errors.IsValid);
    }
}
