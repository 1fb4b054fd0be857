//! Unit tests of the mention rules: forms, units, ranges, qualifiers and the traps.

use std::sync::LazyLock;

use crate::document::{Document, normalize};
use crate::segment::Segmenter;

static SEG: LazyLock<Segmenter> = LazyLock::new(Segmenter::new);

/// (text, norm_value, norm_upper, norm_unit, kind, qualifier) of every mention in `text`.
type Found = (String, f64, Option<f64>, String, &'static str, &'static str);

fn found(text: &str) -> Vec<Found> {
    let doc = Document::from_text("t", text);
    crate::extract::extract(&doc, &SEG)
        .into_iter()
        .map(|r| {
            (
                r.text,
                r.norm_value,
                r.norm_upper,
                r.norm_unit,
                r.kind.as_str(),
                r.qualifier.as_str(),
            )
        })
        .collect()
}

fn one(text: &str, span: &str, value: f64, unit: &str, qualifier: &str) {
    let all = found(text);
    let hit = all.iter().find(|m| m.0 == span);
    let Some(m) = hit else {
        panic!("{span} not found in {text}: {all:?}");
    };
    assert!(
        (m.1 - value).abs() < 1e-6 * value.abs().max(1.0),
        "{span}: {} != {value}",
        m.1
    );
    assert_eq!(m.3, unit, "{span} unit");
    assert_eq!(m.5, qualifier, "{span} qualifier");
}

fn none(text: &str, trap: &str) {
    let all = found(text);
    assert!(
        !all.iter()
            .any(|m| m.0.contains(trap) || trap.contains(m.0.as_str())),
        "{trap} reported in {text}: {all:?}"
    );
}

#[test]
fn arabic_forms() {
    one(
        "地区生产总值完成340.64亿元。",
        "340.64亿元",
        34_064_000_000.0,
        "CNY",
        "exact",
    );
    one(
        "税收1,234.5万元。",
        "1,234.5万元",
        12_345_000.0,
        "CNY",
        "exact",
    );
    one("新增市场主体1，234户。", "1，234户", 1234.0, "户", "exact");
    one("增长３．６８％。", "３．６８％", 3.68, "%", "exact");
    one("出口增长-2.3%。", "-2.3%", -2.3, "%", "exact");
    one(
        "社会消费品零售总额增长负3.9%。",
        "负3.9%",
        -3.9,
        "%",
        "exact",
    );
}

#[test]
fn chinese_forms() {
    one("建成两千三百户。", "两千三百户", 2300.0, "户", "exact");
    one(
        "总额一千五百五十九亿元。",
        "一千五百五十九亿元",
        155_900_000_000.0,
        "CNY",
        "exact",
    );
    one("共二百七十个。", "二百七十个", 270.0, "个", "exact");
    one("实施十五项。", "十五项", 15.0, "项", "exact");
    one("新建一百零五所。", "一百零五所", 105.0, "所", "exact");
    one(
        "比重达百分之三十六点五。",
        "百分之三十六点五",
        36.5,
        "%",
        "exact",
    );
    one("设立壹佰万元基金。", "壹佰万元", 1e6, "CNY", "exact");
}

#[test]
fn mixed_and_large() {
    one("新增1.2万人。", "1.2万人", 12_000.0, "人", "exact");
    one("总量6.66万亿元。", "6.66万亿元", 6.66e12, "CNY", "exact");
    one("吸纳3万4000人。", "3万4000人", 34_000.0, "人", "exact");
    one(
        "改造25万6千平方米。",
        "25万6千平方米",
        256_000.0,
        "m2",
        "exact",
    );
    one(
        "安排1亿2000万元。",
        "1亿2000万元",
        120_000_000.0,
        "CNY",
        "exact",
    );
    one("装机50万千瓦。", "50万千瓦", 500_000.0, "kW", "exact");
    one("新建道路52千米。", "52千米", 52.0, "km", "exact");
}

#[test]
fn fractions_and_multiples() {
    one("覆盖三分之一的村。", "三分之一", 100.0 / 3.0, "%", "exact");
    one("降到千分之五。", "千分之五", 0.5, "%", "exact");
    one("降到万分之三。", "万分之三", 0.03, "%", "exact");
    one("占百分之五十。", "百分之五十", 50.0, "%", "exact");
    one("减少三成。", "三成", 30.0, "%", "exact");
    one("增长3倍。", "3倍", 3.0, "x", "exact");
    one("提高一倍。", "一倍", 1.0, "x", "exact");
    one("力争翻一番。", "翻一番", 2.0, "x", "exact");
    one("实现翻两番。", "翻两番", 4.0, "x", "exact");
}

