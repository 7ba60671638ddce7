using GridAid.Core.Directory;
using GridAid.Core.Inspections;

namespace GridAid.Core.Demo;

/// <summary>
/// Mount Tai (泰山) as demo data: its police posts and grid stations, the grid cells along the Red Gate route
/// and the summit, and QR points at the places tourists stop. <see cref="Seed"/> carries public access codes
/// (<c>demo-{station}</c>, <c>demo-admin</c>) for local runs and tests only; <see cref="DirectoryFor"/> is the same
/// directory under another area, with no access code at all.
/// </summary>
public static class TaishanDemo
{
    public const string AreaId = "taishan";

    /// <summary>The duty station of the demo directory (the summit police post).</summary>
    public const string DutyStationId = "ts-daiding-police";

    /// <summary>The demo's command station (the second escalation tier).</summary>
    public const string CommandStationId = "ts-command";

    /// <summary>The Taishan demo area with its public demo access codes.</summary>
    public static AreaSeed Seed { get; } = WithDemoCodes(Build(new Area(AreaId, new("泰山风景名胜区", "Mount Tai Scenic Area"), DutyStationId)));

    /// <summary>
    /// The demo directory (stations, grid cells, QR points) under <paramref name="area"/>, whose duty station becomes
    /// <see cref="DutyStationId"/>; no access codes. QR point codes are unique across areas, so outside Taishan they
    /// start with the area id instead of <c>ts-</c> (<c>ts-nantianmen</c> → <c>{area}-nantianmen</c>).
    /// </summary>
    public static AreaSeed DirectoryFor(Area area) => Build(area with { DefaultStationId = DutyStationId });

    /// <summary>
    /// Small venues (九小场所) along the route and at the summit that the grid inspects: hotels, restaurants and shops at
    /// South Heaven Gate and Heavenly Street, a tea house and a shop at Zhongtianmen, a dumpling house at Hongmen. The
    /// same under any area (venue ids are per area); the stations are the demo's.
    /// </summary>
    public static IReadOnlyList<Venue> VenuesFor(string areaId)
    {
        Venue V(string id, string zh, string en, VenueType type, string cell, string station, string? contact = null) =>
            new(areaId, id, new LocalizedText(zh, en), type, cell, station, contact);
        return
        [
            V("yuanbao-hotel", "天街元宝饭店", "Yuanbao Hotel", VenueType.SmallHotel, "tianjie", "ts-yuanbao-hotel", "0538-0000201"),
            V("tianjie-noodles", "天街泰山面馆", "Heavenly Street Noodle House", VenueType.SmallRestaurant, "tianjie", "ts-yuanbao-hotel", "0538-0000202"),
            V("yunhai-inn", "岱顶云海客栈", "Cloud Sea Inn", VenueType.SmallHotel, "tianjie", "ts-tianjie-grid", "0538-0000203"),
            V("daizong-souvenirs", "岱宗纪念品店", "Daizong Souvenir Shop", VenueType.SmallShop, "tianjie", "ts-tianjie-grid"),
            V("nantianmen-store", "南天门便民小卖部", "South Heaven Gate Corner Store", VenueType.SmallShop, "nantianmen", "ts-tianjie-grid"),
            V("songfeng-teahouse", "中天门松风茶社", "Pine Breeze Tea House", VenueType.SmallRestaurant, "zhongtianmen", "ts-cablecar-grid", "0538-0000204"),
            V("zhongtianmen-outdoor", "中天门登山用品店", "Zhongtianmen Hiking Supplies", VenueType.SmallShop, "zhongtianmen", "ts-cablecar-grid"),
            V("hongmen-dumplings", "红门水饺馆", "Hongmen Dumpling House", VenueType.SmallRestaurant, "hongmen", "ts-hongmen-police", "0538-0000205"),
        ];
    }

    private static AreaSeed WithDemoCodes(AreaSeed seed)
    {
        var codes = seed.Stations.ToDictionary(s => s.Id, s => "demo-" + s.Id, StringComparer.Ordinal);
        codes[Security.AccessCode.AdminPrincipal] = "demo-admin";
        return seed with { AccessCodes = codes };
    }

