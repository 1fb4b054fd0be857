//! Where a document's region and year come from, in order of trust: the document's own JSONL
//! fields, a sidecar table (`--meta FILE`: file, region, year), the file name (`…_2019.txt`,
//! `2019年…`), and the text's title lines (`——2019年3月5日在…会议上`, `2020年河南省政府工作报告`,
//! `XX区人民政府`). Each source fills only what the ones before it left empty.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

use crate::document::Document;
use crate::error::{Error, Result};

/// Region and year per file, from a TSV sidecar with a header (`file region year`, more columns ignored).
#[derive(Debug, Clone, Default)]
pub struct MetaTable {
    rows: HashMap<String, MetaRow>,
}

/// Region, year and kind of one file.
type MetaRow = (Option<String>, Option<i32>, Option<String>);

impl MetaTable {
    /// Parse a TSV table; `path` names it in errors. Columns are found by header name
    /// (`file`, `region`, `year`, optional `kind`).
    pub fn parse(text: &str, path: &Path) -> Result<MetaTable> {
        let mut lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty());
        let bad = |line: usize, reason: String| Error::BadRecord {
            path: path.to_path_buf(),
            line,
            reason,
        };
        let (_, header) = lines.next().ok_or_else(|| bad(1, "empty table".into()))?;
        let cols: Vec<&str> = header.trim_start_matches('\u{feff}').split('\t').collect();
        let col = |name: &str| cols.iter().position(|c| c.trim() == name);
        let file = col("file").ok_or_else(|| bad(1, "no `file` column".into()))?;
        let (region, year, kind) = (col("region"), col("year"), col("kind"));
        let mut rows = HashMap::new();
        for (i, line) in lines {
            let f: Vec<&str> = line.split('\t').map(str::trim).collect();
            let get = |c: Option<usize>| c.and_then(|c| f.get(c)).filter(|v| !v.is_empty());
            let name = get(Some(file)).ok_or_else(|| bad(i + 1, "no file name".into()))?;
            let y = match get(year) {
                Some(y) => Some(
                    y.parse::<i32>()
                        .ok()
                        .filter(|y| (1900..=2100).contains(y))
                        .ok_or_else(|| {
                            bad(i + 1, format!("year `{y}` is not a year from 1900 to 2100"))
                        })?,
                ),
                None => None,
            };
            rows.insert(
                key(name),
                (
                    get(region).map(|s| s.to_string()),
                    y,
                    get(kind).map(|s| s.to_string()),
                ),
            );
        }
        Ok(MetaTable { rows })
    }

    /// Add the rows of another table (its rows win).
    pub fn extend(&mut self, other: MetaTable) {
        self.rows.extend(other.rows);
    }

    /// Read a TSV table from a file.
    pub fn read(path: &Path) -> Result<MetaTable> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(&text, path)
    }

    /// The sidecar tables of a run: a `meta.tsv` at the top of each directory given, merged;
    /// `None` when there is none.
    pub fn sidecars(paths: &[PathBuf]) -> Result<Option<MetaTable>> {
        let mut found: Option<MetaTable> = None;
        for dir in paths.iter().filter(|p| p.is_dir()) {
            let sidecar = dir.join("meta.tsv");
            if sidecar.is_file() {
                found
                    .get_or_insert_with(MetaTable::default)
                    .extend(MetaTable::read(&sidecar)?);
            }
        }
        Ok(found)
    }

    fn get(&self, doc: &Document) -> Option<&MetaRow> {
        let by_path = doc
            .meta
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .and_then(|n| self.rows.get(&key(&n.to_string_lossy())));
        by_path.or_else(|| self.rows.get(&key(&doc.id)))
    }
}

/// The shipped region table (`dict/regions.tsv`).
pub const REGIONS_TSV: &str = include_str!("../dict/regions.tsv");

/// Canonical regions: id, canonical name and aliases per row (`dict/regions.tsv`).
#[derive(Debug, Clone, Default)]
pub struct Regions {
    /// Lowercased alias, id or name → canonical name.
    by_alias: HashMap<String, String>,
    /// Canonical name → id.
    ids: HashMap<String, String>,
}