#[test]
fn vague_and_bounded() {
    one("吸引十几万人。", "十几万人", 100_000.0, "人", "more_than");
    one("投入数十亿元。", "数十亿元", 1e9, "CNY", "more_than");
    one("完成500多亿元。", "500多亿元", 5e10, "CNY", "more_than");
    one("建成620多万套。", "620多万套", 6.2e6, "套", "more_than");
    one("筹集1000余万元。", "1000余万元", 1e7, "CNY", "more_than");
    one("培育上百家企业。", "上百家", 100.0, "家", "at_least");
    one("约30亿元。", "30亿元", 3e9, "CNY", "approx");
    one("近1.2万党员。", "1.2万", 12_000.0, "", "approx");
    // 成约 and 入超 are words of the dictionary, not of these sentences.
    one(
        "完成约3.2万户居住的棚户区改造。",
        "3.2万户",
        32_000.0,
        "户",
        "approx",
    );
    one(
        "12家企业营业收入超百亿元。",
        "百亿元",
        1e10,
        "CNY",
        "more_than",
    );
    one("增长6%左右。", "6%", 6.0, "%", "approx");
    one("超过5000家。", "5000家", 5000.0, "家", "more_than");
    one("突破100亿元。", "100亿元", 1e10, "CNY", "more_than");
    // 以上 after an achieved figure is more than it; after a target, at least it (RECORDS.md).
    one(
        "城镇新增就业1100万人以上。",
        "1100万人",
        1.1e7,
        "人",
        "more_than",
    );
    one(
        "今年主要预期目标是：城镇新增就业1100万人以上。",
        "1100万人",
        1.1e7,
        "人",
        "at_least",
    );
    one("建设10亿元以上项目50个。", "10亿元", 1e9, "CNY", "at_least");
    one("不低于2个。", "2个", 2.0, "个", "at_least");
    one("控制在5.5%以内。", "5.5%", 5.5, "%", "at_most");
    one("不超过3%。", "3%", 3.0, "%", "at_most");
    one("低于4%。", "4%", 4.0, "%", "less_than");
    one("不到1000人。", "1000人", 1000.0, "人", "less_than");
}

#[test]
fn ranges() {
    let r = found("增长6%－6.5%。");
    assert_eq!(r[0].0, "6%－6.5%");
    assert_eq!((r[0].1, r[0].2), (6.0, Some(6.5)));
    assert_eq!(r[0].5, "range");
    for (text, span) in [
        ("增长6-6.5%。", "6-6.5%"),
        ("增长6%到6.5%。", "6%到6.5%"),
        ("增长6至7%。", "6至7%"),
    ] {
        let r = found(text);
        assert_eq!(r.len(), 1, "{text}: {r:?}");
        assert_eq!((r[0].0.as_str(), r[0].5), (span, "range"));
    }
    let r = found("产量1000—1200万吨。");
    assert_eq!(r[0].0, "1000—1200万吨");
    assert_eq!((r[0].1, r[0].2), (1e7, Some(1.2e7)));
    assert_eq!(r[0].3, "t");
}

#[test]
fn units() {
    one("下降0.5个百分点。", "0.5个百分点", 0.5, "pp", "exact");
    one(
        "实际利用外资1.2亿美元。",
        "1.2亿美元",
        1.2e8,
        "USD",
        "exact",
    );
    one("3283名机关干部。", "3283名", 3283.0, "人", "exact");
    one("服务47万人次。", "47万人次", 470_000.0, "人次", "exact");
    one("造林2.3万亩。", "2.3万亩", 23_000.0, "mu", "exact");
    one(
        "节约12万吨标准煤。",
        "12万吨标准煤",
        120_000.0,
        "tce",
        "exact",
    );
    one("新增光伏3兆瓦。", "3兆瓦", 3000.0, "kW", "exact");
    one("发电8亿千瓦时。", "8亿千瓦时", 8e8, "kWh", "exact");
    one("污水处理费1.35元/吨。", "1.35元/吨", 1.35, "元/吨", "exact");
    one("空气质量综合指数5.36,排名第一。", "5.36", 5.36, "", "exact");
    one("城乡居民收入比缩小到2.01。", "2.01", 2.01, "", "exact");
    one("我国有近14亿人口。", "14亿", 1.4e9, "", "approx");
}

