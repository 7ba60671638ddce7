using GridAid.Core.Matching;
using GridAid.Core.Reports;

namespace GridAid.Core.Tests.Matching;

public class ConfirmedMatchTests
{
    private static readonly DateTimeOffset Noon = new(2026, 10, 1, 4, 0, 0, TimeSpan.Zero);
    private static readonly LocalizedNote Desk = new("岱庙失物招领处", "Dai Temple Lost & Found Desk");

    private static Report Item(string code, ReportKind kind, string? secret = null, ReportStatus status = ReportStatus.Routed)
    {
        var details = new Dictionary<string, string> { ["category"] = "bag" };
        if (secret is not null)
        {
            details["secret"] = secret;
        }

        return new Report
        {
            AreaId = "taishan", TrackingCode = code, Kind = kind, SubmittedAt = Noon, Status = status, StationIds = ["ts-lost-found"], Details = details,
            Contact = new Contact("王女士", "13800138000"), Description = "黑色双肩包",
        };
    }

    [Theory]
    [InlineData(ReportKind.LostItem, ReportKind.FoundItem, true)]
    [InlineData(ReportKind.FoundItem, ReportKind.LostItem, true)]
    [InlineData(ReportKind.LostItem, ReportKind.LostItem, false)]
    [InlineData(ReportKind.FoundItem, ReportKind.FoundItem, false)]
    [InlineData(ReportKind.LostPerson, ReportKind.FoundItem, false)]
    [InlineData(ReportKind.Hazard, ReportKind.LostItem, false)]
    public void Only_a_lost_item_and_a_found_item_pair(ReportKind a, ReportKind b, bool pairs)
    {
        Assert.Equal(pairs, MatchPairing.Fit(a, b));
        var refusal = ConfirmedMatch.CheckConfirm(Item("AAAA-AAAA", a), Item("BBBB-BBBB", b));
        Assert.Equal(pairs ? null : MatchRefusal.KindsDoNotPair, refusal);
    }

    [Fact]
    public void The_lost_side_is_the_sought_one_whichever_is_named_first()
    {
        var (lost, found) = (Item("LLLL-LLLL", ReportKind.LostItem), Item("FFFF-FFFF", ReportKind.FoundItem));
        Assert.Equal((lost, found), MatchPairing.Order(found, found.Kind, lost));
        Assert.Equal((lost, found), MatchPairing.Order(lost, lost.Kind, found));
        Assert.True(MatchPairing.IsSought(ReportKind.LostItem));
        Assert.False(MatchPairing.IsSought(ReportKind.FoundItem));
    }

    [Fact]
    public void A_closed_report_itself_or_a_report_matched_elsewhere_is_refused()
    {
        var lost = Item("LLLL-LLLL", ReportKind.LostItem);
        var found = Item("FFFF-FFFF", ReportKind.FoundItem);
        Assert.Equal(MatchRefusal.SameReport, ConfirmedMatch.CheckConfirm(lost, lost));
        Assert.Equal(MatchRefusal.Closed, ConfirmedMatch.CheckConfirm(lost, found with { Status = ReportStatus.Resolved }));
        Assert.Equal(MatchRefusal.Closed, ConfirmedMatch.CheckConfirm(lost with { Status = ReportStatus.Closed }, found));

        var taken = ConfirmedMatch.Link(found, "XXXX-XXXX", "ts-lost-found", Desk, Noon)!;
        Assert.Equal(MatchRefusal.MatchedElsewhere, ConfirmedMatch.CheckConfirm(lost, taken));
        Assert.Equal(MatchRefusal.MatchedElsewhere, Assert.Throws<MatchRefusedException>(() => ConfirmedMatch.Link(taken, lost.TrackingCode, "s", Desk, Noon)).Refusal);
    }

    [Fact]
    public void Linking_writes_one_matched_entry_and_a_repeat_changes_nothing()
    {
        var lost = Item("LLLL-LLLL", ReportKind.LostItem);
        var linked = ConfirmedMatch.Link(lost, "FFFF-FFFF", "ts-lost-found", Desk, Noon)!;

        Assert.Equal(new ReportMatch("FFFF-FFFF", "ts-lost-found", Noon, Desk), linked.Match);
        var entry = Assert.Single(linked.Timeline);
        Assert.Equal(TimelineNotes.MatchedWith + "FFFF-FFFF", entry.Note);
        Assert.Equal("ts-lost-found", entry.StationId);
        Assert.Null(ConfirmedMatch.Link(linked, "FFFF-FFFF", "ts-lost-found", Desk, Noon.AddMinutes(1)));
        Assert.Null(ConfirmedMatch.CheckConfirm(linked, ConfirmedMatch.Link(Item("FFFF-FFFF", ReportKind.FoundItem), lost.TrackingCode, "s", Desk, Noon)!));
    }

    [Fact]
    public void Unlink_takes_back_only_the_link_written_at_that_instant()
    {
        var linked = ConfirmedMatch.Link(Item("LLLL-LLLL", ReportKind.LostItem), "FFFF-FFFF", "ts-lost-found", Desk, Noon)!;
        Assert.Null(ConfirmedMatch.Unlink(linked, "FFFF-FFFF", Noon.AddSeconds(1)));
        var back = ConfirmedMatch.Unlink(linked, "FFFF-FFFF", Noon)!;
        Assert.Null(back.Match);
        Assert.Empty(back.Timeline);
    }

