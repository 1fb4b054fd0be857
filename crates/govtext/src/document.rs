//! Reading report files: bytes in, text out, with the encoding detected rather than guessed
//! from the file name (many official files are GBK), and a normalised view for matching.
//!
//! Normalisation maps one character to exactly one character, so a character offset found in the
//! normalised text is valid in the original: records point into the text as the user has it.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Metadata carried with a document into every record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    /// Region the report is about, when known.
    pub region: Option<String>,
    /// Year of the report, when known.
    pub year: Option<i32>,
    /// Kind of document (`work_report`, `meeting_news`, …), when known.
    pub kind: Option<String>,
    /// The file the document came from, when it came from a file.
    pub path: Option<PathBuf>,
    /// Other fields of a JSONL document, carried into every record.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A decoded report.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Identifier used in records: the path relative to the input root without `.txt`, or a JSONL `id`.
    pub id: String,
    /// The decoded text exactly as it is (line endings kept); offsets in records index this text.
    pub text: String,
    /// What is known about the document.
    pub meta: Meta,
}

impl Document {
    /// A document from text already in memory.
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            meta: Meta::default(),
        }
    }

    /// Read and decode a file; `id` is what records will call it.
    pub fn read(path: &Path, id: impl Into<String>) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let mut doc = Self::from_vec(bytes, path, id)?;
        doc.meta.path = Some(path.to_path_buf());
        Ok(doc)
    }

    /// Decode bytes; `path` only names the input in errors.
    pub fn from_bytes(bytes: &[u8], path: &Path, id: impl Into<String>) -> Result<Self> {
        Self::from_vec(bytes.to_vec(), path, id)
    }

    /// [`Document::from_bytes`] taking the bytes, which become the text without a copy when
    /// they are UTF-8.
    pub fn from_vec(bytes: Vec<u8>, path: &Path, id: impl Into<String>) -> Result<Self> {
        let text = decode_owned(bytes).map_err(|reason| match reason {
            DecodeProblem::Empty => Error::Empty {
                path: path.to_path_buf(),
            },
            DecodeProblem::Bad(reason) => Error::Undecodable {
                path: path.to_path_buf(),
                reason,
            },
        })?;
        Ok(Document::from_text(id, text))
    }

    /// The normalised view of the text (same number of characters).
    pub fn normalized(&self) -> String {
        normalize(&self.text)
    }
}

/// Why bytes could not become a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeProblem {
    /// No bytes, or only whitespace.
    Empty,
    /// Binary or undecodable, with the reason.
    Bad(String),
}

/// Decode bytes as UTF-8 (BOM optional), UTF-16 with BOM, or a detected legacy encoding
/// (GB18030/GBK in practice). A BOM is not part of the text. (The readers use [`decode_owned`].)
#[cfg(test)]
pub fn decode(bytes: &[u8]) -> std::result::Result<String, DecodeProblem> {
    decode_owned(bytes.to_vec())
}

/// [`decode`] taking the bytes: UTF-8 (the common case) becomes the text without a copy, so a
/// large document is in memory once.
pub fn decode_owned(mut bytes: Vec<u8>) -> std::result::Result<String, DecodeProblem> {
    if bytes.is_empty() {
        return Err(DecodeProblem::Empty);
    }
    let text = if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(&bytes) {
        let bad = || DecodeProblem::Bad(format!("invalid {} after its BOM", encoding.name()));
        if encoding == encoding_rs::UTF_8 {
            bytes.drain(..bom_len);
            utf8_string(bytes).map_err(|_| bad())?
        } else {
            encoding
                .decode_without_bom_handling_and_without_replacement(&bytes[bom_len..])
                .ok_or_else(bad)?
                .into_owned()
        }
    } else {
        if let Some(pos) = memchr_nul(&bytes) {
            return Err(DecodeProblem::Bad(format!("NUL byte at offset {pos}")));
        }
        match utf8_string(bytes) {
            Ok(text) => text,
            Err(bytes) => decode_legacy(&bytes)?,
        }
    };
    check_text(text)
}