#[test]
fn dates_and_times_are_not_quantities() {
    for (text, trap) in [
        ("2020年经济增长。", "2020"),
        ("8月6日召开会议。", "8"),
        ("一九八二年以来。", "一九八二"),
        ("于2020-08-06发布。", "2020"),
        ("于2020-08-06发布。", "08"),
        ("上午9时开会。", "9"),
        ("1-6月完成投资。", "1-6"),
        ("2021-2025年规划。", "2021"),
        ("截至2023.3底。", "2023.3"),
    ] {
        none(text, trap);
    }
}

#[test]
fn ordinals_and_markers_are_not_quantities() {
    for (text, trap) in [
        ("第二次全体会议。", "二次"),
        ("第十四届人民代表大会。", "十四"),
        ("十六届政府召开。", "十六"),
        ("区委十一届十次全会。", "十次"),
        ("按照省委十一届十次、十一次全会部署。", "十次"),
        ("首届博览会。", "首"),
        ("一、疫情防控取得成果。", "一"),
        ("（二）民生保障。", "二"),
        ("1 千方百计 把底线筑牢", "1"),
        ("1. 稳增长", "1"),
        ("排名第一。", "一"),
        ("入选第二批试点。", "二批"),
    ] {
        none(text, trap);
    }
}

#[test]
fn names_slogans_codes_and_words_are_not_quantities() {
    for (text, trap) in [
        ("二七区召开会议。", "二七"),
        ("十三五时期。", "十三五"),
        ("十四五规划。", "十四五"),
        ("扎实做好六稳工作。", "六"),
        ("打好三大攻坚战。", "三"),
        ("共建一带一路。", "一"),
        ("落细“五个一”措施。", "五个"),
        ("推进“三个二七”建设。", "三个"),
        ("出台支持民营经济“二十条”。", "二十条"),
        ("落实大气污染防治“十条”。", "十条"),
        ("一环十横十纵。", "十"),
        ("引导七一三等企业。", "七一三"),
        ("PM2.5浓度下降。", "2.5"),
        ("建成5G基站。", "5"),
        ("创建3A景区。", "3"),
        ("4A级景区。", "4"),
        ("嫦娥四号发射。", "四"),
        ("桃园路47号。", "47"),
        ("国道318线。", "318"),
        ("一般公共预算收入。", "一"),
        ("进一步深化改革。", "一"),
        ("统一规划。", "一"),
        ("一样重要。", "一"),
        ("万众创新。", "万"),
        ("千方百计稳就业。", "千"),
        ("万科集团。", "万"),
        ("推出一批项目。", "一批"),
        ("收入一度下降。", "一度"),
        ("重点抓好四个方面工作。", "四个"),
    ] {
        none(text, trap);
    }
}

#[test]
fn offsets_point_into_the_original_text() {
    let text = "●上半年，\r\n全区完成３４０．６４亿元，增长7.4%。";
    let doc = Document::from_text("t", text);
    let chars: Vec<char> = text.chars().collect();
    let recs = crate::extract::extract(&doc, &SEG);
    assert_eq!(recs.len(), 2);
    for r in recs {
        let s: String = chars[r.start..r.end].iter().collect();
        assert_eq!(s, r.text);
    }
    assert_eq!(normalize("３４０．６４"), "340.64");
}

#[test]
fn value_and_unit_are_reported_as_written() {
    let doc = Document::from_text("t", "比重达百分之三十六点五，增长５％和5%，出口增长５％。");
    let got: Vec<(String, String, String)> = crate::extract::extract(&doc, &SEG)
        .into_iter()
        .map(|r| (r.text, r.value, r.unit))
        .collect();
    let want = [
        ("百分之三十六点五", "三十六点五", "百分之"),
        ("５％", "５", "％"),
        ("5%", "5", "%"),
        ("５％", "５", "％"),
    ];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for (g, w) in got.iter().zip(want) {
        assert_eq!((g.0.as_str(), g.1.as_str(), g.2.as_str()), w);
    }
}

#[test]
fn pathological_input_finishes() {
    let digits = "9".repeat(10_000_000);
    assert!(found(&digits).is_empty());
    let wan = "万".repeat(100_000);
    assert!(found(&wan).is_empty());
}