impl Regions {
    /// Parse a region table (`id<TAB>name<TAB>alias|alias…`, a header line `id name aliases`,
    /// `#` comments); `path` names it in errors (`FILE:LINE: reason`).
    pub fn parse(text: &str, path: &Path) -> Result<Regions> {
        let bad = |line: usize, reason: String| Error::BadRecord {
            path: path.to_path_buf(),
            line,
            reason,
        };
        let mut by_alias: HashMap<String, String> = HashMap::new();
        let mut ids = std::collections::HashSet::new();
        let mut names: HashMap<String, String> = HashMap::new();
        let mut header = false;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_start_matches('\u{feff}').trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').map(str::trim).collect();
            if !header {
                header = true;
                if f.first() == Some(&"id") {
                    continue;
                }
            }
            let [id, name, aliases] = f[..] else {
                return Err(bad(
                    i + 1,
                    format!(
                        "expected 3 tab-separated fields (id, name, aliases), found {}",
                        f.len()
                    ),
                ));
            };
            if id.is_empty()
                || !id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            {
                return Err(bad(i + 1, format!("bad id `{id}` (want [a-z0-9_]+)")));
            }
            if name.is_empty() || !name.chars().all(is_han) {
                return Err(bad(
                    i + 1,
                    format!("bad canonical name `{name}` (want Chinese characters)"),
                ));
            }
            if !ids.insert(id.to_string()) {
                return Err(bad(i + 1, format!("duplicate id `{id}`")));
            }
            names.insert(name.to_string(), id.to_string());
            let all = [id, name]
                .into_iter()
                .chain(aliases.split('|').map(str::trim));
            for a in all {
                if a.is_empty() {
                    return Err(bad(i + 1, "empty alias".into()));
                }
                match by_alias.get(&a.to_lowercase()) {
                    Some(other) if other != name => {
                        return Err(bad(i + 1, format!("alias `{a}` already names {other}")));
                    }
                    _ => {
                        by_alias.insert(a.to_lowercase(), name.to_string());
                    }
                }
            }
        }
        if by_alias.is_empty() {
            return Err(bad(1, "no regions".into()));
        }
        Ok(Regions {
            by_alias,
            ids: names,
        })
    }

    /// The shipped table, parsed once.
    pub fn shipped() -> &'static Regions {
        static SHIPPED: LazyLock<Regions> = LazyLock::new(|| {
            Regions::parse(REGIONS_TSV, Path::new("dict/regions.tsv"))
                .expect("dict/regions.tsv is valid (unit-tested)")
        });
        &SHIPPED
    }

    /// The id of a region (`河南省` → `henan`), from any name or alias, if known.
    pub fn id(&self, s: &str) -> Option<&str> {
        let name = self.canonical(s)?;
        self.ids.get(name).map(String::as_str)
    }

    /// The canonical name of a region id, name or alias (case-insensitive), if known.
    pub fn canonical(&self, s: &str) -> Option<&str> {
        let k = s.trim().to_lowercase();
        self.by_alias
            .get(&k)
            .or_else(|| self.by_alias.get(&k.replace(['-', ' '], "_")))
            .map(String::as_str)
    }
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The canonical name when known, else the name as found.
fn canonical_or_found(s: &str) -> String {
    Regions::shipped()
        .canonical(s)
        .map_or_else(|| s.to_string(), str::to_string)
}

/// A region name read from a title line: known, or ending in a division suffix and not a fragment
/// of a sentence (我代表省, 在市, 本县).
fn title_region(found: &str) -> Option<String> {
    if let Some(c) = Regions::shipped().canonical(found) {
        return Some(c.to_string());
    }
    const SUFFIXES: [&str; 8] = ["省", "市", "区", "县", "旗", "自治州", "州", "盟"];
    const FRAGMENTS: [&str; 22] = [
        "我", "你", "他", "本", "该", "此", "这", "那", "各", "全", "在", "代表", "向", "对", "把",
        "从", "由", "为", "以", "请", "是", "和",
    ];
    let ok = SUFFIXES.iter().any(|s| found.ends_with(s))
        && found.chars().count() >= 2
        && !FRAGMENTS.iter().any(|p| found.starts_with(p))
        && !found.contains("代表")
        && !found.contains("人民");
    ok.then(|| found.to_string())
}

/// Compare file names without directories and `.txt`.
fn key(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.strip_suffix(".txt").unwrap_or(base).to_string()
}

