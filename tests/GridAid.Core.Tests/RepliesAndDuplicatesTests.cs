using GridAid.Core.Alerts;
using GridAid.Core.Demo;
using GridAid.Core.Directory;
using GridAid.Core.Duplicates;
using GridAid.Core.Replies;
using GridAid.Core.Reports;

namespace GridAid.Core.Tests;

public class ReplyRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 2, 9, 0, 0, TimeSpan.Zero);

    private static Report Routed(params string[] stations) => new()
    {
        AreaId = "taishan",
        TrackingCode = "K7QM-3XRT",
        Kind = ReportKind.LostItem,
        PointCode = "ts-nantianmen",
        SubmittedAt = T0,
        Status = ReportStatus.Routed,
        StationIds = stations,
        Timeline = [new TimelineEntry(T0, ReportStatus.Received), new TimelineEntry(T0, ReportStatus.Routed)],
    };

    [Fact]
    public void Only_a_station_the_report_reached_or_the_admin_may_post()
    {
        var r = Routed("ts-daiding-police");
        Assert.True(ReplyRules.MayPost(r, "ts-daiding-police", isAdmin: false));
        Assert.False(ReplyRules.MayPost(r, "ts-hongmen-police", isAdmin: false));
        Assert.True(ReplyRules.MayPost(r, SharedSearch.Admin, isAdmin: true));
        // A station named "admin" is not the admin.
        Assert.False(ReplyRules.MayPost(r, SharedSearch.Admin, isAdmin: false));
        var moved = ReportLifecycle.Transferred(r, "ts-daiding-police", "ts-lost-found", T0)!;
        Assert.True(ReplyRules.MayPost(moved, "ts-lost-found", isAdmin: false));
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("   \n ", "required")]
    [InlineData("\u0007", "required")]
    public void Empty_text_is_refused_with_the_rules_message(string? text, string code)
    {
        var errors = ReplyRules.Validate("text", ReplyRules.Clean(text));
        var e = Assert.Single(errors.All);
        Assert.Equal(code, e.Code);
        Assert.Equal(ReportRules.Messages["required"].Zh, e.Zh);
        Assert.Equal(ReportRules.Messages["required"].En, e.En);
    }

    [Fact]
    public void Text_past_the_limit_is_refused_in_both_languages_and_control_characters_go()
    {
        var e = Assert.Single(ReplyRules.Validate("text", new string('字', ReplyRules.MaxLength + 1)).All);
        Assert.Equal("too_long", e.Code);
        Assert.Contains(ReplyRules.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture), e.En, StringComparison.Ordinal);
        Assert.Contains(ReplyRules.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Zh, StringComparison.Ordinal);
        Assert.True(ReplyRules.Validate("text", new string('a', ReplyRules.MaxLength)).IsValid);
        Assert.Equal("a\nb", ReplyRules.Clean(" a\r\n\u0000b "));
    }

    [Fact]
    public void The_language_is_the_one_given_else_guessed_from_the_characters()
    {
        Assert.Equal(new LocalizedNote("正在查找", null), ReplyRules.InLanguage("正在查找", null));
        Assert.Equal(new LocalizedNote(null, "We are looking"), ReplyRules.InLanguage("We are looking", null));
        Assert.Equal(new LocalizedNote(null, "OK 好"), ReplyRules.InLanguage("OK 好", "en"));
    }

    [Fact]
    public void An_internal_note_never_reaches_a_public_view_and_a_public_reply_does()
    {
        var r = ReplyRules.Posted(Routed("ts-daiding-police"), "ts-daiding-police", ReplyVisibility.Internal, new LocalizedNote("失主很着急", null), T0.AddMinutes(1))!;
        r = ReplyRules.Posted(r, "ts-daiding-police", ReplyVisibility.Public, new LocalizedNote("正在查找", null), T0.AddMinutes(2))!;
        r = ReportLifecycle.Transferred(r, "ts-daiding-police", "ts-lost-found", T0.AddMinutes(3), new LocalizedNote("失物招领处保管", null))!;

        var visible = ReplyRules.PublicTimeline(r).ToList();
        Assert.DoesNotContain(visible, t => t.Note == ReplyRules.InternalNote);
        Assert.Contains(visible, t => t.Note == ReplyRules.PublicNote);
        // The transfer is public, its reason is not.
        var transfer = Assert.Single(visible, t => t.Note is { } n && n.StartsWith(TimelineNotes.TransferredTo, StringComparison.Ordinal));
        Assert.Null(ReplyRules.PublicText(transfer));
        Assert.Equal("正在查找", ReplyRules.LatestPublicReply(r)!.Text!.Zh);
        // Staff see both, oldest first, with who wrote them.
        Assert.Equal([ReplyVisibility.Internal, ReplyVisibility.Public], ReplyRules.StaffView(r).Select(x => x.Visibility));
        Assert.All(ReplyRules.StaffView(r), x => Assert.Equal("ts-daiding-police", x.By));
    }

    [Fact]
    public void A_double_tap_is_one_post_and_the_report_takes_a_bounded_number()
    {
        var words = new LocalizedNote("正在查找", null);
        var once = ReplyRules.Posted(Routed("a"), "a", ReplyVisibility.Public, words, T0)!;
        Assert.Null(ReplyRules.Posted(once, "a", ReplyVisibility.Public, words, T0.AddSeconds(5)));
        Assert.NotNull(ReplyRules.Posted(once, "a", ReplyVisibility.Internal, words, T0.AddSeconds(5)));
        Assert.NotNull(ReplyRules.Posted(once, "a", ReplyVisibility.Public, words, T0 + ReplyRules.RepeatWindow));

        var full = Routed("a");
        for (var i = 0; i < ReplyRules.MaxPerReport; i++)
        {
            full = ReplyRules.Posted(full, "a", ReplyVisibility.Internal, new LocalizedNote(null, "n" + i), T0.AddMinutes(i))!;
        }

        Assert.True(ReplyRules.IsFull(full));
        Assert.False(ReplyRules.IsFull(once));
    }

    [Fact]
    public void A_reply_after_the_resolve_moves_neither_the_resolution_nor_the_retention_clock()
    {
        var resolved = ReportLifecycle.StationStep(Routed("a"), "a", ReportStatus.Resolved, T0.AddMinutes(5))!;
        var replied = ReplyRules.Posted(resolved, "b", ReplyVisibility.Public, new LocalizedNote(null, "Thanks"), T0.AddDays(2))!;
        Assert.Equal(T0.AddMinutes(5), RetentionPolicy.ResolvedAt(replied));
        Assert.Equal(("a", T0.AddMinutes(5)), SharedSearch.ResolutionOf(replied));
    }

    [Fact]
    public void Redaction_takes_the_words_of_replies_and_notes()
    {
        var r = ReplyRules.Posted(Routed("a"), "a", ReplyVisibility.Public, new LocalizedNote("王女士请到南天门", null), T0)!;
        Assert.Empty(ReplyRules.StaffView(Redaction.Apply(r, T0.AddDays(90))!));
    }
}

