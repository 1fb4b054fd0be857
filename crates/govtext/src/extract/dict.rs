//! The rules' word lists as data: `dict/*.tsv`, compiled in, parsed once and validated.
//!
//! Each file has a header comment line (`# col1<TAB>col2 …`) naming its columns; other lines
//! starting with `#` are comments. Every row must have exactly the file's columns, no field may be
//! empty, and a tag column only takes its listed values. Problems are reported as
//! `FILE:LINE: problem`. Row order is kept: where a list is searched first-match, order matters.

use std::fmt;

/// One problem in a dictionary file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictError {
    /// File name (`cues.tsv`).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub problem: String,
}

impl fmt::Display for DictError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.problem)
    }
}

impl std::error::Error for DictError {}

/// A column of a dictionary file.
#[derive(Debug, Clone, Copy)]
pub enum Col {
    /// Free text.
    Text,
    /// One of the listed tags.
    Tag(&'static [&'static str]),
    /// A positive decimal (`0.001`).
    Dec,
    /// One character.
    Char,
}

/// A dictionary file compiled in.
#[derive(Debug, Clone, Copy)]
pub struct Dict {
    /// File name under `dict/`.
    pub file: &'static str,
    /// Its text.
    pub text: &'static str,
    /// Its columns.
    pub columns: &'static [Col],
    /// True when the first line is a header row (`indicators.tsv`) rather than a `#` comment.
    pub header_row: bool,
}

/// Parse `text` (named `file`) as rows of `columns`.
pub fn parse_rows<'a>(
    file: &str,
    text: &'a str,
    columns: &[Col],
    header_row: bool,
) -> Result<Vec<Vec<&'a str>>, Vec<DictError>> {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let err = |line: usize, problem: String| DictError {
        file: file.to_string(),
        line,
        problem,
    };
    for (i, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if (header_row && i == 0) || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != columns.len() {
            let problem = format!("{} columns, want {}", fields.len(), columns.len());
            errors.push(err(i + 1, problem));
            continue;
        }
        for (k, (f, col)) in fields.iter().zip(columns).enumerate() {
            if f.trim().is_empty() {
                errors.push(err(i + 1, format!("column {} is empty", k + 1)));
            } else if let Col::Tag(tags) = col
                && !tags.contains(f)
            {
                let problem = format!("unknown tag `{f}` in column {} ({})", k + 1, tags.join(" "));
                errors.push(err(i + 1, problem));
            } else if let Col::Char = col
                && f.chars().count() != 1
            {
                let problem = format!("`{f}` in column {} is not one character", k + 1);
                errors.push(err(i + 1, problem));
            } else if let Col::Dec = col
                && super::number::Dec::parse_ascii(f).is_none_or(|d| d.mantissa <= 0)
            {
                let problem = format!("`{f}` in column {} is not a positive decimal", k + 1);
                errors.push(err(i + 1, problem));
            }
        }
        rows.push(fields);
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

impl Dict {
    /// The rows, or the problems found.
    pub fn parse(&self) -> Result<Vec<Vec<&'static str>>, Vec<DictError>> {
        parse_rows(self.file, self.text, self.columns, self.header_row)
    }

    /// The rows of a shipped file (checked by the unit tests).
    pub fn rows(&self) -> Vec<Vec<&'static str>> {
        self.parse().unwrap_or_else(|errors| {
            let all: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!("shipped dictionary is malformed:\n{}", all.join("\n"))
        })
    }

    /// The first column of every row, in order.
    pub fn words(&self) -> Vec<&'static str> {
        self.rows().into_iter().map(|r| r[0]).collect()
    }

    /// The first column of every row, as a set to ask of one word at a time.
    pub fn word_set(&self) -> rustc_hash::FxHashSet<&'static str> {
        self.rows().into_iter().map(|r| r[0]).collect()
    }

    /// The first column of the rows whose column `col` is `tag`, in order.
    pub fn words_tagged(&self, col: usize, tag: &str) -> Vec<&'static str> {
        let rows = self.rows().into_iter();
        rows.filter(|r| r[col] == tag).map(|r| r[0]).collect()
    }
}

