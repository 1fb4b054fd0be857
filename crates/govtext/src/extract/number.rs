//! The numeral grammar: Arabic and Chinese numerals, alone or mixed (`340.64亿`, `3万4000`,
//! `一千五百五十九`, `三十六点五`, `壹佰`), with vague parts (`十几`, `数十`, `500多`).
//!
//! Values are exact decimals ([`Dec`]): `340.64亿` must normalise to 34 064 000 000, not to
//! 34 063 999 999.999996. Parsing is a single left-to-right pass with a fixed bound on length, so
//! pathological runs (a 10 MB line of digits, 100k repeated 万) are rejected in constant time.

/// An exact decimal: `mantissa × 10^-scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dec {
    /// The digits.
    pub mantissa: i128,
    /// How many of them are after the decimal point.
    pub scale: u32,
}

/// Longest numeral run the grammar will look at; longer runs are not quantities.
pub const MAX_RUN_CHARS: usize = 32;

/// Most digits before the point of an Arabic number (`999,999,999,999,999`); reports never write
/// more, so a longer string of digits is a code or noise, not a quantity.
pub const MAX_INT_DIGITS: usize = 15;

/// Most digits after the point (Arabic or after 点).
pub const MAX_FRAC_DIGITS: usize = 12;

impl Dec {
    /// An integer.
    pub const fn int(v: i128) -> Dec {
        Dec {
            mantissa: v,
            scale: 0,
        }
    }

    /// Zero.
    pub const ZERO: Dec = Dec::int(0);

    fn align(a: Dec, b: Dec) -> Option<(i128, i128, u32)> {
        let s = a.scale.max(b.scale);
        let am = a.mantissa.checked_mul(10i128.checked_pow(s - a.scale)?)?;
        let bm = b.mantissa.checked_mul(10i128.checked_pow(s - b.scale)?)?;
        Some((am, bm, s))
    }

    /// Exact sum, `None` on overflow.
    pub fn checked_add(self, other: Dec) -> Option<Dec> {
        let (a, b, s) = Self::align(self, other)?;
        Some(
            Dec {
                mantissa: a.checked_add(b)?,
                scale: s,
            }
            .trim(),
        )
    }

    /// Exact product, `None` on overflow.
    pub fn checked_mul(self, other: Dec) -> Option<Dec> {
        Some(
            Dec {
                mantissa: self.mantissa.checked_mul(other.mantissa)?,
                scale: self.scale.checked_add(other.scale)?,
            }
            .trim(),
        )
    }

    /// Negated.
    pub fn negated(self) -> Dec {
        Dec {
            mantissa: -self.mantissa,
            scale: self.scale,
        }
    }

    /// Drop trailing zero decimals.
    pub fn trim(mut self) -> Dec {
        while self.scale > 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        self
    }

    /// True when zero.
    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    /// True when there is no fractional part.
    pub fn is_integer(self) -> bool {
        self.trim().scale == 0
    }

    /// Nearest `f64`.
    pub fn to_f64(self) -> f64 {
        self.to_string().parse().unwrap_or(f64::NAN)
    }

    /// Parse plain ASCII digits with an optional single `.`; `None` for anything else.
    pub fn parse_ascii(s: &str) -> Option<Dec> {
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i, f),
            None => (s, ""),
        };
        if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !frac.bytes().all(|b| b.is_ascii_digit()) || (s.contains('.') && frac.is_empty()) {
            return None;
        }
        if int.trim_start_matches('0').len() > MAX_INT_DIGITS || frac.len() > MAX_FRAC_DIGITS {
            return None;
        }
        let mut m: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            m = m * 10 + i128::from(b - b'0');
        }
        Some(
            Dec {
                mantissa: m,
                scale: frac.len() as u32,
            }
            .trim(),
        )
    }
}