    [Theory]
    [InlineData("Panda 徽章", "panda徽章")]
    [InlineData("panda徽章", "ＰＡＮＤＡ　徽章")]
    [InlineData("熊貓徽章", "熊猫徽章")]
    [InlineData("夹层里有一张写着“平安”的红纸", "夹层里有一张写着平安的红纸。")]
    [InlineData("blue notebook, page 3", "Blue Notebook page3")]
    public void A_claim_matches_after_folding_case_width_spaces_punctuation_and_traditional_characters(string secret, string claim) =>
        Assert.True(ClaimText.Same(secret, claim));

    [Theory]
    [InlineData("Panda 徽章", "Koala 徽章")]
    [InlineData("熊猫徽章", "熊猫")]
    [InlineData("熊猫徽章", "   ")]
    [InlineData("熊猫徽章", "，。！")]
    public void A_different_or_empty_claim_does_not_match(string secret, string claim) =>
        Assert.False(ClaimText.Same(secret, claim));

    [Fact]
    public void A_hand_over_waits_for_a_matching_claim_when_the_owner_left_a_hidden_detail()
    {
        var lost = ConfirmedMatch.Link(Item("LLLL-LLLL", ReportKind.LostItem, "熊猫徽章"), "FFFF-FFFF", "ts-lost-found", Desk, Noon)!;
        var found = ConfirmedMatch.Link(Item("FFFF-FFFF", ReportKind.FoundItem), "LLLL-LLLL", "ts-lost-found", Desk, Noon)!;
        Assert.Equal(MatchRefusal.ClaimNotChecked, ConfirmedMatch.CheckHandover(lost, found));

        var wrong = ConfirmedMatch.ClaimChecked(lost, false, "ts-lost-found", Noon.AddMinutes(5));
        Assert.Equal(MatchRefusal.ClaimNotChecked, ConfirmedMatch.CheckHandover(wrong, found));
        Assert.Equal(1, ConfirmedMatch.WrongClaimsInARow(wrong));

        var right = ConfirmedMatch.ClaimChecked(wrong, true, "ts-lost-found", Noon.AddMinutes(6));
        Assert.Null(ConfirmedMatch.CheckHandover(right, found));
        Assert.Equal(0, ConfirmedMatch.WrongClaimsInARow(right));

        var record = new HandoverRecord("王芳", "8000", "ts-lost-found", Noon.AddMinutes(7));
        var done = ConfirmedMatch.HandedOver(right, record, "ts-lost-found", record.At)!;
        Assert.Equal(ReportStatus.Resolved, done.Status);
        Assert.Equal(record, done.Handover);
        Assert.Equal(TimelineNotes.HandedOver, done.Timeline[^1].Note);
        Assert.Null(ConfirmedMatch.HandedOver(done, record, "ts-lost-found", record.At.AddMinutes(1)));
        Assert.Null(ConfirmedMatch.CheckHandover(done, found));
    }

    [Fact]
    public void Without_a_hidden_detail_identity_alone_decides_and_unmatched_reports_are_refused()
    {
        var lost = Item("LLLL-LLLL", ReportKind.LostItem);
        var found = Item("FFFF-FFFF", ReportKind.FoundItem);
        Assert.Equal(MatchRefusal.NotMatched, ConfirmedMatch.CheckHandover(lost, found));
        var (l, f) = (ConfirmedMatch.Link(lost, found.TrackingCode, "s", Desk, Noon)!, ConfirmedMatch.Link(found, lost.TrackingCode, "s", Desk, Noon)!);
        Assert.True(ConfirmedMatch.ClaimSettled(l));
        Assert.Null(ConfirmedMatch.CheckHandover(l, f));
    }

    [Theory]
    [InlineData(" 王芳 ", "8000", "王芳", "8000")]
    [InlineData("Li", "１２３４", "Li", "1234")]
    public void A_claimant_is_a_name_and_exactly_four_digits(string name, string last4, string keptName, string keptDigits) =>
        Assert.Equal((keptName, keptDigits), ConfirmedMatch.Claimant(name, last4));

    [Theory]
    [InlineData("", "1234")]
    [InlineData("王芳", "123")]
    [InlineData("王芳", "12345")]
    [InlineData("王芳", "12a4")]
    [InlineData("王芳", null)]
    public void Anything_else_is_not_a_claimant(string? name, string? last4) => Assert.Null(ConfirmedMatch.Claimant(name, last4));

    [Fact]
    public void Redaction_clears_the_hand_over_record_but_not_the_step()
    {
        var record = new HandoverRecord("王芳", "8000", "ts-lost-found", Noon);
        var handed = Item("LLLL-LLLL", ReportKind.LostItem, "熊猫") with { Status = ReportStatus.Resolved, Handover = record, Timeline = [new TimelineEntry(Noon, ReportStatus.Resolved, "ts-lost-found", TimelineNotes.HandedOver)] };
        var redacted = Redaction.Apply(handed, Noon.AddDays(90))!;
        Assert.Null(redacted.Handover);
        Assert.Null(MatchPairing.SecretOf(redacted));
        Assert.Contains(redacted.Timeline, t => t.Note == TimelineNotes.HandedOver);
    }
}