#[test]
fn cheng_and_hundred_percent() {
    one("无人机产量占全省9成。", "9成", 90.0, "%", "exact");
    one("7成以上的农户参加合作社。", "7成", 70.0, "%", "at_least");
    one("近三成企业完成技术改造。", "三成", 30.0, "%", "approx");
    one("民营经济占比达到7.2成。", "7.2成", 72.0, "%", "exact");
    one("留存收益提高到三成半。", "三成半", 35.0, "%", "exact");
    one("县域消费占到四成五。", "四成五", 45.0, "%", "exact");
    one(
        "行政村光纤实现百分之百覆盖。",
        "百分之百",
        100.0,
        "%",
        "exact",
    );
    // 成 of a word is no unit: 12成员单位 is no share.
    none("联席会议12成员单位参加。", "12成");
}

#[test]
fn hundred_thousand_and_ten_thousand_without_one() {
    one("签约额超百亿美元。", "百亿美元", 1e10, "USD", "more_than");
    one(
        "吸引投资保持在千亿元以上。",
        "千亿元",
        1e11,
        "CNY",
        "more_than",
    );
    one("惠及近千万家庭。", "千万", 1e7, "", "approx");
    one("货运班列开行超万列。", "万列", 1e4, "列", "more_than");
    one("海洋经济增加值突破万亿。", "万亿", 1e12, "CNY", "more_than");
    // Without a qualifier or unit they are words: 百姓, 千方百计, 百人计划, 千万不能.
    none("让百姓得实惠。", "百");
    none("实施百人计划。", "百人");
    none("千万不能松懈。", "千万");
}

#[test]
fn shares_with_a_slash_and_ratios() {
    one("新增就业占全省1/10以上。", "1/10", 10.0, "%", "more_than");
    one("出口占全市增量的1/4。", "1/4", 25.0, "%", "exact");
    one("入驻企业占比约1/3。", "1/3", 100.0 / 3.0, "%", "approx");
    // A date, a version or a unit after it is no share.
    none("于2025/3/5发布。", "3/5");
    none("按3/2比例配置。", "3/2");
    let r = found("城乡收入比由2.60:1缩小到2.41∶1。");
    let got: Vec<(&str, f64, &str)> = r.iter().map(|m| (m.0.as_str(), m.1, m.4)).collect();
    assert_eq!(got, [("2.60:1", 2.6, "ratio"), ("2.41∶1", 2.41, "ratio")]);
    let r = found("三次产业结构调整为5.1∶38.2∶56.7。");
    let got: Vec<(&str, f64, &str)> = r.iter().map(|m| (m.0.as_str(), m.1, m.4)).collect();
    assert_eq!(
        got,
        [
            ("5.1", 5.1, "ratio"),
            ("38.2", 38.2, "ratio"),
            ("56.7", 56.7, "ratio")
        ]
    );
    none("上午9:30召开大会。", "9:30");
    one("城乡居民收入比2.18。", "2.18", 2.18, "", "exact");
}

#[test]
fn chinese_figures_before_nouns_and_older_forms() {
    one("安置十余万下岗职工。", "十余万", 1e5, "", "more_than");
    one("带动二十多万农民增收。", "二十多万", 2e5, "", "more_than");
    one("六万万人民站起来了。", "六万万", 6e8, "", "exact");
    one(
        "原煤产量三百十五万吨。",
        "三百十五万吨",
        3.15e6,
        "t",
        "exact",
    );
    one(
        "生产拖拉机二万四千六百十二台。",
        "二万四千六百十二台",
        24612.0,
        "台",
        "exact",
    );
    one("全年争取资金三个亿。", "三个亿", 3e8, "CNY", "exact");
    one("日产两吨半。", "两吨半", 2.5, "t", "exact");
    // Parsed right or not at all.
    none("产值三千四点五万元。", "三千四点五");
    let r = found("经济总量跨越6万亿、7万亿两个台阶。");
    assert!(r.iter().any(|m| m.0 == "7万亿" && m.1 == 7e12), "{r:?}");
    assert!(r.iter().all(|m| m.1 != 7.2e12), "{r:?}");
    let r = found("为120万65岁以上老年人体检。");
    assert!(r.iter().all(|m| m.1 != 1_200_065.0), "{r:?}");
}

#[test]
fn multiples() {
    one("农民收入增加一倍。", "一倍", 1.0, "x", "exact");
    one("外贸规模翻一番。", "翻一番", 2.0, "x", "exact");
    one("产值增长12.3倍。", "12.3倍", 12.3, "x", "exact");
    one("鱼类资源增长2倍多。", "2倍多", 2.0, "x", "more_than");
}

