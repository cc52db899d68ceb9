//! The figures of a clause's two texts against each other, and each text against its
//! own restatements.
//!
//! [`compare`] treats each text's figures as a multiset: every English figure must match
//! an equal Chinese one, each used once, and the reverse. Equality is exact: money by
//! currency and amount (a `None` currency equals only `None`), a percentage by its value,
//! percentage points by theirs, a date by its day. A restatement ([`Found::restates`])
//! is not matched across: it is checked against the figure it restates, so
//! `125萬美元（USD 1,250,000）` against `USD 1,250,000` is one figure each and agrees.
//! Flags are not compared; a check shows them beside the mismatches.

use std::fmt;

use serde::Serialize;

use super::{extract, Context, Extraction, Found, Side};

/// A figure one text states and the other does not, or a restatement that disagrees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Mismatch {
    /// `found`, on `side`, has no equal on the other side; `other` holds the other side's
    /// figures of the same kind that have no match either (what it has instead).
    Unmatched {
        side: Side,
        found: Found,
        other: Vec<Found>,
    },
    /// On `side`, `restatement` repeats `first` in parentheses with another value.
    Restatement {
        side: Side,
        first: Found,
        restatement: Found,
    },
}

fn label(side: Side) -> &'static str {
    match side {
        Side::En => "EN",
        Side::Zh => "ZH",
    }
}

fn other_side(side: Side) -> Side {
    match side {
        Side::En => Side::Zh,
        Side::Zh => Side::En,
    }
}

/// `USD 1,250,000 (EN) has no match; ZH has 130万美元 (USD 1,300,000)`: what a check says.
impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mismatch::Unmatched { side, found, other } => {
                let there = label(other_side(*side));
                write!(f, "{} ({}) has no match; ", found.text, label(*side))?;
                if other.is_empty() {
                    return write!(f, "{there} has no other figure of its kind");
                }
                let listed: Vec<String> = other
                    .iter()
                    .map(|o| format!("{} ({})", o.text, o.figure))
                    .collect();
                write!(f, "{there} has {}", listed.join(", "))
            }
            Mismatch::Restatement {
                side,
                first,
                restatement,
            } => write!(
                f,
                "{} ({}) is restated as {}, which reads {}, not {}",
                first.text,
                label(*side),
                restatement.text,
                restatement.figure,
                first.figure
            ),
        }
    }
}

/// Each restatement in `extraction` that disagrees with the figure it restates.
pub fn restatements(extraction: &Extraction) -> Vec<Mismatch> {
    extraction
        .figures
        .iter()
        .filter_map(|found| {
            let first = &extraction.figures[found.restates?];
            (first.figure != found.figure).then(|| Mismatch::Restatement {
                side: extraction.side,
                first: first.clone(),
                restatement: found.clone(),
            })
        })
        .collect()
}

/// The mismatches between a clause's English and Chinese figures (see the module doc),
/// then each side's disagreeing restatements.
pub fn compare(en: &Extraction, zh: &Extraction) -> Vec<Mismatch> {
    let primary = |e: &Extraction| -> Vec<Found> {
        e.figures
            .iter()
            .filter(|f| f.restates.is_none())
            .cloned()
            .collect()
    };
    let (en_figures, zh_figures) = (primary(en), primary(zh));
    let mut en_matched = vec![false; en_figures.len()];
    let mut zh_matched = vec![false; zh_figures.len()];
    for (e, found) in en_figures.iter().enumerate() {
        let partner =
            (0..zh_figures.len()).find(|&z| !zh_matched[z] && zh_figures[z].figure == found.figure);
        if let Some(z) = partner {
            en_matched[e] = true;
            zh_matched[z] = true;
        }
    }
    let unmatched = |figures: &[Found], matched: &[bool]| -> Vec<Found> {
        figures
            .iter()
            .zip(matched)
            .filter(|(_, m)| !**m)
            .map(|(f, _)| f.clone())
            .collect()
    };
    let en_left = unmatched(&en_figures, &en_matched);
    let zh_left = unmatched(&zh_figures, &zh_matched);
    let mut mismatches = Vec::new();
    for (side, left, others) in [(en.side, &en_left, &zh_left), (zh.side, &zh_left, &en_left)] {
        for found in left {
            mismatches.push(Mismatch::Unmatched {
                side,
                found: found.clone(),
                other: others
                    .iter()
                    .filter(|o| o.figure.same_kind(&found.figure))
                    .cloned()
                    .collect(),
            });
        }
    }
    mismatches.extend(restatements(en));
    mismatches.extend(restatements(zh));
    mismatches
}

/// A clause checked: both texts' figures and flags, and what does not agree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub en: Extraction,
    pub zh: Extraction,
    pub mismatches: Vec<Mismatch>,
}

/// Extracts both texts of a clause with the same context and compares them.
pub fn check(en_text: &str, zh_text: &str, context: &Context) -> Check {
    let en = extract(en_text, Side::En, context);
    let zh = extract(zh_text, Side::Zh, context);
    let mismatches = compare(&en, &zh);
    Check { en, zh, mismatches }
}