/// A word list searched in one pass (Aho-Corasick) instead of one `contains` per word: the rules
/// ask "does this clause hold any of these words" once per figure.
pub struct WordSet {
    words: Vec<&'static str>,
    automaton: aho_corasick::AhoCorasick,
}

impl WordSet {
    /// A set of the given words (empty words are left out).
    pub fn new(words: impl IntoIterator<Item = &'static str>) -> WordSet {
        let words: Vec<&'static str> = words.into_iter().filter(|w| !w.is_empty()).collect();
        let automaton = aho_corasick::AhoCorasick::new(&words).expect("word lists build");
        WordSet { words, automaton }
    }

    /// True when `text` contains any of the words.
    pub fn any_in(&self, text: &str) -> bool {
        !self.words.is_empty() && self.automaton.is_match(text)
    }

    /// The word listed first among those `text` contains (list order, not text order), as
    /// `list.iter().find(|w| text.contains(w))` would find it.
    pub fn first_listed(&self, text: &str) -> Option<&'static str> {
        self.all_in(text)
            .map(|(_, i, w)| (i, w))
            .min()
            .map(|(_, w)| w)
    }

    /// Every occurrence of every word in `text`, overlapping ones included, in order of where
    /// they end: (byte, the word's index in the list, the word).
    pub fn all_in<'s>(
        &'s self,
        text: &'s str,
    ) -> impl Iterator<Item = (usize, usize, &'static str)> + 's {
        self.automaton.find_overlapping_iter(text).map(|m| {
            let i = m.pattern().as_usize();
            (m.start(), i, self.words[i])
        })
    }
}

macro_rules! dict {
    ($name:ident, $file:literal, $columns:expr) => {
        #[doc = concat!("`dict/", $file, "`.")]
        pub const $name: Dict = Dict {
            file: $file,
            text: include_str!(concat!("../../dict/", $file)),
            columns: $columns,
            header_row: false,
        };
    };
}

const WORD: &[Col] = &[Col::Text];
const QUALIFIER_TAGS: &[&str] = &["approx", "more_than", "at_least", "at_most", "less_than"];
/// The kinds of quantity (`Kind::as_str`).
pub const KIND_TAGS: &[&str] = &[
    "currency",
    "percent",
    "percentage_point",
    "count",
    "area",
    "length",
    "mass",
    "energy",
    "power",
    "volume",
    "multiple",
    "age",
    "ratio",
    "number",
    "other",
];

dict!(
    QUALIFIERS,
    "qualifiers.tsv",
    &[
        Col::Text,
        Col::Tag(&["before", "after"]),
        Col::Tag(QUALIFIER_TAGS)
    ]
);
dict!(
    BARE_FIGURE_WORDS,
    "bare_figure_words.tsv",
    &[Col::Text, Col::Tag(&["index", "money"])]
);
dict!(
    UNITS,
    "units.tsv",
    &[Col::Text, Col::Tag(KIND_TAGS), Col::Text, Col::Dec]
);
dict!(MEETING_WORDS, "meeting_words.tsv", WORD);
dict!(PER_WORDS, "per_words.tsv", WORD);
dict!(TRADITIONAL, "traditional.tsv", &[Col::Char, Col::Char]);
dict!(NUMERAL_PHRASES, "numeral_phrases.tsv", WORD);
dict!(
    NOT_QUANTITY_AFTER,
    "not_quantity_after.tsv",
    &[Col::Text, Col::Tag(&["always", "chinese", "year"])]
);
dict!(
    CUES,
    "cues.tsv",
    &[Col::Text, Col::Tag(&["level", "up", "down", "share"])]
);
dict!(YOY, "yoy.tsv", WORD);
dict!(TARGET_WORDS, "target_words.tsv", WORD);
dict!(
    HEADINGS,
    "headings.tsv",
    &[Col::Text, Col::Tag(&["review", "plan"])]
);
dict!(SKIP_WORDS, "skip_words.tsv", WORD);
dict!(GENERIC_HEADS, "generic_heads.tsv", WORD);
dict!(PURPOSE_HEADS, "purpose_heads.tsv", WORD);
dict!(STAGE_WORDS, "stage_words.tsv", WORD);
dict!(SCOPES, "scopes.tsv", WORD);
dict!(PERIODS, "periods.tsv", WORD);
dict!(STATUS_WORDS, "status_words.tsv", WORD);
dict!(
    OBJECT_WORDS,
    "object_words.tsv",
    &[Col::Text, Col::Tag(&["predicate", "money"])]
);
dict!(COMPOUNDS, "compounds.tsv", &[Col::Text, Col::Text]);
dict!(
    HORIZONS,
    "horizons.tsv",
    &[Col::Text, Col::Tag(&["average", "total", "span", "plan"])]
);
dict!(
    HEADLINE_WORDS,
    "headline_words.tsv",
    &[
        Col::Text,
        Col::Tag(&[
            "milestone_before",
            "milestone_after",
            "list",
            "from",
            "last_year_from",
            "level_reached"
        ])
    ]
);
dict!(HEADLINE_INDICATORS, "headline_indicators.tsv", WORD);

