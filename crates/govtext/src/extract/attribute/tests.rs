//! Unit tests of attribution: lists, cues, shares, targets, sections, counted objects, lexicon.

use super::*;
use crate::document::Document;
use crate::segment::Segmenter;
use std::sync::LazyLock;

static SEG: LazyLock<Segmenter> = LazyLock::new(Segmenter::new);

/// (text, indicator, measure, direction, basis, target) per mention.
type Row = (
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    bool,
);

fn rows(text: &str) -> Vec<Row> {
    let doc = Document::from_text("t", text);
    crate::extract::extract(&doc, &SEG)
        .into_iter()
        .map(|r| {
            (
                r.text,
                r.indicator,
                r.measure
                    .map_or_else(String::new, |m| m.as_str().to_string()),
                r.direction.map(|d| d.as_str().to_string()),
                r.basis.map(|b| b.as_str().to_string()),
                r.target.unwrap_or(false),
            )
        })
        .collect()
}

fn check(text: &str, span: &str, indicator: &str, measure: &str, direction: Option<&str>) {
    let all = rows(text);
    let r = all
        .iter()
        .find(|r| r.0 == span)
        .unwrap_or_else(|| panic!("{span} not in {all:?}"));
    let ind = r.1.as_deref().unwrap_or("");
    assert!(
        ind.contains(indicator),
        "{span}: indicator {ind:?}, want {indicator}"
    );
    assert_eq!(r.2, measure, "{span}: measure");
    assert_eq!(r.3.as_deref(), direction, "{span}: direction");
}

#[test]
fn implicit_subject_from_the_previous_clause() {
    let t = "青禾县一般公共预算收入完成18.6亿元,同比增长3.1%。";
    check(t, "18.6亿元", "一般公共预算收入", "level", None);
    check(t, "3.1%", "一般公共预算收入", "change", Some("up"));
    assert_eq!(rows(t)[1].4.as_deref(), Some("yoy"));
}

#[test]
fn lists_pair_in_order() {
    let t = "规模以上工业增加值、固定资产投资同比增长5.2%、8.7%。";
    check(t, "5.2%", "规模以上工业增加值", "change", Some("up"));
    check(t, "8.7%", "固定资产投资", "change", Some("up"));
    let t = "第一产业增加值、税收收入、社会消费品零售总额分别增长2.1%、4.4%、6.6%。";
    check(t, "2.1%", "第一产业增加值", "change", Some("up"));
    check(t, "4.4%", "税收收入", "change", Some("up"));
    check(t, "6.6%", "社会消费品零售总额", "change", Some("up"));
    let t = "城镇、农村居民人均可支配收入分别达到39,200元、18,450元，分别增长5.6%、7.2%。";
    check(t, "39,200元", "城镇居民人均可支配收入", "level", None);
    check(t, "18,450元", "农村居民人均可支配收入", "level", None);
    check(t, "7.2%", "农村居民人均可支配收入", "change", Some("up"));
}

#[test]
fn from_a_to_b_then_growth() {
    let t = "全县地区生产总值由186.2亿元增加到201.5亿元，比上年增长6.4%。";
    check(t, "186.2亿元", "地区生产总值", "level", None);
    check(t, "201.5亿元", "地区生产总值", "level", None);
    check(t, "6.4%", "地区生产总值", "change", Some("up"));
    assert_eq!(rows(t)[2].4.as_deref(), Some("yoy"));
    let t = "税收收入按可比口径增长4.8%。";
    check(t, "4.8%", "税收收入", "change", Some("up"));
}

#[test]
fn shares_and_rates() {
    let t = "教育支出9.7亿元，占一般公共预算支出的21.3%。";
    check(t, "21.3%", "教育支出", "share", None);
    let t = "数字经济核心产业增加值占地区生产总值比重超过12%。";
    check(t, "12%", "数字经济核心产业增加值", "share", None);
    check("群众满意率达98.2%。", "98.2%", "满意率", "level", None);
    check(
        "森林覆盖率达到41.5%。",
        "41.5%",
        "森林覆盖率",
        "level",
        None,
    );
}