/// Bytes that are not UTF-8: the encoding chardetng detects (GB18030 in practice).
fn decode_legacy(bytes: &[u8]) -> std::result::Result<String, DecodeProblem> {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    if encoding == encoding_rs::UTF_8 {
        return Err(DecodeProblem::Bad("invalid UTF-8".into()));
    }
    Ok(encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or_else(|| DecodeProblem::Bad(format!("not valid {} either", encoding.name())))?
        .into_owned())
}

/// Decoded text that is not a report: NUL or control characters, empty, or noise.
fn check_text(text: String) -> std::result::Result<String, DecodeProblem> {
    let Some((total, controls, plausible)) = char_counts(&text) else {
        return Err(DecodeProblem::Bad("NUL character in text".into()));
    };
    if controls * 100 > total.max(1) {
        return Err(DecodeProblem::Bad(format!(
            "{controls} control characters: not text"
        )));
    }
    if text.trim().is_empty() {
        return Err(DecodeProblem::Empty);
    }
    // Bytes that decode without error can still be noise (binary behind a UTF-16 BOM, a
    // mis-detected encoding): a report is mostly Chinese, ASCII and punctuation.
    if total >= 16 && plausible * 10 < total * 7 {
        return Err(DecodeProblem::Bad(format!(
            "only {plausible} of {total} characters look like Chinese or ASCII text"
        )));
    }
    Ok(text)
}

/// Characters, control characters (but line breaks, tabs and form feeds) and [plausible
/// characters](plausible_char) of a text, in one pass; `None` when it holds a NUL. Most
/// characters of a report are ASCII or Chinese, which are told by their first byte.
fn char_counts(text: &str) -> Option<(usize, usize, usize)> {
    let (mut total, mut controls, mut plausible) = (0usize, 0usize, 0usize);
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        total += 1;
        if x < 0x80 {
            if x == 0 {
                return None;
            }
            controls +=
                usize::from((x < 0x20 && !matches!(x, b'\n' | b'\r' | b'\t' | 0x0c)) || x == 0x7f);
            plausible += usize::from(matches!(x, b'\t' | b'\n' | b'\r' | b' '..=b'~'));
            i += 1;
        } else if matches!(x, 0xe5..=0xe9) || (x == 0xe4 && b.get(i + 1) != Some(&0xb7)) {
            // U+4000..U+9FFF but U+4DC0..U+4DFF: ideographs, plausible, no control characters.
            plausible += 1;
            i += 3;
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            controls += usize::from(c.is_control());
            plausible += usize::from(plausible_char(c));
            i += c.len_utf8().max(1);
        }
    }
    Some((total, controls, plausible))
}

/// Characters a Chinese report is made of.
fn plausible_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~'
        | '\u{a0}'..='\u{17f}'          // Latin-1 and Latin Extended-A
        | '\u{2000}'..='\u{27bf}'       // punctuation, symbols, arrows, shapes (● ■ ① …)
        | '\u{3000}'..='\u{30ff}'       // CJK punctuation, kana
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ffef}'
        | '\u{20000}'..='\u{2ffff}')
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

/// The bytes as a string when they are UTF-8, else the bytes back. Validated with SIMD: std's
/// check walks Chinese text three bytes at a time, and every input byte passes through it.
fn utf8_string(bytes: Vec<u8>) -> std::result::Result<String, Vec<u8>> {
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return Err(bytes);
    }
    // SAFETY: just validated as UTF-8.
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

/// Map one character to its matching form: full-width ASCII (digits, letters, ％．，：－ …) to ASCII,
/// the ideographic space and NBSP to a plain space, a traditional character to its simplified
/// form (`dict/traditional.tsv`: 區 → 区, 億 → 亿); everything else unchanged.
#[inline]
pub fn normalize_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{A0}' => ' ',
        CJK_FIRST..='\u{9fff}' => SIMPLIFIED[c as usize - CJK_FIRST as usize],
        _ => c,
    }
}

/// First character of the CJK Unified Ideographs block, where the traditional table applies.
const CJK_FIRST: char = '\u{4e00}';

