namespace GridAid.Core.Matching;

/// <summary>
/// The small bilingual lexicon the matchers share between Chinese and English: colours, things tourists lose, what a
/// person wears, boy or girl, the marks that tell two of them apart, and brands. A phrase names one concept; single Chinese characters are used only where
/// they stand alone (a colour), since 包 is also inside 钱包.
/// </summary>
internal static class MatchLexicon
{
    /// <summary>
    /// Every phrase with the concepts it names, longest first: the matcher blanks out what a phrase took, so 钥匙扣 is a
    /// keychain and not also keys, and 碎花 floral and not also cracked; a phrase in several lists names them all (iphone).
    /// </summary>
    public static readonly IReadOnlyList<(string Phrase, IReadOnlyList<string> Concepts)> Phrases = Build();

    /// <summary>Traditional characters tourists type often (Hong Kong, Taiwan, some phones), and their simplified forms.</summary>
    public static readonly IReadOnlyDictionary<char, char> Simplified = new Dictionary<char, char>
    {
        ['錢'] = '钱', ['機'] = '机', ['證'] = '证', ['鑰'] = '钥', ['傘'] = '伞', ['門'] = '门', ['紅'] = '红', ['藍'] = '蓝',
        ['綠'] = '绿', ['銀'] = '银', ['黃'] = '黄', ['個'] = '个', ['裡'] = '里', ['裏'] = '里', ['鏡'] = '镜', ['錶'] = '表',
        ['帶'] = '带', ['雙'] = '双', ['揹'] = '背', ['頭'] = '头', ['張'] = '张', ['龍'] = '龙', ['貓'] = '猫', ['紙'] = '纸',
        ['貼'] = '贴', ['殼'] = '壳', ['護'] = '护', ['夾'] = '夹', ['衝'] = '冲', ['鋒'] = '锋', ['絨'] = '绒', ['風'] = '风',
        ['圍'] = '围', ['現'] = '现', ['華'] = '华', ['為'] = '为', ['蘋'] = '苹', ['學'] = '学', ['電'] = '电', ['腦'] = '脑',
        ['寶'] = '宝', ['裝'] = '装', ['條'] = '条', ['紋'] = '纹', ['掛'] = '挂', ['飾'] = '饰', ['繩'] = '绳', ['鏈'] = '链',
        ['單'] = '单', ['壞'] = '坏', ['舊'] = '旧', ['襪'] = '袜', ['壺'] = '壶', ['陽'] = '阳', ['東'] = '东', ['麼'] = '么',
        ['這'] = '这', ['們'] = '们', ['發'] = '发', ['撿'] = '捡', ['遺'] = '遗', ['丟'] = '丢', ['頂'] = '顶', ['隻'] = '只',
        ['開'] = '开', ['車'] = '车', ['號'] = '号', ['筆'] = '笔', ['記'] = '记', ['書'] = '书',
        ['褲'] = '裤', ['襯'] = '衬', ['兒'] = '儿', ['歲'] = '岁', ['髮'] = '发', ['孫'] = '孙',
    };