#[test]
fn ages_durations_and_measure_words() {
    let r = found("人均预期寿命达到79.5岁，提高1岁。");
    let got: Vec<(&str, &str, &str)> = r
        .iter()
        .map(|m| (m.0.as_str(), m.3.as_str(), m.4))
        .collect();
    assert_eq!(got, [("79.5岁", "岁", "age"), ("1岁", "岁", "age")]);
    one("平均受教育年限达到11.2年。", "11.2年", 11.2, "年", "exact");
    one("待泊时间减少6.5小时。", "6.5小时", 6.5, "小时", "exact");
    one(
        "办理时限压缩至3个工作日。",
        "3个工作日",
        3.0,
        "个工作日",
        "exact",
    );
    one("开办时间缩短到5天。", "5天", 5.0, "天", "exact");
    for (text, span, unit) in [
        ("起降航班420架次。", "420架次", "架次"),
        ("走访群众3600户次。", "3600户次", "户次"),
        ("举办招聘会85场次。", "85场次", "场次"),
        ("吞吐量520万标准箱。", "520万标准箱", "标箱"),
        ("吞吐量520万标箱。", "520万标箱", "标箱"),
        ("出台地方性法规9部。", "9部", "部"),
        ("应对强降雨14轮。", "14轮", "轮"),
        ("开行班列360列。", "360列", "列"),
        ("侦破案件48起。", "48起", "起"),
        ("缔结友好城市36对。", "36对", "对"),
        ("举办培训班12期。", "12期", "期"),
        ("抽检食品230批次。", "230批次", "批次"),
    ] {
        let r = found(text);
        let m = r.iter().find(|m| m.0 == span);
        assert!(
            m.is_some_and(|m| m.3 == unit && m.4 == "count"),
            "{text}: {r:?}"
        );
    }
    // 2020年 is a year, 三期 a phase, 二轮 the second round, 零部件 a word.
    none("2020年以来持续增长。", "2020");
    none("建成二期工程。", "二期");
    none("推进二轮土地承包延包。", "二轮");
    none("扩大关键零部件进口。", "零部");
    none("一天接着一天干。", "一天");
}

#[test]
fn mass_length_temperature_and_compound_units() {
    one("人均食盐摄入5克。", "5克", 0.005, "kg", "exact");
    one("检出量0.5毫克。", "0.5毫克", 5e-7, "kg", "exact");
    one("年降水量1350毫米。", "1350毫米", 1.35, "m", "exact");
    one("芯片工艺达到7纳米。", "7纳米", 7e-9, "m", "exact");
    one("雨水管径60厘米。", "60厘米", 0.6, "m", "exact");
    one("年平均气温21.3℃。", "21.3℃", 21.3, "℃", "exact");
    one(
        "PM2.5浓度28微克/立方米。",
        "28微克/立方米",
        28.0,
        "微克/立方米",
        "exact",
    );
    one(
        "PM2.5浓度26.4微克每立方米。",
        "26.4微克每立方米",
        26.4,
        "微克每立方米",
        "exact",
    );
    one(
        "算力达到百亿亿次/秒。",
        "百亿亿次/秒",
        1e18,
        "次/秒",
        "exact",
    );
    one("收费标准12元/吨。", "12元/吨", 12.0, "元/吨", "exact");
}

#[test]
fn per_mille_is_a_percent() {
    one("人口自然增长率为2.5‰。", "2.5‰", 0.25, "%", "exact");
    one(
        "人口自然增长率为千分之二点五。",
        "千分之二点五",
        0.25,
        "%",
        "exact",
    );
}

#[test]
fn a_comma_between_figures_keeps_both() {
    let r = found("就业人数约占全国1/10，5120万名外来务工人员在此就业。");
    let got: Vec<&str> = r.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(got, ["1/10", "5120万名"]);
    let r = found("位列第1，6家企业入选。");
    assert!(r.iter().any(|m| m.0 == "6家"), "{r:?}");
    one("新增市场主体1，234户。", "1，234户", 1234.0, "户", "exact");
}

/// (text, norm_value, norm_unit) of every record of `text`, after checking that each record's
/// offsets point at its text in `text` as written.
fn spans_in_original(text: &str) -> Vec<(String, f64, String)> {
    let doc = Document::from_text("t", text);
    let chars: Vec<char> = text.chars().collect();
    let recs = crate::extract::extract(&doc, &SEG);
    for r in &recs {
        assert_eq!(chars[r.start..r.end].iter().collect::<String>(), r.text);
    }
    recs.into_iter()
        .map(|r| (r.text, r.norm_value, r.norm_unit))
        .collect()
}