/// `dict/indicators.tsv`: the indicator lexicon (a header row, then one indicator a row).
pub const INDICATORS: Dict = Dict {
    file: "indicators.tsv",
    text: include_str!("../../dict/indicators.tsv"),
    columns: &[
        Col::Text,
        Col::Text,
        Col::Text,
        Col::Text,
        Col::Tag(KIND_TAGS),
        Col::Tag(&["level", "rate"]),
    ],
    header_row: true,
};

/// Every shipped dictionary file (checked by a test).
#[cfg(test)]
pub const ALL: &[Dict] = &[
    UNITS,
    QUALIFIERS,
    BARE_FIGURE_WORDS,
    MEETING_WORDS,
    PER_WORDS,
    TRADITIONAL,
    NUMERAL_PHRASES,
    NOT_QUANTITY_AFTER,
    CUES,
    YOY,
    TARGET_WORDS,
    HEADINGS,
    SKIP_WORDS,
    GENERIC_HEADS,
    PURPOSE_HEADS,
    STAGE_WORDS,
    SCOPES,
    PERIODS,
    STATUS_WORDS,
    HORIZONS,
    OBJECT_WORDS,
    COMPOUNDS,
    HEADLINE_WORDS,
    HEADLINE_INDICATORS,
    INDICATORS,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_file_parses() {
        for d in ALL {
            let rows = d.parse().unwrap_or_else(|e| panic!("{e:?}"));
            assert!(!rows.is_empty(), "{} is empty", d.file);
        }
    }

    #[test]
    fn kind_tags_are_the_schema_kinds() {
        let kinds: Vec<&str> = crate::schema::Kind::ALL
            .iter()
            .map(|k| k.as_str())
            .collect();
        assert_eq!(KIND_TAGS, kinds.as_slice());
    }

    #[test]
    fn malformed_rows_are_reported_with_file_and_line() {
        let cols = &[Col::Text, Col::Tag(&["up", "down"])];
        let text = "# word\tcue\n增长\tup\n下降\n\tdown\n提高\tsideways\n";
        let errors = parse_rows("cues.tsv", text, cols, false).unwrap_err();
        let got: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            [
                "cues.tsv:3: 1 columns, want 2",
                "cues.tsv:4: column 1 is empty",
                "cues.tsv:5: unknown tag `sideways` in column 2 (up down)",
            ]
        );
        let short = "id\tname\ten\tsynonyms\tkind\tmeasure_hint\ngdp\t地区生产总值\tGDP\n";
        let errors = parse_rows("indicators.tsv", short, INDICATORS.columns, true).unwrap_err();
        assert_eq!(errors[0].to_string(), "indicators.tsv:2: 3 columns, want 6");
        let bad_factor = "# written\tkind\tnorm\tfactor\n兆瓦\tpower\tkW\tmany\n";
        let errors = parse_rows("units.tsv", bad_factor, UNITS.columns, false).unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "units.tsv:2: `many` in column 4 is not a positive decimal"
        );
    }

    #[test]
    fn first_listed_is_the_first_word_of_the_list_the_text_holds() {
        let words = ["全省", "全市", "省", "全"];
        let set = WordSet::new(words);
        for text in ["全市和全省", "省里", "全体", "无", "全省全市", ""] {
            let by_list = words.iter().copied().find(|w| text.contains(w));
            assert_eq!(set.first_listed(text), by_list, "{text}");
        }
    }
}
