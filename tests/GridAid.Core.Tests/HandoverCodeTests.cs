using GridAid.Core.Reports;
using GridAid.Core.Security;

namespace GridAid.Core.Tests;

public class HandoverCodeTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void The_same_report_gets_the_same_six_digits_and_another_report_others()
    {
        var code = HandoverCode.For(Key, "taishan", "K7QM-3XRT", "req-1");

        Assert.Matches("^[0-9]{6}$", code);
        Assert.Equal(code, HandoverCode.For(Key, "taishan", "K7QM-3XRT", "req-1"));
        var others = Enumerable.Range(0, 50).Select(i => HandoverCode.For(Key, "taishan", "K7QM-3XRT", "req-" + (i + 2))).ToHashSet();
        Assert.True(others.Count >= 45, $"{others.Count} distinct of 50");
    }

    [Fact]
    public void Only_a_hash_is_kept_salted_per_report_and_it_checks_the_right_code_only()
    {
        var hash = HandoverCode.Hash("taishan", "K7QM-3XRT", "042917");

        Assert.DoesNotContain("042917", hash, StringComparison.Ordinal);
        Assert.NotEqual(hash, HandoverCode.Hash("taishan", "K7QM-3XRT", "042917"));
        Assert.True(HandoverCode.Matches(hash, "taishan", "K7QM-3XRT", "042917"));
        Assert.False(HandoverCode.Matches(hash, "taishan", "K7QM-3XRT", "042918"));
        Assert.False(HandoverCode.Matches(hash, "taishan", "K7QM-3XRS", "042917"));
        Assert.False(HandoverCode.Matches(hash, "laoshan", "K7QM-3XRT", "042917"));
        Assert.False(HandoverCode.Matches(null, "taishan", "K7QM-3XRT", "042917"));
        Assert.False(HandoverCode.Matches("pbkdf2-sha256$x$y$z", "taishan", "K7QM-3XRT", "042917"));
        Assert.False(HandoverCode.Matches("pbkdf2-sha256$1000$%%%$%%%", "taishan", "K7QM-3XRT", "042917"));
    }

    [Theory]
    [InlineData("042917", "042917")]
    [InlineData(" 042 917 ", "042917")]
    [InlineData("042-917", "042917")]
    [InlineData("０４２９１７", "042917")]
    [InlineData("04291", null)]
    [InlineData("0429177", null)]
    [InlineData("04291a", null)]
    [InlineData("٠٤٢٩١٧", null)]
    [InlineData(null, null)]
    public void What_a_person_types_is_read_as_six_digits(string? typed, string? expected) =>
        Assert.Equal(expected, HandoverCode.Normalize(typed));

    [Fact]
    public void Each_check_is_on_the_timeline_without_the_code_and_wrong_ones_are_counted()
    {
        var report = new Report { AreaId = "taishan", TrackingCode = "K7QM-3XRT", Kind = ReportKind.LostPerson, SubmittedAt = DateTimeOffset.UnixEpoch, Status = ReportStatus.Routed };

        var after = ReportLifecycle.HandoverChecked(ReportLifecycle.HandoverChecked(report, "ts-daiding-police", false, DateTimeOffset.UnixEpoch), "ts-daiding-police", true, DateTimeOffset.UnixEpoch);

        Assert.Equal([TimelineNotes.HandoverRefused, TimelineNotes.HandoverMatched], after.Timeline.Select(t => t.Note));
        Assert.Equal(ReportStatus.Routed, after.Status);
        Assert.Equal(1, ReportLifecycle.WrongHandoverCodes(after));
    }

    [Fact]
    public void Redaction_drops_the_hash()
    {
        var report = new Report { AreaId = "taishan", TrackingCode = "K7QM-3XRT", Kind = ReportKind.LostPerson, SubmittedAt = DateTimeOffset.UnixEpoch, HandoverHash = HandoverCode.Hash("taishan", "K7QM-3XRT", "042917") };

        Assert.Null(Redaction.Apply(report, DateTimeOffset.UnixEpoch)!.HandoverHash);
    }
}
