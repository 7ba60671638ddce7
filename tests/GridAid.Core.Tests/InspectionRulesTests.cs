using GridAid.Core.Demo;
using GridAid.Core.Directory;
using GridAid.Core.Inspections;

namespace GridAid.Core.Tests;

public class InspectionRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly AreaDirectory Taishan = WithVenues(TaishanDemo.Seed.ToDirectory());
    private static readonly Venue Hotel = Taishan.FindVenue("yuanbao-hotel")!;
    private static readonly Venue Noodles = Taishan.FindVenue("tianjie-noodles")!;
    private static readonly RectificationPolicy Policy = new();

    private static AreaDirectory WithVenues(AreaDirectory d) =>
        new(d.Area, d.Stations, d.Cells, d.Points, TaishanDemo.VenuesFor(d.Area.Id));

    private static InspectionInput Answers(string id, Venue venue, params (string Item, string Result)[] failed) =>
        new(id, venue.Id, [.. Taishan.ChecklistFor(venue.Type).Items.Select(i =>
            new InspectedItemInput(i.Id, failed.FirstOrDefault(f => f.Item == i.Id).Result ?? "pass", null))], null);

    private static Inspection Valid(InspectionInput input, Venue venue, DateTimeOffset at)
    {
        var (inspection, errors) = InspectionRules.Inspection(Taishan.ChecklistFor(venue.Type), venue, "ts-yuanbao-hotel", input, at);
        Assert.True(errors.IsValid, string.Join("; ", errors.All.Select(e => $"{e.Field}:{e.Code}")));
        return inspection!;
    }

    [Fact]
    public void The_nine_venue_types_are_the_small_venues_list_and_each_has_a_default_checklist_in_both_languages()
    {
        Assert.Equal(9, VenueTypes.WireNames.Count);
        Assert.Equal(VenueType.SmallInternetCafe, VenueTypes.Parse("small_internet_cafe"));
        Assert.Null(VenueTypes.Parse("casino"));
        foreach (var type in Enum.GetValues<VenueType>())
        {
            var list = DefaultChecklists.For(type);
            Assert.Contains(list.Items, i => i.Id == "extinguishers");
            Assert.Contains(list.Items, i => i.Id == "exits" && i.Severity == Severity.Critical);
            Assert.All(list.Items, i => Assert.False(string.IsNullOrWhiteSpace(i.Text.Zh) || string.IsNullOrWhiteSpace(i.Text.En)));
            Assert.Equal(list.Items.Count, list.Items.Select(i => i.Id).Distinct().Count());
        }

        Assert.Contains(DefaultChecklists.For(VenueType.SmallRestaurant).Items, i => i.Id == "gas");
        Assert.DoesNotContain(DefaultChecklists.For(VenueType.SmallHotel).Items, i => i.Id == "no-sleeping");
    }

    [Fact]
    public void An_edited_checklist_replaces_the_default_of_its_type_only()
    {
        var (list, errors) = VenueRules.Checklist("small_shop", new ChecklistInput([new("sand", new("备有消防沙", "Fire sand kept"), "major")]));
        Assert.True(errors.IsValid);
        var d = new AreaDirectory(Taishan.Area, Taishan.Stations, Taishan.Cells, Taishan.Points, Taishan.Venues, [list!]);

        Assert.Equal(["sand"], d.ChecklistFor(VenueType.SmallShop).Items.Select(i => i.Id));
        Assert.Equal(DefaultChecklists.For(VenueType.SmallHotel).Items, d.ChecklistFor(VenueType.SmallHotel).Items);
    }

    [Fact]
    public void A_checklist_needs_items_with_distinct_ids_both_texts_and_a_severity()
    {
        var (list, errors) = VenueRules.Checklist("small_shop", new ChecklistInput(
        [
            new("a", new("甲", "A"), "critical"),
            new("a", new("乙", "B"), "minor"),
            new("c", new("丙", null), "1"),
        ]));

        Assert.Null(list);
        Assert.Contains("duplicate", errors.Codes("items[1].id"));
        Assert.Contains("required", errors.Codes("items[2].text.en"));
        Assert.Contains("invalid_choice", errors.Codes("items[2].severity"));
        Assert.Contains("invalid_choice", FieldCodes.Codes(VenueRules.Checklist("casino", new ChecklistInput([new("a", new("甲", "A"), "minor")])).Errors, "venueType"));
        Assert.Contains("items_count", FieldCodes.Codes(VenueRules.Checklist("small_shop", new ChecklistInput([])).Errors, "items"));
    }

    [Fact]
    public void A_venue_needs_a_type_of_the_nine_a_cell_and_a_station_of_the_area()
    {
        var (venue, errors) = VenueRules.Venue(Taishan, "new-shop", new VenueInput(new("小店", "Shop"), "small_shop", "tianjie", "ts-tianjie-grid", "0538-1"));
        Assert.True(errors.IsValid);
        Assert.Equal(new Venue("taishan", "new-shop", new("小店", "Shop"), VenueType.SmallShop, "tianjie", "ts-tianjie-grid", "0538-1"), venue);

        var (bad, wrong) = VenueRules.Venue(Taishan, "Bad Id", new VenueInput(new("小店", ""), "bar", "moon", "nobody", "call me"));
        Assert.Null(bad);
        foreach (var (field, code) in new[] { ("id", "id_invalid"), ("name.en", "required"), ("type", "invalid_choice"), ("gridCellId", "cell_unknown"), ("stationId", "station_unknown"), ("contact", "phone_invalid") })
        {
            Assert.Contains(code, FieldCodes.Codes(wrong, field));
        }
    }

    [Fact]
    public void A_station_covers_the_venues_it_is_responsible_for_and_those_of_its_cells()
    {
        var hotelMember = Taishan.FindStation("ts-yuanbao-hotel")!;
        var summitPolice = Taishan.FindStation("ts-daiding-police")!;
        var cableCar = Taishan.FindStation("ts-cablecar-grid")!;

        Assert.True(VenueRules.Covers(Taishan, hotelMember, Hotel));
        Assert.True(VenueRules.Covers(Taishan, summitPolice, Hotel)); // tianjie lists the summit police post
        Assert.False(VenueRules.Covers(Taishan, cableCar, Hotel));
        Assert.True(VenueRules.Covers(Taishan, cableCar, Taishan.FindVenue("songfeng-teahouse")!));
    }

    [Fact]
    public void Every_item_is_answered_once_with_pass_fail_or_not_applicable()
    {
        var items = Taishan.ChecklistFor(Hotel.Type).Items;
        var input = new InspectionInput("insp-1", Hotel.Id,
        [
            new(items[0].Id, "pass", null),
            new(items[0].Id, "fail", null),
            new("swimming-pool", "pass", null),
            new(items[1].Id, "maybe", null),
            new(items[2].Id, "fail", new string('x', 501)),
        ], null);

        var (inspection, errors) = InspectionRules.Inspection(Taishan.ChecklistFor(Hotel.Type), Hotel, "ts-yuanbao-hotel", input, Now);

        Assert.Null(inspection);
        Assert.Contains("duplicate", errors.Codes("items[1].itemId"));
        Assert.Contains("item_unknown", errors.Codes("items[2].itemId"));
        Assert.Contains("invalid_choice", errors.Codes("items[3].result"));
        Assert.Contains("too_long", errors.Codes("items[4].note"));
        Assert.Contains("item_missing", errors.Codes("items"));
        Assert.Contains("id_invalid", FieldCodes.Codes(InspectionRules.Inspection(Taishan.ChecklistFor(Hotel.Type), Hotel, "s", Answers("Not An Id", Hotel), Now).Errors, "id"));
    }

    [Fact]
    public void Two_failed_items_open_two_rectifications_due_by_their_severity()
    {
        var inspection = Valid(Answers("insp-1", Noodles, ("gas", "fail"), ("extinguishers", "fail"), ("flue", "not_applicable")), Noodles, Now);

        var effect = InspectionRules.Apply(inspection, Taishan.ChecklistFor(Noodles.Type), [], Policy);

        Assert.Equal(["insp-1.extinguishers", "insp-1.gas"], effect.Opened.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(Now + Policy.CriticalWithin, effect.Opened.Single(r => r.ItemId == "gas").Due);
        Assert.Equal(Now + Policy.MajorWithin, effect.Opened.Single(r => r.ItemId == "extinguishers").Due);
        Assert.All(effect.Opened, r => Assert.Equal(RectificationStatus.Open, r.Status));
        Assert.Equal(effect.Opened.Select(r => r.Id).Order(StringComparer.Ordinal), effect.Inspection.Opened.Order(StringComparer.Ordinal));
        Assert.Empty(effect.Closed);
        Assert.Equal("燃气设备和软管安全，无老化、泄漏", effect.Inspection.Items.Single(i => i.ItemId == "gas").Text!.Zh);
    }

    [Fact]
    public void A_passed_item_closes_its_rectification_a_failed_one_keeps_it_and_not_applicable_leaves_it()
    {
        var checklist = Taishan.ChecklistFor(Noodles.Type);
        var first = InspectionRules.Apply(Valid(Answers("insp-1", Noodles, ("gas", "fail"), ("extinguishers", "fail"), ("wiring", "fail")), Noodles, Now), checklist, [], Policy);
        var later = Now.AddDays(3);

        var again = InspectionRules.Apply(
            Valid(Answers("insp-2", Noodles, ("gas", "fail"), ("wiring", "not_applicable")), Noodles, later), checklist, first.Opened, Policy);

        Assert.Equal(["insp-1.extinguishers"], again.Closed.Select(r => r.Id));
        Assert.Equal(RectificationStatus.Closed, again.Closed[0].Status);
        Assert.Equal("insp-2", again.Closed[0].ClosedBy);
        Assert.Equal(later, again.Closed[0].ClosedAt);
        Assert.Empty(again.Opened); // gas failed again: its first rectification and deadline stand
        Assert.Equal(["insp-1.extinguishers"], again.Inspection.Closed);
    }

    [Fact]
    public void An_escalated_rectification_is_still_closed_by_a_pass_and_a_closed_one_is_not_reopened_but_replaced()
    {
        var checklist = Taishan.ChecklistFor(Noodles.Type);
        var first = InspectionRules.Apply(Valid(Answers("insp-1", Noodles, ("gas", "fail")), Noodles, Now), checklist, [], Policy);
        var escalated = InspectionRules.Escalate(first.Opened[0], Taishan, Noodles, Now.AddDays(2));

        var pass = InspectionRules.Apply(Valid(Answers("insp-2", Noodles), Noodles, Now.AddDays(3)), checklist, [escalated], Policy);
        Assert.Equal(["insp-1.gas"], pass.Closed.Select(r => r.Id));

        var failAgain = InspectionRules.Apply(Valid(Answers("insp-3", Noodles, ("gas", "fail")), Noodles, Now.AddDays(4)), checklist, [pass.Closed[0]], Policy);
        Assert.Equal(["insp-3.gas"], failAgain.Opened.Select(r => r.Id));
    }

    [Fact]
    public void An_overdue_rectification_goes_to_the_police_posts_of_the_venues_cell()
    {
        var r = InspectionRules.Apply(Valid(Answers("insp-1", Noodles, ("gas", "fail")), Noodles, Now), Taishan.ChecklistFor(Noodles.Type), [], Policy).Opened[0];

        Assert.False(InspectionRules.Overdue(r, r.Due - TimeSpan.FromSeconds(1)));
        Assert.True(InspectionRules.Overdue(r, r.Due));
        var up = InspectionRules.Escalate(r, Taishan, Noodles, r.Due);
        Assert.Equal(RectificationStatus.Escalated, up.Status);
        Assert.Equal(["ts-daiding-police"], up.EscalatedTo);
        Assert.False(InspectionRules.Overdue(up, r.Due.AddDays(1))); // escalated once

        var teahouse = Taishan.FindVenue("songfeng-teahouse")!;
        Assert.Equal(["ts-zhongtianmen-police"], InspectionRules.Escalate(r with { VenueId = teahouse.Id }, Taishan, teahouse, r.Due).EscalatedTo);

        // The police post sees it once escalated; a grid member elsewhere never does.
        var police = Taishan.FindStation("ts-zhongtianmen-police")!;
        var hongmen = Taishan.FindStation("ts-hongmen-police")!;
        Assert.True(InspectionRules.Sees(Taishan, police, teahouse, InspectionRules.Escalate(r with { VenueId = teahouse.Id }, Taishan, teahouse, r.Due)));
        Assert.False(InspectionRules.Sees(Taishan, hongmen, Noodles, up));
    }

    [Fact]
    public void Deadlines_follow_the_policy_settings()
    {
        var policy = new RectificationPolicy { CriticalWithin = TimeSpan.FromHours(2), MajorWithin = TimeSpan.FromDays(3), MinorWithin = TimeSpan.FromDays(14) };

        Assert.Equal(TimeSpan.FromHours(2), policy.For(Severity.Critical));
        Assert.Equal(TimeSpan.FromDays(3), policy.For(Severity.Major));
        Assert.Equal(TimeSpan.FromDays(14), policy.For(Severity.Minor));
    }

    [Fact]
    public void A_station_with_venues_and_a_cell_with_venues_cannot_be_deleted()
    {
        Assert.Equal("cells", DirectoryRules.StationInUse(Taishan, "ts-yuanbao-hotel"));
        var lone = new AreaDirectory(Taishan.Area, Taishan.Stations, Taishan.Cells.Where(c => c.Id != "tianjie"), Taishan.Points.Where(p => p.GridCellId != "tianjie"), Taishan.Venues);
        Assert.Equal("venues", DirectoryRules.StationInUse(lone, "ts-yuanbao-hotel"));
        Assert.True(DirectoryRules.CellHasPoints(new AreaDirectory(Taishan.Area, Taishan.Stations, Taishan.Cells, [], Taishan.Venues), "tianjie"));
    }
}
