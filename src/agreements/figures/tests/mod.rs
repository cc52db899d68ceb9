//! The figure check as a mediator meets it: one table test per family (every row of the
//! research's tables, in both scripts), figures in running clauses with their spans,
//! what is not a figure, every flag, and the compare.
//!
//! Rows are data, `(input, expected)`, and a failing row names its input.

mod compare;
mod flags;
mod property;
mod running;
mod tables;

use chrono::NaiveDate;

use super::*;

pub(super) fn amount(text: &str) -> Amount {
    Amount::parse(text).unwrap_or_else(|| panic!("not an amount: {text}"))
}

pub(super) fn money(currency: Currency, text: &str) -> Figure {
    Figure::Money {
        currency: Some(currency),
        amount: amount(text),
    }
}

pub(super) fn percent(text: &str) -> Figure {
    Figure::Percent(amount(text))
}

pub(super) fn points(text: &str) -> Figure {
    Figure::PercentagePoints(amount(text))
}

pub(super) fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

pub(super) fn date(y: i32, m: u32, d: u32) -> Figure {
    Figure::Date(ymd(y, m, d))
}

/// The side a row is read on: Chinese when it has a Chinese character, else English.
pub(super) fn side_of(text: &str) -> Side {
    if text.chars().any(crate::search::fold::is_han) {
        Side::Zh
    } else {
        Side::En
    }
}

pub(super) fn read(text: &str, context: &Context) -> Extraction {
    extract(text, side_of(text), context)
}

pub(super) fn figures_of(extraction: &Extraction) -> Vec<Figure> {
    extraction.figures.iter().map(|f| f.figure).collect()
}

pub(super) fn kinds_of(extraction: &Extraction) -> Vec<FlagKind> {
    extraction.flags.iter().map(|f| f.kind).collect()
}

/// Every row reads as exactly its one figure, spanning the whole input, with exactly the
/// `warnings` given (none for most rows).
pub(super) fn assert_rows(rows: &[(&str, Figure)], context: &Context, warnings: &[FlagKind]) {
    for (input, expected) in rows {
        let got = read(input, context);
        assert_eq!(figures_of(&got), vec![*expected], "row {input:?}: {got:#?}");
        assert_eq!(kinds_of(&got), warnings, "row {input:?}: flags {got:#?}");
        let found = &got.figures[0];
        assert_eq!(
            &found.text, input,
            "row {input:?}: the figure spans the whole row"
        );
        assert_eq!(&input[found.span.clone()], found.text, "row {input:?}");
    }
}

/// Every row yields no figure and exactly the flag given, over the whole input.
pub(super) fn assert_flag_rows(rows: &[(&str, FlagKind)], context: &Context) {
    for (input, kind) in rows {
        let got = read(input, context);
        assert_eq!(
            figures_of(&got),
            vec![],
            "row {input:?}: no figure expected, {got:#?}"
        );
        assert_eq!(kinds_of(&got), vec![*kind], "row {input:?}: {got:#?}");
        assert_eq!(
            &got.flags[0].text, input,
            "row {input:?}: the flag spans the whole row"
        );
    }
}

pub(super) const NO_CONTEXT: Context = Context {
    default_currency: None,
    date_order: None,
    year: None,
};