fn owned(want: &[(&str, f64, &str)]) -> Vec<(String, f64, String)> {
    want.iter()
        .map(|&(t, v, u)| (t.to_string(), v, u.to_string()))
        .collect()
}

#[test]
fn white_space_between_a_number_and_its_unit() {
    let got = spans_in_original("全市生产总值 512.7 亿元，常住人口 86.3 万人。");
    let want = [
        ("512.7 亿元", 5.127e10, "CNY"),
        ("86.3 万人", 863_000.0, "人"),
    ];
    assert_eq!(got, owned(&want));
    let doc = Document::from_text("t", "生产总值 512.7 亿元。");
    let r = &crate::extract::extract(&doc, &SEG)[0];
    assert_eq!((r.value.as_str(), r.unit.as_str()), ("512.7", "亿元"));
    // A heading number before a word stays out.
    none("1 千方百计稳就业", "1");
}

#[test]
fn traditional_characters_are_matched() {
    let text = "全縣地區生產總值達到856億元，增長5.2%，比重提高1.5個百分點。";
    let want = [
        ("856億元", 8.56e10, "CNY"),
        ("5.2%", 5.2, "%"),
        ("1.5個百分點", 1.5, "pp"),
    ];
    assert_eq!(spans_in_original(text), owned(&want));
    let doc = Document::from_text("t", text);
    let recs = crate::extract::extract(&doc, &SEG);
    assert_eq!(recs[0].indicator_id.as_deref(), Some("gdp"));
}

#[test]
fn set_phrases_with_numerals_are_not_quantities() {
    for (text, trap) in [
        ("用好国内国际两个市场两种资源。", "两个"),
        ("用好国内国际两个市场两种资源。", "两种"),
        ("调动中央和地方两个积极性。", "两个"),
        ("统筹国内国际两个大局。", "两个"),
        ("三次产业协调发展。", "三次"),
        ("推行供热一户一阀。", "一户"),
        ("面对三期叠加的复杂局面。", "三期"),
        ("粮食生产实现十二连增。", "十二"),
        ("严格落实中央八项规定。", "八项"),
    ] {
        none(text, trap);
    }
}

/// The numeral-run scanner finds what the regular expression it replaced finds, at every start,
/// on made-up edge cases and on every line of the corpus and (when `../shared` is there) the
/// real reports.
#[test]
fn numeral_runs_are_the_regexs() {
    let re = regex::Regex::new(
        "(?:[0-9]+(?:[.,][0-9]+)*|[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟几数])\
         (?:[0-9]+(?:[.,][0-9]+)*|[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟点几多余])*",
    )
    .unwrap();
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let mut texts: Vec<String> = [
        "1,234.5亿元、1,2,3项,1.、.5和3..4;点五多余数十几万〇〇七,三点一四,数数,5数",
        "第十四个五年规划1978年〇点五倍两三千亿点多余万𠀀12",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for dir in [root.join("corpus"), root.join("../shared/reports")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!(
                "NOTE: {} is missing: numeral runs are checked without it",
                dir.display()
            );
            continue;
        };
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for p in paths {
            texts.push(crate::normalize(&std::fs::read_to_string(p).unwrap()));
        }
    }
    for text in &texts {
        let want: Vec<_> = re.find_iter(text).map(|m| m.range()).collect();
        assert_eq!(super::run::runs(text).collect::<Vec<_>>(), want);
        for (at, _) in text.char_indices().step_by(7) {
            let want = re.find_at(text, at).map(|m| m.range());
            assert_eq!(super::run::find_run(text, at), want.clone(), "at {at}");
            let here = want.filter(|r| r.start == at);
            assert_eq!(super::run::run_starting_at(text, at), here, "at {at}");
        }
    }
}

/// A sentence [`may_have_quantity`](super::may_have_quantity) turns down is never scanned, so
/// it must hold no mention: checked by scanning every sentence of the sample texts anyway.
#[test]
fn sentences_turned_down_hold_no_mention() {
    let (mut turned_down, mut scanned) = (0, 0);
    for text in crate::segment::sample_texts() {
        crate::segment::for_each_sentence(&text, |s, sentence| {
            scanned += 1;
            if !super::may_have_quantity(sentence) {
                turned_down += 1;
                let orig = &text[s.orig.clone()];
                let lazy = SEG.lazy(sentence, s.start);
                let found = super::scan_sentence(sentence, orig, s.start, &lazy, &SEG);
                assert!(found.is_empty(), "{sentence}: {found:?}");
            }
            true
        });
    }
    assert!(turned_down * 10 > scanned, "{turned_down} of {scanned}");
}