#[test]
fn point_changes_and_decreases() {
    check(
        "城镇调查失业率回落0.3个百分点。",
        "0.3个百分点",
        "城镇调查失业率",
        "change",
        Some("down"),
    );
    check(
        "单位地区生产总值能耗下降3.2%。",
        "3.2%",
        "单位地区生产总值能耗",
        "change",
        Some("down"),
    );
    check(
        "一般性支出压减6%。",
        "6%",
        "一般性支出",
        "change",
        Some("down"),
    );
    check(
        "研发经费投入强度提高0.2个百分点。",
        "0.2个百分点",
        "研发经费投入强度",
        "change",
        Some("up"),
    );
}

#[test]
fn targets_lists_and_plans() {
    let t = "今年全县经济社会发展的主要预期目标是：地区生产总值增长6%左右；\
             城镇新增就业6000人以上，城镇调查失业率控制在5.5%以内；居民消费价格涨幅3%左右。";
    let all = rows(t);
    assert_eq!(all.len(), 4);
    assert!(all.iter().all(|r| r.5), "{all:?}");
    check(t, "6%", "地区生产总值", "change", Some("up"));
    check(t, "6000人", "城镇新增就业", "level", None);
    check(t, "5.5%", "城镇调查失业率", "level", None);
    for plan in [
        "力争新增规模以上工业企业20家。",
        "确保粮食产量稳定在35万吨以上。",
        "计划完成投资120亿元。",
    ] {
        assert!(rows(plan).iter().all(|r| r.5), "{plan}");
    }
    for done in ["全年新增规模以上工业企业18家。", "完成年度目标的52.3%。"] {
        assert!(rows(done).iter().all(|r| !r.5), "{done}");
    }
}

#[test]
fn review_and_plan_sections() {
    let t = "一、2023年工作回顾\n全县新建5G基站320个。\n二、2024年重点工作\n新建5G基站400个。\n";
    let all = rows(t);
    assert_eq!((all[0].5, all[1].5), (false, true), "{all:?}");
}

#[test]
fn review_figures_are_outcomes_beside_target_words() {
    // 预期 in 稳预期, 计划 in a programme's name, 超过预期目标: a review states outcomes.
    let t = "一、2024年工作回顾\n全县上下稳就业、稳预期，地区生产总值增长5.6%。\n\
             城镇新增就业1.2万人，超过全年预期目标。\n3所学校入选“强基计划”。\n\
             二、2025年工作安排\n地区生产总值增长5.5%左右。\n";
    let all = rows(t);
    let targets: Vec<bool> = all.iter().map(|r| r.5).collect();
    assert_eq!(targets, [false, false, false, true], "{all:?}");
}

#[test]
fn starting_value_of_a_goal_is_observed() {
    let t = "二、2025年工作安排\n全员劳动生产率从人均9.2万元提高到11万元以上。\n";
    let all = rows(t);
    let targets: Vec<bool> = all.iter().map(|r| r.5).collect();
    assert_eq!(targets, [false, true], "{all:?}");
}

#[test]
fn counted_objects() {
    check(
        "组织3283名机关干部下沉社区。",
        "3283名",
        "机关干部",
        "level",
        None,
    );
    check("累计帮扶企业2492家。", "2492家", "企业", "level", None);
    check(
        "新增城镇就业1.49万人。",
        "1.49万人",
        "城镇就业",
        "level",
        None,
    );
}

#[test]
fn lexicon_ids_and_synonyms() {
    let lex = Lexicon::shipped();
    assert!(lex.len() >= 600);
    for (phrase, id) in [
        ("地区生产总值", "gdp"),
        ("国内生产总值", "gdp"),
        ("全区生产总值", "gdp"),
        ("公共财政预算收入", "general_budget_revenue"),
        ("地方一般公共预算收入", "general_budget_revenue"),
        ("规上工业增加值", "industrial_value_added_above_size"),
        (
            "城镇居民人均可支配收入",
            "urban_disposable_income_per_capita",
        ),
        (
            "农村居民人均可支配收入",
            "rural_disposable_income_per_capita",
        ),
        ("居民消费价格涨幅", "cpi"),
    ] {
        assert_eq!(
            lex.lookup(phrase).map(|i| i.id.as_str()),
            Some(id),
            "{phrase}"
        );
    }
    assert!(lex.lookup("机关干部").is_none());
}

