using GridAid.Core.Demo;
using GridAid.Core.Directory;
using GridAid.Core.Disputes;

namespace GridAid.Core.Tests;

public class DisputeRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly AreaDirectory Taishan = TaishanDemo.Seed.ToDirectory();
    private static readonly DateOnly Today = new(2026, 5, 1);

    private static DisputeInput Input(string? parties = "一名游客与面馆老板", string? what = "对账单金额有争议，双方争吵", string? point = null, string? cell = "tianjie") =>
        new("dw-1", point, cell, "tourist_merchant", "medium", parties, what);

    private static Dispute Filed() => DisputeRules.File(Taishan, "ts-tianjie-grid", Input(), Now).Valid!;

    [Theory]
    [InlineData("370902199001011234")]
    [InlineData("37090219900101123X")]
    [InlineData("身份证 370902 19900101 123x 的男子")]
    [InlineData("3709-0219-9001-0112-34")]
    [InlineData("老号码370902900101123")]
    public void Text_that_looks_like_an_identity_number_is_refused(string text)
    {
        Assert.True(DisputeRules.LooksLikeIdNumber(text));
        var (dispute, errors) = DisputeRules.File(Taishan, "ts-tianjie-grid", Input(parties: text), Now);
        Assert.Null(dispute);
        var error = Assert.Single(errors.All, e => e.Field == "parties");
        Assert.Equal("id_number", error.Code);
        Assert.Contains("身份证", error.Zh);
        Assert.Contains("identity numbers", error.En);
        Assert.Contains("id_number", FieldCodes.Codes(DisputeRules.File(Taishan, "s", Input(what: text), Now).Errors, "whatHappened"));
    }

    [Theory]
    [InlineData("电话 13800138000")]
    [InlineData("两位游客，约 30 岁")]
    [InlineData("银行卡 6222020200112233445")]
    [InlineData("订单 1234567890123456")]
    public void Phone_numbers_ages_and_other_runs_of_digits_are_not_identity_numbers(string text) =>
        Assert.False(DisputeRules.LooksLikeIdNumber(text));

    [Fact]
    public void A_warning_goes_to_the_police_posts_of_its_cell_and_a_point_gives_the_cell()
    {
        Assert.Equal(["ts-daiding-police"], Filed().RoutedTo);

        var atPoint = DisputeRules.File(Taishan, "ts-cablecar-grid", Input(point: "ts-zhongtianmen-cablecar", cell: null), Now).Valid!;
        Assert.Equal("zhongtianmen", atPoint.CellId);
        Assert.Equal(["ts-zhongtianmen-police"], atPoint.RoutedTo);
    }

    [Fact]
    public void A_warning_needs_a_place_a_type_a_severity_the_parties_and_what_happened()
    {
        var (dispute, errors) = DisputeRules.File(Taishan, "s", new DisputeInput("Bad Id", "nowhere", null, "war", "extreme", " ", new string('x', 1001)), Now);

        Assert.Null(dispute);
        Assert.Contains("id_invalid", errors.Codes("id"));
        Assert.Contains("point_unknown", errors.Codes("pointCode"));
        Assert.Contains("invalid_choice", errors.Codes("type"));
        Assert.Contains("invalid_choice", errors.Codes("severity"));
        Assert.Contains("required", errors.Codes("parties"));
        Assert.Contains("too_long", errors.Codes("whatHappened"));
        Assert.Contains("cell_unknown", FieldCodes.Codes(DisputeRules.File(Taishan, "s", Input(cell: "moon"), Now).Errors, "cellId"));
    }

    [Fact]
    public void Only_the_filer_the_posts_it_went_to_and_the_admin_see_a_warning()
    {
        var d = Filed();

        Assert.True(DisputeRules.Sees(d, "ts-tianjie-grid", isAdmin: false));
        Assert.True(DisputeRules.Sees(d, "ts-daiding-police", isAdmin: false));
        Assert.True(DisputeRules.Sees(d, "admin", isAdmin: true));
        Assert.False(DisputeRules.Sees(d, "ts-yuanbao-hotel", isAdmin: false)); // the hotel's grid member, same cell
        Assert.False(DisputeRules.Sees(d, "ts-hongmen-police", isAdmin: false));
    }

    [Fact]
    public void Only_a_post_it_went_to_records_the_outcome_once_with_a_date_not_in_the_future()
    {
        var d = Filed();

        Assert.Equal(OutcomeRefusal.NotRoutedHere, DisputeRules.Close(d, "ts-tianjie-grid", new("mediated", "2026-05-01", null), Today, Now).Refusal);
        var (_, errors, _) = DisputeRules.Close(d, "ts-daiding-police", new("shrugged", "2026-05-02", null), Today, Now);
        Assert.Contains("invalid_choice", errors.Codes("outcome"));
        Assert.Contains("date_invalid", errors.Codes("date"));

        var (closed, ok, refusal) = DisputeRules.Close(d, "ts-daiding-police", new("mediated", "2026-04-30", "双方和解"), Today, Now);
        Assert.True(ok.IsValid);
        Assert.Null(refusal);
        Assert.Equal(DisputeOutcome.Mediated, closed!.Outcome);
        Assert.Equal(new DateOnly(2026, 4, 30), closed.OutcomeOn);
        Assert.Equal(Now, closed.OutcomeAt);

        Assert.Same(closed, DisputeRules.Close(closed, "ts-daiding-police", new("mediated", "2026-04-30", "双方和解"), Today, Now.AddMinutes(1)).Closed);
        Assert.Equal(OutcomeRefusal.AlreadyClosed, DisputeRules.Close(closed, "ts-daiding-police", new("referred", "2026-04-30", null), Today, Now).Refusal);
        Assert.Contains("id_number", FieldCodes.Codes(DisputeRules.Close(d, "ts-daiding-police", new("no_action", "2026-04-30", "370902199001011234"), Today, Now).Errors, "note"));
    }
}
