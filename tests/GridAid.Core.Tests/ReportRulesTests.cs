using GridAid.Core.Reports;

namespace GridAid.Core.Tests;

/// <summary>The rules served to the form are the rules the validator applies: same codes, same numbers, same words.</summary>
public class ReportRulesTests
{
    [Fact]
    public void Every_code_the_validator_gives_has_a_message_in_both_languages()
    {
        var submissions = new[]
        {
            new ReportSubmission { Kind = "lost_person", Details = new() { ["age"] = "six", ["height"] = "999", ["clothing"] = new string('x', 301) }, Contact = new ContactSubmission { Phone = "12345678901", Name = new string('n', 51) } },
            new ReportSubmission { Kind = "help", Description = new string('d', 2001) },
            new ReportSubmission { Kind = "hazard", Details = new() { ["hazardType"] = "volcano" } },
            new ReportSubmission { Kind = "nonsense", Point = "!", Area = "?" },
        };
        var seen = 0;
        foreach (var s in submissions)
        {
            foreach (var e in ReportValidator.Validate(s).Errors.All)
            {
                Assert.True(ReportRules.Messages.ContainsKey(e.Code), e.Code);
                Assert.DoesNotContain("{", e.Zh, StringComparison.Ordinal);
                Assert.DoesNotContain("{", e.En, StringComparison.Ordinal);
                seen++;
            }
        }

        Assert.True(seen >= 9, $"{seen} errors");
    }

    [Fact]
    public void The_document_carries_each_kinds_fields_with_the_validators_numbers()
    {
        var doc = ReportRules.Document();

        var lp = doc.Kinds["lost_person"].Fields;
        Assert.Equal((0, 120), (lp["details.age"].Min, lp["details.age"].Max));
        Assert.Equal((30, 250), (lp["details.height"].Min, lp["details.height"].Max));
        Assert.Equal(300, lp["details.clothing"].MaxLength);
        Assert.True(lp["contact.phone"].Required);
        Assert.True(doc.Kinds["help"].Fields["description"].Required);
        Assert.False(doc.Common.Fields["contact.phone"].Required);
        Assert.Equal(ReportValidator.MaxDescription, doc.Common.Fields["description"].MaxLength);
        Assert.Equal(ReportKinds.All.Count, doc.Kinds.Count);
    }

    [Fact]
    public void An_eleven_digit_number_that_no_phone_has_is_told_why()
    {
        var (_, errors) = ReportValidator.Validate(new ReportSubmission { Kind = "tip", Description = "x", Contact = new ContactSubmission { Phone = "12345678901" } });

        var e = Assert.Single(errors.All);
        Assert.Equal("phone_invalid", e.Code);
        Assert.Contains("13", e.Zh, StringComparison.Ordinal);
        Assert.Contains("13 to 19", e.En, StringComparison.Ordinal);
    }
}