#[test]
fn the_specific_indicator_wins_over_the_generic_one() {
    // The longest synonym a phrase ends with decides: a named rate or stock is not the total.
    let lex = Lexicon::shipped();
    for (phrase, id) in [
        ("婴儿死亡率", "infant_mortality"),
        ("人口死亡率", "death_rate"),
        ("新增就业人数", "urban_new_jobs"),
        ("养老床位", "eldercare_beds"),
        ("医疗卫生机构床位", "hospital_beds"),
        ("专精特新小巨人企业", "little_giants"),
        ("铁路旅客发送量", "railway_passengers"),
        ("涉农贷款余额", "agri_loans"),
        ("城镇居民恩格尔系数", "urban_engel"),
        ("农村人口饮水安全问题", "rural_safe_drinking_water"),
        ("社零总额", "retail_sales"),
        ("规上工业企业利润", "industrial_profits_above_size"),
        ("单位GDP能耗", "energy_per_gdp"),
        ("PM2.5浓度", "pm25"),
        ("服务业增加值比重", "tertiary_industry_share"),
        ("对共建“一带一路”国家进出口", "belt_road_trade"),
    ] {
        assert_eq!(
            lex.lookup(phrase).map(|i| i.id.as_str()),
            Some(id),
            "{phrase}"
        );
    }
    for generic in ["企业", "投资", "收入"] {
        assert!(lex.lookup(generic).is_none(), "{generic}");
    }
}

#[test]
fn a_short_lexicon_row_is_an_error() {
    let tsv = "id\tname\ten\tsynonyms\tkind\tmeasure_hint\ngdp\t地区生产总值\n";
    let errors = Lexicon::parse("indicators.tsv", tsv).unwrap_err();
    assert_eq!(errors[0].to_string(), "indicators.tsv:2: 2 columns, want 6");
    assert_eq!(
        Lexicon::parse("indicators.tsv", INDICATORS_TSV).map(|l| l.len()),
        Ok(Lexicon::shipped().len())
    );
}

#[test]
fn names_keep_a_leading_zhong_and_drop_only_qizhong() {
    // 中 opens many names (中央, 中欧, 中小学); only the word 其中 is dropped.
    let t = "全年开行中欧班列156列。";
    check(t, "156列", "中欧班列", "level", None);
    let t = "其中中央预算内资金1.8亿元。";
    check(t, "1.8亿元", "中央预算内资金", "level", None);
}

#[test]
fn lists_read_on_characters_and_compounds_split() {
    let t = "全市盗窃、涉诈、涉毒警情分别下降12.5%、20.1%、35%。";
    check(t, "12.5%", "盗窃", "change", Some("down"));
    check(t, "20.1%", "涉诈", "change", Some("down"));
    check(t, "35%", "涉毒警情", "change", Some("down"));
    let t = "金融机构本外币存贷款余额分别达2.1万亿元、1.8万亿元。";
    check(t, "2.1万亿元", "存款余额", "level", None);
    check(t, "1.8万亿元", "贷款余额", "level", None);
    let t = "城乡居民人均可支配收入分别达5.2万元、2.6万元，增长4.5%、6.1%。";
    check(t, "5.2万元", "城镇居民人均可支配收入", "level", None);
    check(t, "2.6万元", "农村居民人均可支配收入", "level", None);
    check(t, "4.5%", "城镇居民人均可支配收入", "change", Some("up"));
    check(t, "6.1%", "农村居民人均可支配收入", "change", Some("up"));
}

#[test]
fn counted_objects_of_money_and_physical_quantities() {
    check(
        "今年市财政安排8亿元专项资金支持技术改造。",
        "8亿元",
        "专项资金",
        "level",
        None,
    );
    check(
        "新建300万吨露天煤矿完成核准。",
        "300万吨",
        "露天煤矿",
        "level",
        None,
    );
}

#[test]
fn verb_frame_read_on_characters() {
    // Cues fused into dictionary words by the segmenter still count.
    check(
        "全县农村贫困人口减少2.3万人。",
        "2.3万人",
        "贫困人口",
        "change",
        Some("down"),
    );
    check(
        "行政审批事项精简40%。",
        "40%",
        "行政审批事项",
        "change",
        Some("down"),
    );
    check(
        "“三公”经费支出压缩12.5%。",
        "12.5%",
        "经费支出",
        "change",
        Some("down"),
    );
    check(
        "居民消费价格涨幅2%左右。",
        "2%",
        "居民消费价格",
        "change",
        Some("up"),
    );
    check(
        "粮食总产量增产15万吨。",
        "15万吨",
        "粮食总产量",
        "change",
        Some("up"),
    );
}