public class CannedRepliesTests
{
    [Fact]
    public void Every_kind_has_a_default_with_both_texts()
    {
        foreach (var kind in Enum.GetValues<ReportKind>())
        {
            Assert.Contains(CannedReplies.Defaults, c => c.Kind == kind && c.Text.Zh.Length > 0 && c.Text.En.Length > 0);
        }

        Assert.Equal("我们已收到，正在各站点查找。", CannedReplies.Find(CannedReplies.Defaults, ReportKind.LostItem, "lost-searching")!.Text.Zh);
        Assert.True(CannedReplies.Validate([.. CannedReplies.Defaults.Select(c => new CannedReplyInput(c.Id, c.Kind.ToWire(), c.Text.Zh, c.Text.En))]).Errors.IsValid);
    }

    [Fact]
    public void The_defaults_come_from_the_language_files_in_every_listed_language_and_an_admin_may_keep_korean()
    {
        Assert.All(CannedReplies.Defaults, c => Assert.Equal(GridAid.Core.Text.Texts.Languages.Count, c.Text.Texts.Count));
        Assert.Equal("처리가 끝났습니다. 감사합니다.", CannedReplies.Find(CannedReplies.Defaults, ReportKind.Hazard, "hazard-fixed")!.Text.For("ko"));

        var input = System.Text.Json.JsonSerializer.Deserialize<CannedReplyInput>("""{"id":"ok-ko","kind":"tip","zh":"好","en":"Fine","ko":" 좋아요 "}""", System.Text.Json.JsonSerializerOptions.Web)!;
        var unlisted = System.Text.Json.JsonSerializer.Deserialize<CannedReplyInput>("""{"id":"ok-fr","kind":"tip","zh":"好","en":"Fine","fr":"Bien"}""", System.Text.Json.JsonSerializerOptions.Web)!;
        Assert.Equal("좋아요", CannedReplies.Validate([input]).List![0].Text.For("ko"));
        Assert.Contains(CannedReplies.Validate([unlisted]).Errors.All, e => e.Field == "replies[0].fr");
    }

    [Fact]
    public void A_canned_reply_is_posted_in_the_reporters_language()
    {
        var c = CannedReplies.Defaults[0];
        Assert.Equal(new LocalizedNote(c.Text.Zh, null), CannedReplies.ForReporter(c, "zh-CN"));
        Assert.Equal(new LocalizedNote(null, c.Text.En), CannedReplies.ForReporter(c, "en"));
        Assert.Equal(new LocalizedNote(null, c.Text.En), CannedReplies.ForReporter(c, "ko"));
    }

