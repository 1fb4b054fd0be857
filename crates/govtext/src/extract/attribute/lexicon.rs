//! The indicator lexicon (`dict/indicators.tsv`): canonical ids, names, English labels and
//! synonyms, with a synonym index.

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

use crate::extract::dict::{self, DictError};

/// The shipped indicator lexicon (`dict/indicators.tsv`).
pub const INDICATORS_TSV: &str = dict::INDICATORS.text;

/// One indicator of the lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    /// Canonical id (`gdp`, `general_budget_revenue` …).
    pub id: String,
    /// Canonical Chinese name.
    pub name: String,
    /// English label.
    pub en: String,
    /// Chinese synonyms and historical names.
    pub synonyms: Vec<String>,
}

/// The indicator lexicon with a synonym index.
#[derive(Debug, Clone)]
pub struct Lexicon {
    indicators: Vec<Indicator>,
    /// Synonym → index.
    by_synonym: FxHashMap<String, usize>,
    /// Characters of the longest synonym: no longer piece of a phrase can match, so lookups
    /// hash at most this many suffixes and substrings of this length or shorter.
    longest: usize,
}

impl Lexicon {
    /// Parse a lexicon in the TSV format of `dict/indicators.tsv` (a header row, then `id name en
    /// synonyms kind measure_hint`); a malformed row is an error `FILE:LINE: problem`.
    pub fn parse(file: &str, tsv: &str) -> Result<Lexicon, Vec<DictError>> {
        let rows = dict::parse_rows(file, tsv, dict::INDICATORS.columns, true)?;
        let mut indicators = Vec::new();
        let mut synonyms = Vec::new();
        for f in rows {
            let i = indicators.len();
            let mut syns: Vec<String> = f[3].split('|').map(str::to_string).collect();
            if !syns.iter().any(|s| s == f[1]) {
                syns.push(f[1].to_string());
            }
            for s in &syns {
                if s.chars().count() >= 2 {
                    synonyms.push((s.clone(), i));
                }
            }
            indicators.push(Indicator {
                id: f[0].to_string(),
                name: f[1].to_string(),
                en: f[2].to_string(),
                synonyms: syns,
            });
        }
        let mut by_synonym = FxHashMap::default();
        let longest = synonyms.iter().map(|(s, _)| s.chars().count()).max();
        for (syn, i) in synonyms {
            by_synonym.entry(syn).or_insert(i);
        }
        Ok(Lexicon {
            indicators,
            by_synonym,
            longest: longest.unwrap_or(0),
        })
    }

    /// The shipped lexicon.
    pub fn shipped() -> &'static Lexicon {
        static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
            let d = dict::INDICATORS;
            Lexicon::parse(d.file, d.text).unwrap_or_else(|errors| {
                let all: Vec<String> = errors.iter().map(ToString::to_string).collect();
                panic!("shipped lexicon is malformed:\n{}", all.join("\n"))
            })
        });
        &LEX
    }

    /// Number of indicators.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        self.indicators.len()
    }

    /// The indicator a phrase names: the longest synonym the phrase ends with, else the longest
    /// it contains (the head of a Chinese noun phrase is at its end). Only pieces no longer than
    /// the longest synonym are hashed, so the cost is linear in the phrase.
    pub fn lookup(&self, phrase: &str) -> Option<&Indicator> {
        let hit = |s: &str| self.by_synonym.get(s).map(|&i| &self.indicators[i]);
        // Longest suffix first, then the longest contained synonym.
        let tail = crate::extract::text::last_chars(phrase, self.longest);
        if let Some(found) = tail.char_indices().find_map(|(i, _)| hit(&tail[i..])) {
            return Some(found);
        }
        let mut starts: Vec<usize> = Vec::with_capacity(41);
        for (i, _) in phrase.char_indices() {
            if starts.len() == 40 {
                return None;
            }
            starts.push(i);
        }
        starts.push(phrase.len());
        // `starts[k]..starts[k + len]` is the piece of `len` characters at character `k`.
        let chars = starts.len() - 1;
        for len in (2..chars.min(self.longest + 1)).rev() {
            for k in 0..=chars - len {
                if let Some(found) = hit(&phrase[starts[k]..starts[k + len]]) {
                    return Some(found);
                }
            }
        }
        None
    }

    /// True when `phrase` is a synonym of some indicator.
    pub fn is_synonym(&self, phrase: &str) -> bool {
        self.by_synonym.contains_key(phrase)
    }

    /// The longest synonym `text` opens with (two characters or more): the topic of
    /// `市场经营主体增量提质，…` or `经营主体稳中培优。`.
    pub fn opening_synonym<'t>(&self, text: &'t str) -> Option<&'t str> {
        let ends: Vec<usize> = text
            .char_indices()
            .map(|(i, c)| i + c.len_utf8())
            .take(self.longest)
            .skip(1)
            .collect();
        ends.into_iter()
            .rev()
            .map(|e| &text[..e])
            .find(|s| self.is_synonym(s))
    }
}