#[test]
fn shares_take_the_part_and_rates_of_the_economy_are_gdp() {
    check(
        "服务业在地区生产总值中的比重上升到52.1%。",
        "52.1%",
        "服务业",
        "share",
        None,
    );
    let all = rows("全省经济增长预期目标5.5%左右。");
    assert_eq!(all[0].1.as_deref(), Some("经济"), "{all:?}");
    let doc = Document::from_text("t", "全省经济增长预期目标5.5%左右。");
    let r = &crate::extract::extract(&doc, &SEG)[0];
    assert_eq!(r.indicator_id.as_deref(), Some("gdp"));
}

#[test]
fn subjectless_lists_pair_with_the_figures_before() {
    let t = "城镇居民人均可支配收入4.1万元，农村居民人均可支配收入1.9万元，扣除价格因素，分别实际增长5.1%和6.3%。";
    check(t, "5.1%", "城镇居民人均可支配收入", "change", Some("up"));
    check(t, "6.3%", "农村居民人均可支配收入", "change", Some("up"));
    check(
        "今年市财政新增支出12亿元。",
        "12亿元",
        "支出",
        "level",
        None,
    );
}

#[test]
fn names_lose_fused_qualifiers_levels_and_durations() {
    check(
        "全省企业技术中心超300家。",
        "300家",
        "企业技术中心",
        "level",
        None,
    );
    let all = rows("全省企业技术中心超300家。");
    assert!(
        !all[0].1.as_deref().unwrap_or("").ends_with('超'),
        "{all:?}"
    );
    let all = rows("新增国家级专精特新“小巨人”企业12家。");
    assert_eq!(all[0].1.as_deref(), Some("专精特新“小巨人”企业"), "{all:?}");
    check(
        "群众满意度连续5年保持96%以上。",
        "96%",
        "满意度",
        "level",
        None,
    );
    check(
        "地区生产总值连续迈上3个千亿元台阶、达5200亿元。",
        "5200亿元",
        "地区生产总值",
        "level",
        None,
    );
}

#[test]
fn a_name_the_lexicon_knows_is_not_cut() {
    check(
        "全省可再生能源发电量增长21.4%。",
        "21.4%",
        "可再生能源发电量",
        "change",
        Some("up"),
    );
}

#[test]
fn parts_of_a_whole_by_frame() {
    check(
        "5G网络覆盖90%以上的行政村。",
        "90%",
        "行政村",
        "share",
        None,
    );
    let all = rows("城镇新增就业超60万人、稳定在全国1/10以上。");
    assert_eq!(all[1].2, "share", "{all:?}");
    let all = rows("有5%左右的增速就能实现比较充分的就业。");
    assert_eq!(
        (all[0].2.as_str(), all[0].3.as_deref()),
        ("change", Some("up")),
        "{all:?}"
    );
    let all = rows("三次产业比重为3.8∶40.1∶56.1。");
    assert!(all.iter().all(|r| r.2 == "share"), "{all:?}");
}

#[test]
fn short_names_whatever_their_tags_and_single_character_cues() {
    check(
        "新农合制度不断完善，参合率达到98.6%。",
        "98.6%",
        "参合率",
        "level",
        None,
    );
    check(
        "保洁人员生活补贴人均月增150元。",
        "150元",
        "生活补贴",
        "change",
        Some("up"),
    );
    let all = rows("全年净增市场主体1.2万户。");
    assert_eq!(all[0].2, "level", "{all:?}");
}

#[test]
fn ratios_modifiers_and_known_names() {
    check(
        "社会物流总费用与地区生产总值的比率降至13.9%左右。",
        "13.9%",
        "社会物流总费用",
        "level",
        None,
    );
    check(
        "现代服务业增加值占服务业增加值比重达62.1%。",
        "62.1%",
        "现代服务业增加值",
        "share",
        None,
    );
    check(
        "实现1亿左右农业转移人口落户城镇。",
        "1亿",
        "农业转移人口",
        "level",
        None,
    );
    let all = rows("到2030年国内生产总值和城乡居民人均收入比2020年翻一番。");
    assert!(
        all[0]
            .1
            .as_deref()
            .is_some_and(|i| i.starts_with("国内生产总值")),
        "{all:?}"
    );
}