    /// <summary>English words that say nothing about which item it is.</summary>
    public static readonly IReadOnlySet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "the", "and", "with", "for", "has", "have", "had", "was", "were", "are", "lost", "found", "near", "left", "some", "this",
        "that", "there", "inside", "one", "our", "its", "his", "her", "their", "from", "into", "onto", "about", "around", "please",
        "contact", "thanks", "thank", "someone", "item", "picked", "handed", "front", "next", "bench", "path", "here", "maybe",
        "think", "probably", "very", "just", "small", "big", "large", "little", "old", "new", "color", "colour", "looks",
        "like", "also", "not", "any", "all", "got", "but", "had", "when", "while", "where", "which", "who", "you", "she",
        "him", "them", "will", "would", "could", "can", "did", "does", "been", "being", "over", "under", "after", "before",
        "wearing", "wears", "dressed", "years", "year", "aged", "child", "kid", "alone", "crying", "missing",
    };

    /// <summary>Chinese characters that say nothing about which item it is on their own.</summary>
    public static readonly IReadOnlySet<char> StopCharacters = "的了一个有在是我他她它们这那到捡丢失找和与及或也还很就都被把给让从向往里上下边旁面色只部把副顶件张条双串些点多少大小穿着岁".ToHashSet();

    /// <summary>Chinese bigrams that say nothing about which item it is.</summary>
    public static readonly IReadOnlySet<string> StopBigrams = new HashSet<string>(StringComparer.Ordinal)
    {
        "一个", "有个", "有一", "捡到", "丢了", "丢失", "遗失", "在这", "这里", "里面", "请联", "联系", "谢谢", "不见", "发现", "看到",
        "附近", "旁边", "地上", "上面", "下面", "好像", "可能", "应该", "我的", "我们", "孩子", "一只", "一部", "一把", "一副",
        "一顶", "一件", "一张", "颜色", "东西", "的时", "时候", "了一", "是一", "个黑", "个白", "个红", "个蓝", "拾到", "交到",
    };

    private static List<(string, IReadOnlyList<string>)> Build()
    {
        var table = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["colour:black"] = ["黑", "black"],
            ["colour:white"] = ["白", "white"],
            ["colour:red"] = ["红", "red", "maroon", "burgundy"],
            ["colour:blue"] = ["蓝", "blue", "navy"],
            ["colour:green"] = ["绿", "green", "olive"],
            ["colour:yellow"] = ["黄", "yellow"],
            ["colour:pink"] = ["粉", "pink"],
            ["colour:grey"] = ["灰", "grey", "gray"],
            ["colour:brown"] = ["棕", "咖啡色", "褐", "brown", "tan", "coffee"],
            ["colour:purple"] = ["紫", "purple", "violet"],
            ["colour:silver"] = ["银", "silver"],
            ["colour:gold"] = ["金色", "gold", "golden"],
            ["colour:orange"] = ["橙", "橘", "orange"],
            ["colour:beige"] = ["米色", "米白", "卡其", "beige", "khaki", "cream"],
            ["item:backpack"] = ["双肩包", "背包", "书包", "backpack", "rucksack", "knapsack", "daypack"],
            ["item:handbag"] = ["手提包", "手袋", "托特包", "handbag", "tote"],
            ["item:shoulderbag"] = ["斜挎包", "单肩包", "挎包", "腰包", "胸包", "crossbody", "shoulder bag", "messenger bag", "waist bag", "bum bag", "fanny pack", "sling bag"],
            ["item:bag"] = ["bag", "袋子", "包包"],
            ["item:phone"] = ["手机", "手机壳", "phone", "mobile", "cellphone", "smartphone", "iphone"],
            ["item:wallet"] = ["钱包", "皮夹", "卡包", "wallet", "purse", "card holder"],
            ["item:idcard"] = ["身份证", "证件", "id card", "identity card", "id"],
            ["item:passport"] = ["护照", "passport"],
            ["item:bankcard"] = ["银行卡", "信用卡", "bank card", "credit card", "debit card"],
            ["item:licence"] = ["驾照", "驾驶证", "licence", "license", "driving licence", "driver's license", "drivers license"],
            ["item:studentcard"] = ["学生证", "student card", "student id"],
            ["item:keys"] = ["钥匙", "key", "keys"],
            ["mark:keychain"] = ["钥匙扣", "钥匙圈", "挂件", "挂饰", "吊坠", "keychain", "key chain", "keyring", "key ring", "charm", "pendant"],
            ["item:camera"] = ["相机", "单反", "微单", "camera", "dslr", "mirrorless"],
            ["item:lens"] = ["镜头", "lens"],
            ["item:umbrella"] = ["伞", "umbrella", "brolly"],
            ["item:bottle"] = ["水杯", "水瓶", "保温杯", "杯子", "水壶", "bottle", "flask", "thermos", "tumbler", "cup"],
            ["item:glasses"] = ["眼镜", "墨镜", "太阳镜", "glasses", "sunglasses", "spectacles", "shades"],
            ["item:hat"] = ["帽子", "帽", "hat", "cap", "beanie"],
            ["item:jacket"] = ["外套", "夹克", "冲锋衣", "羽绒服", "风衣", "棉服", "防晒衣", "皮肤衣", "jacket", "coat", "windbreaker", "parka", "raincoat"],
            ["item:hoodie"] = ["卫衣", "hoodie", "sweatshirt"],
            ["item:scarf"] = ["围巾", "scarf"],
            ["item:gloves"] = ["手套", "gloves", "glove", "mittens"],
            ["item:toy"] = ["玩具", "公仔", "毛绒", "toy", "plush", "doll", "stuffed"],
            ["item:earphones"] = ["耳机", "earphones", "earbuds", "headphones", "airpods"],
            ["item:watch"] = ["手表", "手环", "watch", "smartwatch", "band"],
            ["item:powerbank"] = ["充电宝", "移动电源", "充电器", "power bank", "powerbank", "charger"],
            ["item:tablet"] = ["平板", "ipad", "tablet"],
            ["item:laptop"] = ["笔记本电脑", "电脑", "laptop", "macbook"],
            ["item:ticket"] = ["门票", "车票", "索道票", "ticket", "tickets"],
            ["item:cash"] = ["现金", "cash", "money", "rmb", "yuan"],
            ["item:shoes"] = ["鞋", "shoes", "sneakers", "trainers", "boots", "sandals"],
            ["item:trousers"] = ["裤子", "长裤", "运动裤", "牛仔裤", "裤", "trousers", "pants", "jeans", "leggings", "joggers"],
            ["item:shorts"] = ["短裤", "shorts"],
            ["item:skirt"] = ["裙子", "短裙", "裙", "skirt"],
            ["item:dress"] = ["连衣裙", "dress"],
            ["item:tshirt"] = ["t恤", "短袖", "t-shirt", "tshirt", "tee"],
            ["item:shirt"] = ["衬衫", "衬衣", "shirt", "blouse"],
            ["item:sweater"] = ["毛衣", "针织衫", "sweater", "jumper", "cardigan", "pullover"],
            ["item:vest"] = ["背心", "马甲", "vest", "gilet"],
            ["sex:male"] = ["小男孩", "男孩", "男童", "男生", "儿子", "孙子", "boy", "son", "grandson"],
            ["sex:female"] = ["小女孩", "女孩", "女童", "女生", "女儿", "孙女", "girl", "daughter", "granddaughter"],
            ["item:stick"] = ["登山杖", "拐杖", "trekking pole", "hiking pole", "walking stick"],
            ["mark:bear"] = ["熊", "bear", "teddy"],
            ["mark:rabbit"] = ["兔", "rabbit", "bunny"],
            ["mark:cat"] = ["猫", "cat", "kitty"],
            ["mark:dog"] = ["狗", "dog", "puppy"],
            ["mark:pikachu"] = ["皮卡丘", "pikachu"],
            ["mark:panda"] = ["熊猫", "panda"],
            ["mark:sticker"] = ["贴纸", "贴画", "sticker", "stickers", "decal"],
            ["mark:case"] = ["手机壳", "保护壳", "保护套", "case", "cover"],
            ["mark:crack"] = ["裂", "碎", "破", "crack", "cracked", "broken", "shattered"],
            ["mark:scratch"] = ["划痕", "刮痕", "磨损", "scratch", "scratched", "scuffed", "worn"],
            ["mark:leather"] = ["真皮", "皮质", "皮的", "leather"],
            ["mark:canvas"] = ["帆布", "canvas"],
            ["mark:stripes"] = ["条纹", "stripe", "striped", "stripes"],
            ["mark:floral"] = ["花纹", "碎花", "印花", "花朵", "floral", "flower", "flowers"],
            ["mark:cartoon"] = ["卡通", "动漫", "cartoon", "anime"],
            ["mark:lanyard"] = ["挂绳", "吊绳", "lanyard", "strap"],
            ["mark:zip"] = ["拉链", "zip", "zipper"],
            ["mark:name"] = ["名字", "姓名", "名牌", "name tag", "name"],
            ["mark:photo"] = ["照片", "合影", "photo", "picture"],
            ["brand:apple"] = ["苹果", "apple", "iphone", "ipad", "airpods", "macbook"],
            ["brand:huawei"] = ["华为", "huawei", "mate", "nova"],
            ["brand:xiaomi"] = ["小米", "红米", "xiaomi", "redmi"],
            ["brand:samsung"] = ["三星", "samsung", "galaxy"],
            ["brand:oppo"] = ["oppo"],
            ["brand:vivo"] = ["vivo"],
            ["brand:honor"] = ["荣耀", "honor"],
            ["brand:nike"] = ["耐克", "nike"],
            ["brand:adidas"] = ["阿迪达斯", "阿迪", "adidas"],
            ["brand:northface"] = ["北面", "北脸", "north face", "northface", "tnf"],
            ["brand:lv"] = ["路易威登", "louis vuitton", "lv"],
            ["brand:coach"] = ["蔻驰", "coach"],
            ["brand:gucci"] = ["古驰", "gucci"],
            ["brand:canon"] = ["佳能", "canon"],
            ["brand:sony"] = ["索尼", "sony"],
            ["brand:nikon"] = ["尼康", "nikon"],
            ["brand:fuji"] = ["富士", "fujifilm", "fuji"],
            ["brand:dji"] = ["大疆", "dji", "osmo"],
            ["brand:gopro"] = ["gopro"],
            ["brand:anta"] = ["安踏", "anta"],
            ["brand:lining"] = ["李宁", "li ning", "lining", "li-ning"],
            ["brand:uniqlo"] = ["优衣库", "uniqlo"],
            ["brand:decathlon"] = ["迪卡侬", "decathlon"],
            ["brand:jansport"] = ["杰斯伯", "jansport"],
            ["brand:casio"] = ["卡西欧", "casio"],
            ["brand:mcm"] = ["mcm"],
            ["brand:herschel"] = ["herschel"],
            ["brand:kanken"] = ["kanken", "fjallraven", "北极狐"],
        };
        return table.SelectMany(kv => kv.Value.Select(p => (Phrase: p, Concept: kv.Key)))
            .GroupBy(p => p.Phrase, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.Select(p => p.Concept).Distinct(StringComparer.Ordinal).ToList()))
            .OrderByDescending(p => p.Item1.Length).ThenBy(p => p.Item1, StringComparer.Ordinal).ToList();
    }
}