    private static AreaSeed Build(Area area)
    {
        static LocalizedText T(string zh, string en) => new(zh, en);

        var areaId = area.Id;
        var pointPrefix = areaId == AreaId ? "ts-" : areaId + "-";

        Station S(string id, string zh, string en, StationType type, string? phone = null) => new(areaId, id, T(zh, en), type, phone);
        Station[] stations =
        [
            S("ts-daimiao-police", "岱庙派出所", "Dai Temple Police Post", StationType.PolicePost, "0538-0000101"),
            S("ts-hongmen-police", "红门派出所", "Hongmen Police Post", StationType.PolicePost, "0538-0000102"),
            S("ts-zhongtianmen-police", "中天门派出所", "Zhongtianmen Police Post", StationType.PolicePost, "0538-0000103"),
            S("ts-daiding-police", "岱顶派出所", "Summit Police Post", StationType.PolicePost, "0538-0000104"),
            S("ts-taohuayu-police", "桃花峪派出所", "Taohuayu Police Post", StationType.PolicePost, "0538-0000105"),
            S("ts-tianjie-grid", "天街网格工作站", "Heavenly Street Grid Office", StationType.GridOffice),
            S("ts-yuanbao-hotel", "元宝饭店网格员", "Yuanbao Hotel Grid Member", StationType.GridMember),
            S("ts-cablecar-grid", "中天门索道网格员", "Zhongtianmen Cable Car Grid Member", StationType.GridMember),
            S("ts-lost-found", "岱庙失物招领处", "Dai Temple Lost & Found Desk", StationType.LostAndFound),
            // The area's command station: in no grid cell; it hears a lost person no police post took up in time.
            S("ts-command", "泰山景区指挥中心", "Taishan Scenic Area Command Centre", StationType.GridOffice, "0538-0000110") with { Command = true },
        ];

        GridCell C(string id, string zh, string en, string[] stationIds, string[] neighbours) => new(areaId, id, T(zh, en), stationIds, neighbours);
        GridCell[] cells =
        [
            C("daimiao", "岱庙网格", "Dai Temple", ["ts-daimiao-police"], ["hongmen", "tianwaicun"]),
            C("hongmen", "红门网格", "Hongmen", ["ts-hongmen-police"], ["daimiao", "zhongtianmen"]),
            C("tianwaicun", "天外村网格", "Tianwai Village", ["ts-hongmen-police"], ["daimiao", "zhongtianmen"]),
            C("zhongtianmen", "中天门网格", "Zhongtianmen", ["ts-zhongtianmen-police", "ts-cablecar-grid"], ["hongmen", "tianwaicun", "shibapan"]),
            C("shibapan", "十八盘网格", "Eighteen Bends", ["ts-zhongtianmen-police"], ["zhongtianmen", "nantianmen"]),
            C("nantianmen", "南天门网格", "South Heaven Gate", ["ts-daiding-police", "ts-tianjie-grid"], ["shibapan", "tianjie"]),
            C("tianjie", "天街网格", "Heavenly Street", ["ts-tianjie-grid", "ts-yuanbao-hotel", "ts-daiding-police"], ["nantianmen", "yuhuangding", "houshiwu"]),
            C("yuhuangding", "玉皇顶网格", "Jade Emperor Peak", ["ts-daiding-police"], ["tianjie"]),
            C("houshiwu", "后石坞网格", "Houshiwu", ["ts-daiding-police"], ["tianjie"]),
            C("taohuayu", "桃花峪网格", "Taohuayu", ["ts-taohuayu-police"], ["tianjie"]),
        ];

        QrPoint P(string code, string zh, string en, string cell) => new(areaId, pointPrefix + code["ts-".Length..], T(zh, en), cell);
        QrPoint[] points =
        [
            P("ts-daimiao-gate", "岱庙正阳门", "Dai Temple Main Gate", "daimiao"),
            P("ts-tiankuang-hall", "岱庙天贶殿", "Tiankuang Hall, Dai Temple", "daimiao"),
            P("ts-hongmen-palace", "红门宫", "Hongmen Palace", "hongmen"),
            P("ts-wanxian-tower", "万仙楼", "Wanxian Tower", "hongmen"),
            P("ts-doumu-palace", "斗母宫", "Doumu Palace", "hongmen"),
            P("ts-tianwaicun-centre", "天外村游客中心", "Tianwai Village Visitor Centre", "tianwaicun"),
            P("ts-zhongtianmen", "中天门", "Zhongtianmen (Middle Heaven Gate)", "zhongtianmen"),
            P("ts-zhongtianmen-cablecar", "中天门索道站", "Zhongtianmen Cable Car Station", "zhongtianmen"),
            P("ts-wudafu-pine", "五大夫松", "Fifth-Rank Pine", "shibapan"),
            P("ts-duisong-pavilion", "对松亭", "Duisong Pavilion", "shibapan"),
            P("ts-shibapan", "十八盘", "Eighteen Bends", "shibapan"),
            P("ts-shengxian-arch", "升仙坊", "Shengxian Archway", "shibapan"),
            P("ts-nantianmen", "南天门", "South Heaven Gate", "nantianmen"),
            P("ts-tianjie-arch", "天街牌坊", "Heavenly Street Archway", "tianjie"),
            P("ts-yuanbao-hotel", "天街元宝饭店", "Yuanbao Hotel, Heavenly Street", "tianjie"),
            P("ts-bixia-temple", "碧霞祠", "Bixia Temple", "tianjie"),
            P("ts-tang-inscriptions", "唐摩崖", "Tang Dynasty Cliff Inscriptions", "yuhuangding"),
            P("ts-yuhuangding", "玉皇顶", "Jade Emperor Peak", "yuhuangding"),
            P("ts-riguan-peak", "日观峰", "Sunrise Viewing Peak", "yuhuangding"),
            P("ts-houshiwu-cablecar", "后石坞索道站", "Houshiwu Cable Car Station", "houshiwu"),
            P("ts-taohuayu-cablecar", "桃花峪索道站", "Taohuayu Cable Car Station", "taohuayu"),
            P("ts-taohuayu-centre", "桃花峪游客中心", "Taohuayu Visitor Centre", "taohuayu"),
        ];

        return new AreaSeed(area, stations, cells, points, new Dictionary<string, string>(StringComparer.Ordinal));
    }
}