#[test]
fn an_equivalent_measures_what_the_figure_before_measures() {
    let t = "现在地区生产总值每增长1个百分点的增量，相当于5年前1.4个百分点的增量。";
    check(t, "1个百分点", "地区生产总值", "change", Some("up"));
    check(t, "1.4个百分点", "地区生产总值", "change", Some("up"));
    let all = rows(t);
    assert_eq!(all[0].1.as_deref(), Some("地区生产总值"), "{all:?}");
}

#[test]
fn money_spent_on_something_is_named_by_what_it_is_for() {
    let ind = |t: &str, span: &str| {
        let all = rows(t);
        all.into_iter().find(|r| r.0 == span).and_then(|r| r.1)
    };
    let t = "市财政用于“双减”的支出共18.4亿元，增长6.5%。";
    assert_eq!(ind(t, "18.4亿元").as_deref(), Some("“双减”的支出"));
    assert_eq!(ind(t, "6.5%").as_deref(), Some("“双减”的支出"));
    let t = "全年用于养老服务的资金达7.2亿元。";
    assert_eq!(ind(t, "7.2亿元").as_deref(), Some("养老服务的资金"));
    // No phrase before 的: the head alone.
    let t = "今年安排的资金达3.5亿元。";
    assert_eq!(ind(t, "3.5亿元").as_deref(), Some("资金"));
}

#[test]
fn a_count_of_things_improved_is_a_level() {
    let t = "改善农村住房超3.2万户，改造提升12个乡镇卫生院。";
    check(t, "3.2万户", "农村住房", "level", None);
    check(t, "12个", "乡镇卫生院", "level", None);
    // A rate improved is a change, and so is a rank.
    let t = "城市空气质量优良天数比率提升2.1个百分点，营商环境排名提升5位。";
    check(
        t,
        "2.1个百分点",
        "城市空气质量优良天数比率",
        "change",
        Some("up"),
    );
    check(t, "5位", "营商环境排名", "change", Some("up"));
}

#[test]
fn an_age_group_belongs_to_the_name() {
    let t = "全市建成老年食堂320个，二级及以上老年医院数量新增16家。";
    check(t, "320个", "老年食堂", "level", None);
    check(t, "16家", "老年医院", "level", None);
}

#[test]
fn a_stage_of_building_counts_the_thing_before_it() {
    let t = "全市重点项目开工120个、竣工86个，建成跨江大桥2座、在建3座。";
    check(t, "86个", "重点项目", "level", None);
    check(t, "3座", "跨江大桥", "level", None);
    let t = "今年城镇保障性住房基本建成4.7万套、新开工3.1万套。";
    check(t, "3.1万套", "城镇保障性住房", "level", None);
    let r = rows(t);
    assert!(!r[1].1.as_deref().unwrap_or("").contains("建成"), "{r:?}");
}

#[test]
fn a_plan_period_base_is_no_name() {
    let t = "全市实有企业较“十四五”末增长21.5%。";
    check(t, "21.5%", "实有企业", "change", Some("up"));
}

#[test]
fn a_paired_list_goes_on_before_a_modified_item() {
    let t = "带动限上新能源汽车、节能家电零售额分别增长18.2%、26.5%。";
    check(t, "18.2%", "新能源汽车", "change", Some("up"));
    check(t, "26.5%", "节能家电零售额", "change", Some("up"));
    // Without 分别 the 、 may join two clauses: the figure is about the last one.
    let t = "向基层投放40%以上号源、转诊量增长60%。";
    check(t, "60%", "转诊量", "change", Some("up"));
}

#[test]
fn a_frame_after_the_figure_is_no_object() {
    let t = "如期完成压减编制员额3000个的任务，部署了6项任务举措。";
    check(t, "3000个", "编制员额", "change", Some("down"));
    check(t, "6项", "任务", "level", None);
}

#[test]
fn the_coming_years_goals_follow_the_plan_periods() {
    let text = "二、“十五五”时期主要目标任务\n\
        地区生产总值年均增长5%左右，研发经费投入强度达到3%。\n\
        三、全力推动“十五五”开好局\n\
        今年主要预期目标是：地区生产总值增长5.5%左右；城镇调查失业率5.5%以内。\n";
    let doc = Document::from_text("t", text);
    let horizons: Vec<(String, String)> = crate::extract::extract(&doc, &SEG)
        .into_iter()
        .map(|r| {
            (
                r.text,
                r.horizon
                    .map_or_else(String::new, |h| h.as_str().to_string()),
            )
        })
        .collect();
    assert_eq!(
        horizons[1],
        ("3%".into(), "plan_period".into()),
        "{horizons:?}"
    );
    assert_eq!(horizons[2], ("5.5%".into(), "year".into()), "{horizons:?}");
    assert_eq!(horizons[3], ("5.5%".into(), "year".into()), "{horizons:?}");
}