    [Fact]
    public void The_admins_list_needs_both_texts_a_kind_and_unique_ids()
    {
        var (list, errors) = CannedReplies.Validate(
        [
            new("ok-1", "lost_item", "好", "Fine"),
            new("ok-1", "lost_item", "重复", "Again"),
            new("Bad Id", "lost_item", "好", "Fine"),
            new("no-en", "hazard", "好", " "),
            new("no-kind", "ufo", "好", "Fine"),
        ]);
        Assert.Null(list);
        Assert.Contains(errors.All, e => e.Field == "replies[1].id");
        Assert.Contains(errors.All, e => e.Field == "replies[2].id");
        Assert.Contains(errors.All, e => e.Field == "replies[3].en" && e.Code == "required");
        Assert.Contains(errors.All, e => e.Field == "replies[4].kind");
        Assert.DoesNotContain(errors.All, e => e.Field.StartsWith("replies[0]", StringComparison.Ordinal));
        Assert.Null(CannedReplies.Validate(null).List);
        Assert.Null(CannedReplies.Validate([.. Enumerable.Range(0, CannedReplies.MaxPerKind + 1).Select(i => new CannedReplyInput("c" + i, "tip", "好", "Fine"))]).List);
    }
}

public class DuplicateRulesTests
{
    private static readonly AreaDirectory Taishan = TaishanDemo.Seed.ToDirectory();
    private static readonly DateTimeOffset T0 = new(2026, 10, 2, 9, 0, 0, TimeSpan.Zero);

    private static Report At(string code, string point, DateTimeOffset at, ReportKind kind = ReportKind.LostItem, params string[] stations) => new()
    {
        AreaId = "taishan",
        TrackingCode = code,
        Kind = kind,
        PointCode = point,
        SubmittedAt = at,
        Status = ReportStatus.Routed,
        StationIds = stations.Length == 0 ? ["ts-daiding-police"] : stations,
    };

    [Theory]
    [InlineData("ts-nantianmen", "ts-nantianmen", true)]
    [InlineData("ts-tianjie-arch", "ts-bixia-temple", true)] // same cell
    [InlineData("ts-nantianmen", "ts-tianjie-arch", true)] // neighbour cells
    [InlineData("ts-taohuayu-centre", "ts-bixia-temple", true)] // taohuayu names tianjie, not the reverse: either way counts
    [InlineData("ts-nantianmen", "ts-daimiao-gate", false)] // far
    [InlineData("ts-nantianmen", "ts-yuhuangding", false)] // two cells away
    [InlineData("ts-nantianmen", null, false)]
    [InlineData("ts-unknown", "ts-nantianmen", false)]
    public void Near_means_the_same_point_cell_or_a_neighbour_cell(string? a, string? b, bool near) =>
        Assert.Equal(near, DuplicateRules.IsNear(a, b, Taishan));

    [Fact]
    public void Within_30_minutes_before_same_kind_and_near_is_a_possible_duplicate()
    {
        var report = At("NEW1-0000", "ts-nantianmen", T0);
        var found = DuplicateRules.Candidates(report,
        [
            report,
            At("OLD1-0029", "ts-tianjie-arch", T0.AddMinutes(-29)),
            At("OLD2-0030", "ts-nantianmen", T0.AddMinutes(-30)),
            At("OLD3-0031", "ts-nantianmen", T0.AddMinutes(-31)),
            At("FAR1-0001", "ts-daimiao-gate", T0.AddMinutes(-1)),
            At("KIND-0001", "ts-nantianmen", T0.AddMinutes(-1), ReportKind.Hazard),
            At("LATE-0001", "ts-nantianmen", T0.AddMinutes(1)),
            At("GONE-0001", "ts-nantianmen", T0.AddMinutes(-2)) with { MergedInto = "OLD2-0030" },
        ], Taishan);
        Assert.Equal(["OLD2-0030", "OLD1-0029"], found.Select(f => f.TrackingCode));
        Assert.Equal("南天门 · South Heaven Gate", found[0].PointName);
    }