static YEAR_IN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[_\-. ])((?:19|20)[0-9]{2})(?:[_\-. ]|$)|((?:19|20)[0-9]{2})年").unwrap()
});
static REGION_IN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Za-z][A-Za-z_\-]*?|\p{Han}{2,12})[_\-. ]?(?:19|20)[0-9]{2}").unwrap()
});
static DELIVERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[—-]{1,2}\s*((?:19|20)[0-9]{2}|[１２][０-９]{3}|[一二][〇零一二三四五六七八九]{3})年[^\n]{0,12}月[^\n]{0,40}会议").unwrap()
});
static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)[0-9]{2})年\s*(\p{Han}{2,10}?(?:省|市|区|县|旗|自治区|自治州|州|盟))?\s*(?:人民)?政府工作报告").unwrap()
});
static CONGRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"在(\p{Han}{2,12}?(?:省|市|区|县|旗|自治区|自治州|州|盟))第?[^\n]{0,12}人民代表大会",
    )
    .unwrap()
});
static GOVERNMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\p{Han}{2,10}?(?:省|市|区|县|旗|自治区|自治州|州|盟))人民政府").unwrap()
});

fn chinese_year(s: &str) -> Option<i32> {
    let digits: String = s
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => crate::extract::number::chinese_digit(c).map_or(c, |d| char::from(b'0' + d)),
        })
        .collect();
    digits.parse().ok()
}