#[test]
fn a_list_of_predicates_shares_its_subject() {
    let t = "全市地区生产总值达到3260亿元、稳居全省前三、增长5.2%。";
    check(t, "5.2%", "地区生产总值", "change", Some("up"));
}

#[test]
fn the_past_year_inside_the_plans_is_an_outcome() {
    let text = "三、2026年的工作\n\
        过去一年，我们的各项工作取得了很大成绩。地区生产总值增长5.6%，城镇新增就业8.2万人。\n\
        今年主要预期目标是：地区生产总值增长5.5%左右。\n";
    let doc = Document::from_text("t", text);
    let targets: Vec<(String, bool)> = crate::extract::extract(&doc, &SEG)
        .into_iter()
        .filter_map(|r| Some((r.text, r.target?)))
        .collect();
    assert_eq!(
        targets,
        [
            ("5.6%".into(), false),
            ("8.2万人".into(), false),
            ("5.5%".into(), true)
        ]
    );
}

#[test]
fn a_generic_head_takes_the_topic_named_before() {
    let t = "经营主体稳中有进。总量达312.5万户，新登记28.6万户。";
    check(t, "312.5万户", "经营主体", "level", None);
}

#[test]
fn names_the_lexicon_holds_keep_their_status_and_grade() {
    let t = "新设外商投资企业216家，国家领航级、卓越级智能工厂达到12家。";
    check(t, "216家", "新设外商投资企业", "level", None);
    check(t, "12家", "智能工厂", "level", None);
}

#[test]
fn a_figure_set_against_the_average_is_about_the_name_before() {
    let t = "民间投资增速高于全国2.6个百分点，规上工业增加值增长7.1%、高于全国平均1.2个百分点。";
    check(t, "2.6个百分点", "民间投资", "change", Some("up"));
    check(t, "1.2个百分点", "规上工业增加值", "change", Some("up"));
}

#[test]
fn a_threshold_of_money_belongs_to_the_name() {
    let t = "累计新开工亿元以上项目超过1200个，工业企业上云率近六成。";
    check(t, "1200个", "亿元以上项目", "level", None);
    check(t, "六成", "上云率", "level", None);
    // A figure and its 以上 before the next item are no threshold.
    let t = "完成铁路投资800亿元以上、公路投资1650亿元。";
    check(t, "1650亿元", "公路投资", "level", None);
}

#[test]
fn a_comparison_after_latin_text_is_read_safely() {
    // 于 after a one-byte character: no comparison, no slicing inside a character.
    let t = "GDP于2025年增长5.1%，指标xa于12个百分点。";
    let _ = rows(t);
}

#[test]
fn prefixes_capacities_and_grade_lists_stay_in_the_name() {
    let t = "青禾县非化石能源消费比重达到31.5%，可再生能源装机占比提高到58%。";
    check(t, "31.5%", "非化石能源", "share", None);
    check(t, "58%", "可再生能源", "share", None);
    let t = "码头通过能力达到3800万吨，集装箱通过量增长6.2%。";
    check(t, "3800万吨", "码头通过能力", "level", None);
    check(t, "6.2%", "集装箱通过量", "change", Some("up"));
    let t = "引进国有企业二、三级子公司120家。";
    check(t, "120家", "二、三级子公司", "level", None);
}

#[test]
fn per_period_capacities_and_money_spent_are_named_whole() {
    let t = "新增城镇污水日处理能力12万吨、垃圾日处理能力800吨。";
    check(t, "12万吨", "城镇污水日处理能力", "level", None);
    check(t, "800吨", "垃圾日处理能力", "level", None);
    check(
        "全县“三农”支出超过40亿元。",
        "40亿元",
        "“三农”支出",
        "level",
        None,
    );
    let t = "城乡居民医保财政补助标准由每人每年610元提高到640元。";
    check(t, "610元", "财政补助标准", "level", None);
    check(t, "640元", "财政补助标准", "level", None);
    check(
        "居民用气价格平均下调3%。",
        "3%",
        "居民用气价格",
        "change",
        Some("down"),
    );
}

