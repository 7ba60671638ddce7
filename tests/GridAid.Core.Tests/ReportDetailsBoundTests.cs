using GridAid.Core.Reports;

namespace GridAid.Core.Tests;

/// <summary>Unknown detail fields are ignored, but only up to a bound: many or long keys are a bilingual error.</summary>
public class ReportDetailsBoundTests
{
    private static ReportSubmission LostItem(Dictionary<string, string?> details) => new()
    {
        Kind = "lost_item",
        Point = "ts-nantianmen",
        Contact = new ContactSubmission { Phone = "13800138000" },
        Details = details,
    };

    [Fact]
    public void A_few_unknown_details_are_ignored()
    {
        var details = new Dictionary<string, string?> { ["category"] = "bag" };
        for (var i = 0; i < ReportValidator.MaxDetails - 1; i++)
        {
            details["extra" + i] = "x";
        }

        var (report, errors) = ReportValidator.Validate(LostItem(details));

        Assert.True(errors.IsValid);
        Assert.Equal(["category"], report!.Details.Keys);
    }

    [Fact]
    public void Too_many_details_are_one_bilingual_error_on_details()
    {
        var details = Enumerable.Range(0, 10_000).ToDictionary(i => "k" + i, _ => (string?)"");
        details["category"] = "bag";

        var (report, errors) = ReportValidator.Validate(LostItem(details));

        Assert.Null(report);
        var error = Assert.Single(errors.All);
        Assert.Equal(("details", "too_many_details"), (error.Field, error.Code));
        Assert.Contains(ReportValidator.MaxDetails.ToString(System.Globalization.CultureInfo.InvariantCulture), error.En, StringComparison.Ordinal);
        Assert.Contains("附加信息", error.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void A_detail_name_past_the_bound_is_an_error()
    {
        var details = new Dictionary<string, string?> { ["category"] = "bag", [new string('a', ReportValidator.MaxDetailName + 1)] = "x" };

        var (report, errors) = ReportValidator.Validate(LostItem(details));

        Assert.Null(report);
        Assert.Equal(("details", "detail_name_too_long"), (errors.All[0].Field, errors.All[0].Code));
    }
}