/// The simplified form of every CJK unified ideograph (itself when it has none), indexed from
/// [`CJK_FIRST`]: one lookup per character keeps normalisation as fast as before.
static SIMPLIFIED: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    let mut table: Vec<char> = (CJK_FIRST..='\u{9fff}').collect();
    for row in crate::extract::dict::TRADITIONAL.rows() {
        let (mut t, mut s) = (row[0].chars(), row[1].chars());
        if let (Some(t), Some(s)) = (t.next(), s.next())
            && let Some(slot) = (t as usize).checked_sub(CJK_FIRST as usize)
            && let Some(slot) = table.get_mut(slot)
        {
            *slot = s;
        }
    }
    table
});

/// Normalise a whole text; the result has exactly as many characters as the input.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // ASCII is its own normal form: runs of it are copied as they are.
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        out.push_str(&rest[..ascii]);
        rest = &rest[ascii..];
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            out.push(normalize_char(c));
            rest = chars.as_str();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_counts_are_counted_char_by_char() {
        let naive = |t: &str| {
            let mut n = (0, 0, 0);
            for c in t.chars() {
                n.0 += 1;
                n.1 += usize::from(c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'));
                n.2 += usize::from(plausible_char(c));
            }
            n
        };
        let every: Vec<char> = (1..=0x10ffff).filter_map(char::from_u32).collect();
        for chunk in every.chunks(4096) {
            let t: String = chunk.iter().collect();
            assert_eq!(char_counts(&t), Some(naive(&t)), "from {:?}", chunk[0]);
        }
        assert_eq!(char_counts("增长\u{0}5%"), None);
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("增长7.4%".as_bytes()).unwrap(), "增长7.4%");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("增长7.4%".as_bytes());
        assert_eq!(decode(&bom).unwrap(), "增长7.4%");
    }

    #[test]
    fn utf16_with_bom() {
        let text = "地区生产总值340.64亿元\r\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap(), text);
        assert_eq!(decode(&be).unwrap(), text);
    }

    #[test]
    fn gbk_is_detected() {
        let text = "全区地区生产总值完成340.64亿元，同比增长3.2%；一般公共预算收入完成29.9亿元。";
        let (bytes, _, _) = encoding_rs::GBK.encode(text);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(decode(&bytes).unwrap(), text);
        let (bytes, _, _) = encoding_rs::GB18030.encode(text);
        assert_eq!(decode(&bytes).unwrap(), text);
    }

    #[test]
    fn binary_and_empty_are_errors() {
        assert_eq!(decode(b""), Err(DecodeProblem::Empty));
        assert_eq!(decode(b"  \n\r\n"), Err(DecodeProblem::Empty));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(DecodeProblem::Bad(_))
        ));
        let noise: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 31) as u8 + 1).collect();
        assert!(matches!(decode(&noise), Err(DecodeProblem::Bad(_))));
        // Noise behind a UTF-16 BOM decodes without error but is not text.
        let mut bom_noise = vec![0xFF, 0xFE];
        bom_noise.extend((0..400u32).flat_map(|i| [(i * 37 % 251) as u8, 0xA0 + (i % 50) as u8]));
        assert!(matches!(decode(&bom_noise), Err(DecodeProblem::Bad(_))));
    }

    #[test]
    fn normalisation_keeps_offsets() {
        let text = "增长３．６８％，达到１２３亿元\u{3000}Ａ级\u{A0}：完成";
        let norm = normalize(text);
        assert_eq!(norm, "增长3.68%,达到123亿元 A级 :完成");
        assert_eq!(norm.chars().count(), text.chars().count());
        for (a, b) in text.chars().zip(norm.chars()) {
            assert_eq!(normalize_char(a), b);
        }
    }

    #[test]
    fn crlf_is_kept() {
        let doc = Document::from_bytes("一\r\n二".as_bytes(), Path::new("x.txt"), "x").unwrap();
        assert_eq!(doc.text.chars().count(), 4);
    }
}