/// Fill `region`, `year` and `kind` from the table, the file name and the title lines, leaving
/// whatever is already set (from JSONL fields) alone.
pub fn infer(doc: &mut Document, table: Option<&MetaTable>) {
    if let Some((region, year, kind)) = table.and_then(|t| t.get(doc)).cloned() {
        doc.meta.region = doc.meta.region.take().or(region);
        doc.meta.year = doc.meta.year.or(year);
        doc.meta.kind = doc.meta.kind.take().or(kind);
    }
    let name = doc
        .meta
        .path
        .as_ref()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| doc.id.rsplit('/').next().unwrap_or(&doc.id).to_string());
    if doc.meta.year.is_none() {
        doc.meta.year = YEAR_IN_NAME.captures(&name).and_then(|c| {
            c.get(1)
                .or_else(|| c.get(2))
                .and_then(|m| m.as_str().parse().ok())
        });
    }
    // A file name stem is trusted when it is a known region; otherwise the title lines may do
    // better (`linhu_2021` → 临湖区), and the stem is the last resort.
    let mut from_name = None;
    if doc.meta.region.is_none() {
        from_name = REGION_IN_NAME
            .captures(&name)
            .map(|c| c[1].trim_end_matches(['_', '-']).to_string())
            .filter(|r| !r.is_empty());
        if let Some(c) = from_name
            .as_deref()
            .and_then(|r| Regions::shipped().canonical(r))
        {
            doc.meta.region = Some(c.to_string());
            from_name = None;
        }
    }
    // Title lines: the first few lines of the text.
    let head: String = doc.text.lines().take(12).collect::<Vec<_>>().join("\n");
    if doc.meta.year.is_none() {
        doc.meta.year = DELIVERED
            .captures(&head)
            .and_then(|c| chinese_year(&c[1]))
            .or_else(|| TITLE.captures(&head).and_then(|c| c[1].parse().ok()));
    }
    if doc.meta.region.is_none() {
        let title = TITLE
            .captures_iter(&head)
            .filter_map(|c| c.get(2).map(|m| m.as_str()))
            .chain(
                CONGRESS
                    .captures_iter(&head)
                    .map(|c| c.get(1).map_or("", |m| m.as_str())),
            )
            .chain(
                GOVERNMENT
                    .captures_iter(&head)
                    .map(|c| c.get(1).map_or("", |m| m.as_str())),
            )
            .find_map(title_region);
        doc.meta.region = title.or(from_name);
    }
    doc.meta.region = doc.meta.region.take().map(|r| canonical_or_found(&r));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, text: &str) -> Document {
        Document::from_text(id, text)
    }

    #[test]
    fn year_and_region_from_file_names() {
        let mut d = doc("reports/hailar_district_2013", "正文");
        infer(&mut d, None);
        assert_eq!(
            (d.meta.region.as_deref(), d.meta.year),
            (Some("呼伦贝尔市海拉尔区"), Some(2013))
        );
        let mut d = doc("2019年政府工作报告", "正文");
        infer(&mut d, None);
        assert_eq!(d.meta.year, Some(2019));
    }

    #[test]
    fn regions_are_canonical() {
        for (id, want) in [
            ("reports/henan_2026", "河南省"),
            ("national_2016", "全国"),
            ("neimenggu_2026.txt", "内蒙古自治区"),
            ("shaanxi_2020", "陕西省"),
            ("shanxi_2020", "山西省"),
        ] {
            let mut d = doc(id, "正文");
            infer(&mut d, None);
            assert_eq!(d.meta.region.as_deref(), Some(want), "{id}");
        }
        let mut d = doc(
            "x",
            "政府工作报告\n各位代表：\n现在，我代表省人民政府向大会报告工作",
        );
        infer(&mut d, None);
        assert_eq!(d.meta.region, None);
        let mut d = doc(
            "linhu_2021",
            "政府工作报告\n——2021年1月在临湖区第三届人民代表大会第五次会议上",
        );
        infer(&mut d, None);
        assert_eq!(d.meta.region.as_deref(), Some("临湖区"));
        let mut d = doc("x", "2020年河南省人民政府工作报告");
        infer(&mut d, None);
        assert_eq!(d.meta.region.as_deref(), Some("河南省"));
    }

    #[test]
    fn shipped_region_table_is_valid_and_errors_name_the_line() {
        let r = Regions::parse(REGIONS_TSV, Path::new("dict/regions.tsv")).unwrap();
        assert_eq!(r.canonical("henan"), Some("河南省"));
        assert_eq!(r.canonical("国务院"), Some("全国"));
        let provincial = REGIONS_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("id\t") && !l.is_empty())
            .filter(|l| !l.starts_with("national") && !l.starts_with("hailar"))
            .count();
        assert_eq!(provincial, 34);
        for (text, want) in [
            (
                "id\tname\taliases\nhenan\t河南省\n",
                "r.tsv:2: expected 3 tab-separated fields (id, name, aliases), found 2",
            ),
            (
                "id\tname\taliases\nHe Nan\t河南省\t河南\n",
                "r.tsv:2: bad id `He Nan` (want [a-z0-9_]+)",
            ),
            (
                "# c\nhenan\t河南省\t河南\nhebei\t河北省\t河南\n",
                "r.tsv:3: alias `河南` already names 河南省",
            ),
            (
                "henan\thenan\thenan\n",
                "r.tsv:1: bad canonical name `henan` (want Chinese characters)",
            ),
            ("a\t甲省\t甲\na\t乙省\t乙\n", "r.tsv:2: duplicate id `a`"),
            ("a\t甲省\t甲||\n", "r.tsv:1: empty alias"),
        ] {
            let err = Regions::parse(text, Path::new("r.tsv")).unwrap_err();
            assert_eq!(err.to_string(), want);
        }
    }

    #[test]
    fn year_and_region_from_title_lines() {
        let mut d = doc(
            "x",
            "政府工作报告\n——2019年1月15日在青禾县第十七届人民代表大会第三次会议上\n青禾县人民政府县长 某某\n",
        );
        infer(&mut d, None);
        assert_eq!(
            (d.meta.region.as_deref(), d.meta.year),
            (Some("青禾县"), Some(2019))
        );
        let mut d = doc("y", "2020年安澜市政府工作报告\n各位代表：");
        infer(&mut d, None);
        assert_eq!(
            (d.meta.region.as_deref(), d.meta.year),
            (Some("安澜市"), Some(2020))
        );
        let mut d = doc(
            "z",
            "关于计划的报告\n——１９８０年８月３０日在第五届全国人民代表大会第三次会议上",
        );
        infer(&mut d, None);
        assert_eq!(d.meta.year, Some(1980));
    }

    #[test]
    fn sidecar_table_wins_over_guesses_and_jsonl_fields_win_over_it() {
        let t = MetaTable::parse(
            "file\tregion\tyear\nlinhu_2021.txt\t临湖区\t2021\n",
            Path::new("m.tsv"),
        )
        .unwrap();
        let mut d = doc("linhu_2021", "2020年某市政府工作报告");
        infer(&mut d, Some(&t));
        assert_eq!(
            (d.meta.region.as_deref(), d.meta.year),
            (Some("临湖区"), Some(2021))
        );
        let mut d = doc("linhu_2021", "");
        d.meta.year = Some(1999);
        infer(&mut d, Some(&t));
        assert_eq!(d.meta.year, Some(1999));
        let err = MetaTable::parse("file\tyear\na\tnineteen\n", Path::new("m.tsv")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "m.tsv:2: year `nineteen` is not a year from 1900 to 2100"
        );
    }
}
