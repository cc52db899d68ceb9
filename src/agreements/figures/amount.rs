//! Exact decimal amounts: a count of millionths in an `i128`, never a float.
//!
//! Six decimals rather than the four the research suggested: percentages are stored as
//! percent (15 % is 15), so a per-mille or basis-point figure with decimals (千分之一点二五
//! is 0.125 %, 万分之一点五 is 0.015 %) needs more than four places to stay exact, and
//! money needs only two. An `i128` of millionths still holds 10³² units, far beyond 万亿.
//! A figure with more than six decimals cannot be held exactly and is flagged, not rounded.

use std::fmt;

use serde::{Serialize, Serializer};

/// An exact decimal number: a whole count of millionths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount(i128);

/// Millionths in one.
const SCALE: i128 = 1_000_000;

impl Amount {
    /// Decimal places an amount holds.
    pub const DECIMALS: u32 = 6;
    pub const ZERO: Amount = Amount(0);

    pub const fn from_millionths(millionths: i128) -> Amount {
        Amount(millionths)
    }

    pub const fn millionths(self) -> i128 {
        self.0
    }

    /// A whole number; `None` when it does not fit.
    pub fn from_integer(n: i128) -> Option<Amount> {
        n.checked_mul(SCALE).map(Amount)
    }

    /// Reads a plain decimal as this module writes it: an optional `-`, ASCII digits, and
    /// optionally a point and at most six decimals. No separators, no exponent.
    pub fn parse(text: &str) -> Option<Amount> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = match digits.split_once('.') {
            Some((w, f)) => (w, f),
            None => (digits, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty()
            || !all_digits(whole)
            || !all_digits(fraction)
            || (digits.contains('.') && fraction.is_empty())
            || fraction.len() > Self::DECIMALS as usize
        {
            return None;
        }
        let mut millionths: i128 = 0;
        for b in whole.bytes() {
            millionths = millionths
                .checked_mul(10)?
                .checked_add(i128::from(b - b'0'))?;
        }
        millionths = millionths.checked_mul(SCALE)?;
        let mut place = SCALE;
        for b in fraction.bytes() {
            place /= 10;
            millionths = millionths.checked_add(i128::from(b - b'0') * place)?;
        }
        Some(Amount(if negative { -millionths } else { millionths }))
    }

    pub fn checked_add(self, other: Amount) -> Option<Amount> {
        self.0.checked_add(other.0).map(Amount)
    }

    /// The amount times a whole number (a unit such as 万 or "million").
    pub fn checked_mul_int(self, factor: i128) -> Option<Amount> {
        self.0.checked_mul(factor).map(Amount)
    }

    /// The amount divided by a whole number, only when the result is exact at six decimals
    /// (千分之五 is 0.5 %; a per-mille figure with six decimals of its own is not).
    pub fn checked_div_exact(self, divisor: i128) -> Option<Amount> {
        if divisor == 0 || self.0 % divisor != 0 {
            return None;
        }
        Some(Amount(self.0 / divisor))
    }

    pub fn is_integer(self) -> bool {
        self.0 % SCALE == 0
    }

    /// The whole number, when the amount has no decimals.
    pub fn as_integer(self) -> Option<i128> {
        self.is_integer().then_some(self.0 / SCALE)
    }

    /// The amount as [`Amount::parse`] reads it: no separators, no trailing zeros
    /// (`1250000.5`). What serialisation writes, so JSON never carries a float.
    pub fn plain(self) -> String {
        let (whole, fraction) = self.parts();
        let sign = if self.0 < 0 { "-" } else { "" };
        match fraction {
            Some(f) => format!("{sign}{whole}.{f}"),
            None => format!("{sign}{whole}"),
        }
    }

    /// The whole part's digits and, when there is one, the fraction without trailing zeros.
    fn parts(self) -> (String, Option<String>) {
        let abs = self.0.unsigned_abs();
        let scale = SCALE as u128;
        let whole = (abs / scale).to_string();
        let fraction = abs % scale;
        if fraction == 0 {
            return (whole, None);
        }
        let digits = format!("{fraction:06}");
        (whole, Some(digits.trim_end_matches('0').to_string()))
    }
}

impl std::ops::Neg for Amount {
    type Output = Amount;

    fn neg(self) -> Amount {
        Amount(-self.0)
    }
}

/// With thousands separators, as a check shows it to a mediator: `1,250,000.5`.
impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, fraction) = self.parts();
        if self.0 < 0 {
            f.write_str("-")?;
        }
        let first = whole.len() % 3;
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (i + 3 - first) % 3 == 0 {
                f.write_str(",")?;
            }
            write!(f, "{c}")?;
        }
        if let Some(fraction) = fraction {
            write!(f, ".{fraction}")?;
        }
        Ok(())
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.plain())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_decimals_exactly() {
        let rows: &[(&str, i128)] = &[
            ("0", 0),
            ("1250000", 1_250_000_000_000),
            ("1.25", 1_250_000),
            ("0.12", 120_000),
            ("0.000001", 1),
            ("-3.5", -3_500_000),
        ];
        for (text, millionths) in rows {
            assert_eq!(
                Amount::parse(text),
                Some(Amount::from_millionths(*millionths)),
                "{text}"
            );
        }
    }

    #[test]
    fn refuses_what_is_not_a_plain_decimal_or_not_exact() {
        for text in [
            "",
            "-",
            "1.",
            ".5",
            "1,000",
            "1e6",
            "0.0000001",
            "1.2.3",
            "١٢",
        ] {
            assert_eq!(Amount::parse(text), None, "{text}");
        }
        assert_eq!(Amount::parse(&"9".repeat(40)), None, "overflow");
    }

    #[test]
    fn shows_thousands_separators_and_no_trailing_zeros() {
        let rows = [
            ("1250000", "1,250,000"),
            ("100.50", "100.5"),
            ("999", "999"),
            ("1000", "1,000"),
            ("-1234567.125", "-1,234,567.125"),
            ("0.5", "0.5"),
        ];
        for (text, shown) in rows {
            assert_eq!(Amount::parse(text).unwrap().to_string(), shown, "{text}");
        }
    }

    #[test]
    fn serialises_as_a_string_never_a_float() {
        let json = serde_json::to_string(&Amount::parse("1250000.50").unwrap()).unwrap();
        assert_eq!(json, "\"1250000.5\"");
    }

    #[test]
    fn divides_only_when_exact() {
        let five = Amount::from_integer(5).unwrap();
        assert_eq!(five.checked_div_exact(10), Amount::parse("0.5"));
        assert_eq!(Amount::from_millionths(5).checked_div_exact(10), None);
    }

    #[test]
    fn orders_by_value() {
        assert!(Amount::parse("1250000").unwrap() < Amount::parse("1300000").unwrap());
        assert!(Amount::parse("-1").unwrap() < Amount::ZERO);
    }
}