    [Fact]
    public void A_station_either_report_reached_or_the_admin_merges_same_kind_reports_once()
    {
        var original = At("ORIG-0001", "ts-nantianmen", T0, stations: ["ts-daiding-police"]);
        var dup = At("DUPE-0001", "ts-tianjie-arch", T0.AddMinutes(5), stations: ["ts-tianjie-grid"]);
        Assert.Null(DuplicateRules.Check(dup, original, "ts-tianjie-grid", isAdmin: false));
        Assert.Null(DuplicateRules.Check(dup, original, "ts-daiding-police", isAdmin: false));
        Assert.Null(DuplicateRules.Check(dup, original, SharedSearch.Admin, isAdmin: true));
        Assert.Equal(MergeRefusal.NotFound, DuplicateRules.Check(dup, original, "ts-hongmen-police", isAdmin: false));
        Assert.Equal(MergeRefusal.SameReport, DuplicateRules.Check(dup, dup, SharedSearch.Admin, isAdmin: true));
        Assert.Equal(MergeRefusal.DifferentKind, DuplicateRules.Check(dup with { Kind = ReportKind.Hazard }, original, SharedSearch.Admin, isAdmin: true));
        Assert.Equal(MergeRefusal.Person, DuplicateRules.Check(dup with { Kind = ReportKind.LostPerson }, original with { Kind = ReportKind.LostPerson }, SharedSearch.Admin, isAdmin: true));
        Assert.Equal(MergeRefusal.NotFound, DuplicateRules.Check(dup with { AreaId = "laoshan" }, original, SharedSearch.Admin, isAdmin: true));

        var merged = DuplicateRules.MergeDuplicate(dup, original.TrackingCode, "ts-tianjie-grid", T0.AddMinutes(6))!;
        var kept = DuplicateRules.MergeOriginal(original, dup.TrackingCode, "ts-tianjie-grid", T0.AddMinutes(6))!;
        Assert.Equal("ORIG-0001", merged.MergedInto);
        Assert.Equal(ReportStatus.Resolved, merged.Status);
        Assert.Equal(DuplicateRules.MergedInto + "ORIG-0001", merged.Timeline[^1].Note);
        Assert.Equal(["DUPE-0001"], kept.Merged);
        Assert.Equal(DuplicateRules.MergedFrom + "DUPE-0001", kept.Timeline[^1].Note);
        Assert.Equal(ReportStatus.Routed, kept.Status);
        // Idempotent: done is done, and a repeat writes nothing.
        Assert.True(DuplicateRules.IsDone(merged, kept));
        Assert.Null(DuplicateRules.Check(merged, kept, "ts-tianjie-grid", isAdmin: false));
        Assert.Null(DuplicateRules.MergeDuplicate(merged, "ORIG-0001", "ts-tianjie-grid", T0.AddMinutes(7)));
        Assert.Null(DuplicateRules.MergeOriginal(kept, "DUPE-0001", "ts-tianjie-grid", T0.AddMinutes(7)));
        // Merged elsewhere, or the original back into its duplicate: refused.
        Assert.Equal(MergeRefusal.MergedElsewhere, DuplicateRules.Check(merged, At("THRD-0001", "ts-nantianmen", T0), SharedSearch.Admin, isAdmin: true));
        Assert.Equal(MergeRefusal.SameReport, DuplicateRules.Check(kept, merged, SharedSearch.Admin, isAdmin: true));
    }
}

public class RepliesNeverLeaveStaffTests
{
    [Fact]
    public void A_channel_message_never_carries_a_reply_a_note_or_a_transfer_reason()
    {
        var alert = new Alert
        {
            AreaId = "taishan",
            StationId = "ts-lost-found",
            TrackingCode = "K7QM-3XRT",
            Kind = ReportKind.LostItem,
            Description = "黑色背包",
            SubmittedAt = DateTimeOffset.UnixEpoch,
            RoutedAt = DateTimeOffset.UnixEpoch,
            TransferNote = "转交原因-秘密",
            Replies =
            [
                new AlertReply(DateTimeOffset.UnixEpoch, "ts-daiding-police", ReplyVisibility.Internal, new LocalizedNote("内部备注-秘密", null)),
                new AlertReply(DateTimeOffset.UnixEpoch, "ts-daiding-police", ReplyVisibility.Public, new LocalizedNote("公开回复-文字", null)),
            ],
        };
        var notice = GridAid.Core.Channels.ChannelNotice.For(alert, "routed", 0, DateTimeOffset.UnixEpoch, TimeZoneInfo.Utc, "https://example.org/station/");
        foreach (var text in new[] { GridAid.Core.Channels.ChannelMessages.Markdown(notice), GridAid.Core.Channels.ChannelMessages.WebhookBody(notice), GridAid.Core.Channels.ChannelMessages.Title(notice) })
        {
            Assert.DoesNotContain("秘密", text, StringComparison.Ordinal);
            Assert.DoesNotContain("公开回复", text, StringComparison.Ordinal);
        }

        // Redaction takes them from the alert too.
        Assert.Empty(alert.Redacted().Replies);
        Assert.Null(alert.Redacted().TransferNote);
        Assert.True(alert with { Description = string.Empty } is { HasPersonalData: true });
    }
}