impl std::fmt::Display for Dec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = self.trim();
        if d.scale == 0 {
            return write!(f, "{}", d.mantissa);
        }
        let neg = d.mantissa < 0;
        let digits = d.mantissa.unsigned_abs().to_string();
        let scale = d.scale as usize;
        let padded = if digits.len() <= scale {
            format!("{}{}", "0".repeat(scale - digits.len() + 1), digits)
        } else {
            digits
        };
        let (i, fr) = padded.split_at(padded.len() - scale);
        write!(f, "{}{}.{}", if neg { "-" } else { "" }, i, fr)
    }
}

/// How exact a parsed number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vagueness {
    /// As written.
    Exact,
    /// A lower bound: `500多`, `十几`, `数十`, `1000余`.
    MoreThan,
}

/// A parsed numeral.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    /// The value with every multiplier applied (for vague numbers, the lower bound).
    pub value: Dec,
    /// Whether the numeral itself says "more than".
    pub vague: Vagueness,
    /// True when any Chinese numeral character (not only 万/亿) takes part.
    pub chinese: bool,
    /// True when 万, 亿 or a Chinese 千/百 multiplier applies to an Arabic number (`340.64亿`, `3千`).
    pub multiplier: bool,
}

/// The value of a Chinese digit (including capitals and 两/〇).
pub fn chinese_digit(c: char) -> Option<u8> {
    Some(match c {
        '零' | '〇' | 'O' => 0,
        '一' | '壹' | '幺' => 1,
        '二' | '两' | '贰' | '貳' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The value of a small unit (十 百 千, and capitals).
fn small_unit(c: char) -> Option<i128> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// Power of ten of a large unit (万 亿).
fn big_unit(c: char) -> Option<u32> {
    Some(match c {
        '万' | '萬' => 4,
        '亿' | '億' => 8,
        _ => return None,
    })
}

/// True for characters that may take part in a numeral run: a digit, `.` or `,`, or a character
/// of [`RUN_CJK`]. The splitter asks this of every character of a document, so the CJK block is
/// a bit table (a test checks it against the numeral grammar's own tables).
pub fn is_run_char(c: char) -> bool {
    match c {
        '0'..='9' | '.' | ',' | 'O' | '〇' => true,
        '\u{4e00}'..='\u{9fff}' => RUN_CJK_BITS.has(c),
        _ => false,
    }
}

/// The CJK ideographs of numeral runs: digits, small and large units, 点 and the vague ones.
pub const RUN_CJK: &str =
    "零一壹幺二两贰貳三叁參四肆五伍六陆陸七柒八捌九玖十拾百佰千仟万萬亿億点几多余数";

/// [`RUN_CJK`] as bits over U+4E00..U+9FFF.
static RUN_CJK_BITS: CjkBits = CjkBits::of(&[RUN_CJK]);

/// A set of characters of the CJK block U+4E00..U+9FFF, one bit each, built at compile time.
pub(crate) struct CjkBits([u64; 328]);

impl CjkBits {
    /// The characters of `lists` (each character three bytes of UTF-8, in the block).
    pub(crate) const fn of(lists: &[&str]) -> CjkBits {
        let mut bits = [0u64; 328];
        let mut l = 0;
        while l < lists.len() {
            let s = lists[l].as_bytes();
            let mut i = 0;
            while i + 2 < s.len() {
                let c = ((s[i] as usize & 0x0f) << 12)
                    | ((s[i + 1] as usize & 0x3f) << 6)
                    | (s[i + 2] as usize & 0x3f);
                let k = c - 0x4e00;
                bits[k / 64] |= 1 << (k % 64);
                i += 3;
            }
            l += 1;
        }
        CjkBits(bits)
    }

    /// True when `c` is in the set.
    #[inline]
    pub(crate) fn has(&self, c: char) -> bool {
        self.has_code(c as u32)
    }

    /// True when the character of code point `code` is in the set.
    #[inline]
    pub(crate) fn has_code(&self, code: u32) -> bool {
        let i = (code as usize).wrapping_sub(0x4e00);
        i < 328 * 64 && self.0[i / 64] & (1 << (i % 64)) != 0
    }
}

/// Parse a whole numeral run (normalised text: ASCII digits, `,` `.`). `None` when the run is not
/// a well-formed number: `二七`, `十四五`, `一九八二`, `千百十`, `万` alone are all rejected.
pub fn parse_number(run: &str) -> Option<Number> {
    if run.is_empty() || run.chars().count() > MAX_RUN_CHARS {
        return None;
    }
    let mut p = Parser::default();
    let mut chars = run.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_ascii_digit() {
            // An Arabic number: digits, `,` groups of three, one `.` part.
            let start = i;
            let mut end = i + 1;
            while let Some(&(j, d)) = chars.peek() {
                let next_is_digit = run[j + d.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(|n| n.is_ascii_digit());
                if d.is_ascii_digit() || ((d == '.' || d == ',') && next_is_digit) {
                    chars.next();
                    end = j + d.len_utf8();
                } else {
                    break;
                }
            }
            let lit = &run[start..end];
            p.arabic(parse_arabic_literal(lit)?, lit)?;
        } else if let Some(d) = chinese_digit(c) {
            p.chinese = true;
            p.digit(d)?;
        } else if let Some(u) = small_unit(c) {
            p.small(u)?;
        } else if let Some(e) = big_unit(c) {
            p.big(e)?;
        } else {
            match c {
                '点' => p.point()?,
                '几' => p.few()?,
                '数' => p.several()?,
                '多' | '余' => p.more()?,
                _ => return None,
            }
        }
    }
    p.finish()
}

/// `1,234.5` → 1234.5; commas must separate groups of exactly three digits.
fn parse_arabic_literal(lit: &str) -> Option<Dec> {
    if lit.contains(',') {
        let (int, frac) = lit.split_once('.').unwrap_or((lit, ""));
        let mut groups = int.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || groups.clone().any(|g| g.len() != 3) {
            return None;
        }
        if frac.contains(',') {
            return None;
        }
        let joined: String = int.chars().filter(|&c| c != ',').collect();
        let s = if lit.contains('.') {
            format!("{joined}.{frac}")
        } else {
            joined
        };
        Dec::parse_ascii(&s)
    } else {
        Dec::parse_ascii(lit)
    }
}

#[derive(Default)]
struct Parser {
    /// Sum of completed big groups (already multiplied).
    total: Option<Dec>,
    /// The current group below 万.
    section: Dec0,
    /// A number waiting for its unit.
    pending: Option<Dec>,
    pending_chinese_digit: bool,
    /// Last small unit seen in the current section (to enforce 千 > 百 > 十).
    last_small: Option<i128>,
    /// Last unit seen anywhere (for `一万五` = 15000 shorthand).
    last_unit_pow: Option<u32>,
    /// After `点`: decimal digits being read.
    decimals: Option<u32>,
    zero_gap: bool,
    vague: bool,
    chinese: bool,
    multiplier: bool,
    arabic_seen: bool,
    /// An Arabic number right after 万/亿 that does not fill its four places, not yet followed by
    /// a unit of its own.
    loose_arabic: bool,
    any: bool,
    ended_with_more: bool,
}

#[derive(Default, Clone, Copy)]
struct Dec0(Option<Dec>);

impl Dec0 {
    fn get(self) -> Dec {
        self.0.unwrap_or(Dec::ZERO)
    }
    fn add(&mut self, d: Dec) -> Option<()> {
        self.0 = Some(self.get().checked_add(d)?);
        Some(())
    }
}

fn pow10(e: u32) -> Dec {
    Dec::int(10i128.pow(e))
}

impl Parser {
    fn arabic(&mut self, d: Dec, lit: &str) -> Option<()> {
        if self.pending.is_some() || self.decimals.is_some() || self.ended_with_more {
            return None;
        }
        // After 万/亿, Arabic digits fill the places below it: 3万4000, not 390万65 (390万 and
        // then another figure, 65岁).
        self.loose_arabic = self.total.is_some()
            && self.section.0.is_none()
            && !(lit.len() == 4 && lit.bytes().all(|b| b.is_ascii_digit()));
        self.pending = Some(d);
        self.pending_chinese_digit = false;
        self.arabic_seen = true;
        self.any = true;
        Some(())
    }

    fn digit(&mut self, d: u8) -> Option<()> {
        if self.ended_with_more {
            return None;
        }
        if let Some(n) = self.decimals {
            // 三十六点五: digits after 点 are decimals.
            let frac = Dec {
                mantissa: i128::from(d),
                scale: n + 1,
            };
            self.pending = Some(self.pending.unwrap_or(Dec::ZERO).checked_add(frac)?);
            self.decimals = Some(n + 1);
            if n as usize + 1 > MAX_FRAC_DIGITS {
                return None;
            }
            return Some(());
        }
        if self.pending.is_some() {
            // Two digits in a row (二七, 一九八二, 十四五) are not a number.
            return None;
        }
        if d == 0 && self.any {
            // 零 marks a gap (一百零五); it must follow a unit.
            if self.last_unit_pow.is_none() || self.zero_gap {
                return None;
            }
            self.zero_gap = true;
            return Some(());
        }
        self.pending = Some(Dec::int(i128::from(d)));
        self.pending_chinese_digit = true;
        self.any = true;
        Some(())
    }

    fn small(&mut self, u: i128) -> Option<()> {
        if self.decimals.is_some() || self.ended_with_more {
            return None;
        }
        if self.last_small.is_some_and(|l| u >= l) {
            return None;
        }
        self.loose_arabic = false;
        let n = match self.pending.take() {
            Some(n) => {
                if !self.pending_chinese_digit {
                    // An Arabic number before 千/百 (3千, 1.5千): a multiplier.
                    self.multiplier = true;
                }
                n
            }
            // A leading 十 means one ten (十五); 百 or 千 alone is not a number (百姓, 千方百计).
            None if u == 10 && self.section.0.is_none() && !self.zero_gap => Dec::int(1),
            None if u == 10 && self.zero_gap => Dec::int(1),
            // 三百十五, 六百十二: 十 right after 百 is one ten (an older way of writing 一十).
            None if u == 10 && self.last_small == Some(100) => Dec::int(1),
            None => return None,
        };
        self.chinese = true;
        self.section.add(n.checked_mul(Dec::int(u))?)?;
        self.last_small = Some(u);
        self.last_unit_pow = Some(match u {
            10 => 1,
            100 => 2,
            _ => 3,
        });
        self.zero_gap = false;
        self.any = true;
        Some(())
    }

    fn big(&mut self, e: u32) -> Option<()> {
        if self.decimals.is_some() {
            self.decimals = None;
        }
        self.loose_arabic = false;
        let group = self
            .section
            .get()
            .checked_add(self.pending.take().unwrap_or(Dec::ZERO))?;
        let after_big = self.section.0.is_none() && self.last_small.is_none();
        if group.is_zero() {
            // 万亿, 亿亿 and the historical 万万 (六万万 = 6亿): a second big unit right after the
            // first, not smaller than it, multiplies everything so far. 亿万 is not a number.
            let last = self.last_unit_pow;
            if last.is_some_and(|l| l == 4 || (l == 8 && e == 8))
                && self.total.is_some()
                && after_big
            {
                self.total = Some(self.total?.checked_mul(pow10(e))?);
                self.last_unit_pow = Some(last? + e);
                return Some(());
            }
            return None;
        }
        if self.arabic_seen {
            self.multiplier = true;
        }
        self.total = Some(if e == 8 {
            // 亿 multiplies everything before it (一千二百万亿 is rare but well-formed).
            self.total
                .unwrap_or(Dec::ZERO)
                .checked_add(group)?
                .checked_mul(pow10(8))?
        } else {
            if self.last_unit_pow.is_some_and(|l| (4..8).contains(&l)) && self.total.is_some() {
                // 三万五万: a second 万 group is not a number.
                return None;
            }
            self.total
                .unwrap_or(Dec::ZERO)
                .checked_add(group.checked_mul(pow10(4))?)?
        });
        self.section = Dec0::default();
        self.last_small = None;
        self.last_unit_pow = Some(e);
        self.zero_gap = false;
        self.ended_with_more = false;
        self.any = true;
        Some(())
    }

    fn point(&mut self) -> Option<()> {
        // 三千四点五: 四 is the shorthand for 四百, or a units digit; no reading is safe.
        if self.decimals.is_some() || self.shorthand_pending() {
            return None;
        }
        let int = self
            .section
            .get()
            .checked_add(self.pending.take().unwrap_or(Dec::ZERO))?;
        if self.section.0.is_none() && !self.any {
            return None;
        }
        self.section = Dec0::default();
        self.pending = Some(int);
        self.pending_chinese_digit = false;
        self.decimals = Some(0);
        self.last_small = None;
        Some(())
    }

    fn few(&mut self) -> Option<()> {
        // 十几 (after a unit: adds nothing), 几十 (before a unit: counts as one).
        if self.pending.is_some() || self.decimals.is_some() {
            return None;
        }
        self.vague = true;
        if self.last_small.is_some() || self.last_unit_pow.is_some() {
            self.any = true;
            return Some(());
        }
        self.pending = Some(Dec::int(1));
        self.pending_chinese_digit = true;
        Some(())
    }

    fn several(&mut self) -> Option<()> {
        // 数十, 数百, 数千, 数万: only at the start, before a unit.
        if self.any || self.pending.is_some() {
            return None;
        }
        self.vague = true;
        self.pending = Some(Dec::int(1));
        self.pending_chinese_digit = true;
        Some(())
    }

    fn more(&mut self) -> Option<()> {
        // 500多, 十多万, 1000余万: a lower bound. Only after a number or unit.
        if !self.any || self.ended_with_more || self.decimals.is_some_and(|d| d == 0) {
            return None;
        }
        self.vague = true;
        self.ended_with_more = true;
        // Fold what is pending into the section so a following 万/亿 applies to it.
        if let Some(p) = self.pending.take() {
            self.section.add(p)?;
        }
        self.decimals = None;
        Some(())
    }

    /// A lone Chinese digit right after a unit of 百 or more (`三千五`, `一万五`): shorthand for
    /// the next lower place.
    fn shorthand_pending(&self) -> bool {
        self.pending_chinese_digit
            && !self.zero_gap
            && self.decimals.is_none()
            && self.last_unit_pow.is_some_and(|p| p >= 2)
            && self.pending.is_some_and(|p| !p.is_zero())
    }

    fn finish(mut self) -> Option<Number> {
        if !self.any || self.loose_arabic {
            return None;
        }
        if self.decimals == Some(0) {
            return None;
        }
        let shorthand = self.shorthand_pending();
        let mut pending = self.pending.take().unwrap_or(Dec::ZERO);
        // Shorthand: 一万五 = 15000, 三千五 = 3500 (a lone Chinese digit after a unit). After an
        // Arabic figure (8万亿两) the digit begins another word: not a number.
        if shorthand && let Some(pow) = self.last_unit_pow {
            if self.arabic_seen {
                return None;
            }
            pending = pending.checked_mul(pow10(pow - 1))?;
        }
        let value = self
            .total
            .unwrap_or(Dec::ZERO)
            .checked_add(self.section.get())?
            .checked_add(pending)?;
        if value.is_zero() && !self.arabic_seen && !self.chinese {
            return None;
        }
        Some(Number {
            value,
            vague: if self.vague {
                Vagueness::MoreThan
            } else {
                Vagueness::Exact
            },
            chinese: self.chinese,
            multiplier: self.multiplier,
        })
    }
}

#[cfg(test)]
#[path = "number_tests.rs"]
mod tests;