#[test]
fn a_subjectless_clause_after_a_change_is_about_what_changed() {
    let t = "提高城乡居民基础养老金，月人均增加20元。";
    check(t, "20元", "城乡居民基础养老金", "change", Some("up"));
    let t = "退休人员基本养老金连续3年提高，去年又人均提高2%。";
    check(t, "2%", "退休人员基本养老金", "change", Some("up"));
    // A clause that names its own subject keeps it.
    let t = "社会保障水平稳步提升，城乡低保标准调增5.2%。";
    check(t, "5.2%", "城乡低保标准", "change", Some("up"));
}

#[test]
fn a_multiple_of_a_base_is_a_level_and_stages_name_no_thing() {
    let t = "县财政安排住房保障资金3.2亿元，是2023年的1.6倍。";
    check(t, "1.6倍", "住房保障资金", "level", None);
    check(
        "外贸进出口总额是上年的两倍。",
        "两倍",
        "外贸进出口总额",
        "level",
        None,
    );
    check(
        "外贸进出口总额增长两倍。",
        "两倍",
        "外贸进出口总额",
        "change",
        Some("up"),
    );
    let t = "全年棚户区改造安置房基本建成2100套，新开工建设3400套。";
    check(t, "3400套", "棚户区改造安置房", "level", None);
}

#[test]
fn a_long_counted_object_is_cut_to_its_first_item_or_whole_words() {
    let t = "为1.2万名城乡“两癌”筛查对象和低收入家庭适龄妇女提供免费检查。";
    let all = rows(t);
    assert_eq!(all[0].1.as_deref(), Some("城乡“两癌”筛查对象"), "{all:?}");
}

#[test]
fn a_clause_naming_nothing_takes_the_topic_of_the_clause_before() {
    let t = "全县基本建设投资总额，今年3月调整计划时减少为42亿元，后来又追加了6亿元。";
    check(t, "42亿元", "基本建设投资总额", "level", None);
    check(t, "6亿元", "基本建设投资总额", "change", Some("up"));
    let t = "城乡居民的储蓄存款，今年1到10月增加了12亿元，达到96亿元。";
    check(t, "12亿元", "储蓄存款", "change", Some("up"));
    check(t, "96亿元", "储蓄存款", "level", None);
    let t = "人均收入在一千元以上的行政村，2023年有162个。";
    check(t, "162个", "行政村", "level", None);
    check(
        "棉花在连续两年增产的基础上，又增长8%左右。",
        "8%",
        "棉花",
        "change",
        Some("up"),
    );
    let t = "今年的商品库存不但没有减少，还可能增加近3亿元。";
    check(t, "3亿元", "商品库存", "change", Some("up"));
    // A clause that does something is no topic.
    let rows = rows("支持有条件的卫生院拓展康复功能，60岁以上老人签约率达到70%。");
    assert!(
        rows.iter()
            .all(|r| r.1.as_deref() != Some("卫生院拓展康复功能")),
        "{rows:?}"
    );
}

#[test]
fn modal_words_and_when_clauses_are_no_names() {
    let t = "今年毛纺工业的总产值预计比去年增长9%，职工住宅的竣工面积可达到260万平方米。";
    check(t, "9%", "总产值", "change", Some("up"));
    check(t, "260万平方米", "竣工面积", "level", None);
    let all = rows(t);
    assert!(
        all.iter()
            .all(|r| !r.1.as_deref().unwrap_or("").contains("预计")),
        "{all:?}"
    );
    let t = "地方财政赤字从2021年的8亿元，预计降低到今年的3亿元。";
    check(t, "3亿元", "财政赤字", "level", None);
}

#[test]
fn a_count_of_people_after_a_count_of_places_counts_the_takers_of_what_the_places_do() {
    let t = "全市126个乡镇开展农村集体经济收益分配试点，42万人受益，安排资金3亿元，增加1亿元。";
    check(t, "126个", "乡镇", "level", None);
    check(t, "42万人", "农村集体经济收益分配试点", "level", None);
    check(t, "1亿元", "资金", "change", Some("up"));
    // Nothing done to an object: no name rather than the places.
    let rows = rows("全省38个县列为试点县，12万人参与。");
    assert!(
        rows.iter()
            .all(|r| r.0 != "12万人" || r.1.as_deref() != Some("县")),
        "{rows:?}"
    );
}
