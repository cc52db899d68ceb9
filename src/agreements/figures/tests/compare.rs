//! The two texts of a clause against each other.

use super::*;
use Currency::{Hkd, Usd};

fn mismatches(en: &str, zh: &str) -> Vec<Mismatch> {
    check(en, zh, &NO_CONTEXT).mismatches
}

/// (side, figure as written) of each unmatched figure.
fn unmatched(mismatches: &[Mismatch]) -> Vec<(Side, String)> {
    mismatches
        .iter()
        .filter_map(|m| match m {
            Mismatch::Unmatched { side, found, .. } => Some((*side, found.text.clone())),
            Mismatch::Restatement { .. } => None,
        })
        .collect()
}

#[test]
fn a_different_amount_is_reported_on_both_sides() {
    let got = mismatches("USD 1,300,000", "125万美元");
    assert_eq!(
        unmatched(&got),
        vec![
            (Side::En, "USD 1,300,000".to_string()),
            (Side::Zh, "125万美元".to_string())
        ]
    );
    assert_eq!(
        got[0].to_string(),
        "USD 1,300,000 (EN) has no match; ZH has 125万美元 (USD 1,250,000)"
    );
    assert_eq!(
        got[1].to_string(),
        "125万美元 (ZH) has no match; EN has USD 1,300,000 (USD 1,300,000)"
    );
}

#[test]
fn the_research_example_reads_as_the_research_says() {
    let got = mismatches("USD 1,250,000", "1,300,000 美元");
    assert_eq!(
        got[0].to_string(),
        "USD 1,250,000 (EN) has no match; ZH has 1,300,000 美元 (USD 1,300,000)"
    );
}

#[test]
fn fifty_cents_more_is_a_different_amount() {
    let got = mismatches("USD 1,250,000.50", "125万美元");
    assert_eq!(
        unmatched(&got),
        vec![
            (Side::En, "USD 1,250,000.50".to_string()),
            (Side::Zh, "125万美元".to_string())
        ]
    );
}

#[test]
fn a_different_percentage_is_a_mismatch() {
    let got = mismatches("interest at 15% per annum", "年息百分之五十");
    assert_eq!(
        unmatched(&got),
        vec![
            (Side::En, "15%".to_string()),
            (Side::Zh, "百分之五十".to_string())
        ]
    );
}

#[test]
fn a_different_year_is_a_mismatch() {
    let got = mismatches("on or before 1 March 2027", "於2028年3月1日或之前");
    assert_eq!(
        unmatched(&got),
        vec![
            (Side::En, "1 March 2027".to_string()),
            (Side::Zh, "2028年3月1日".to_string())
        ]
    );
}

#[test]
fn a_different_currency_is_a_mismatch() {
    let got = mismatches("HKD 100", "100美元");
    assert_eq!(got.len(), 2, "{got:?}");
    let Mismatch::Unmatched { other, .. } = &got[0] else {
        panic!("{got:?}")
    };
    assert_eq!(other[0].figure, money(Usd, "100"));
}

#[test]
fn matching_texts_have_no_mismatch() {
    let rows = [
        ("USD 1,250,000", "125萬美元"),
        ("USD 1,250,000.00", "125万美元"),
        ("15%", "百分之十五"),
        ("15.5 per cent", "百分之十五點五"),
        ("0.5%", "千分之五"),
        ("1 March 2027", "2027年3月1日"),
        ("March 1, 2027", "二〇二七年三月一日"),
        ("8% per annum", "年息百分之八"),
        ("HK$1,000,000", "港幣壹佰萬圓正"),
        ("RMB 1,250,000", "人民币壹佰贰拾伍万元整"),
        ("2 percentage points", "两个百分点"),
        ("", ""),
    ];
    for (en, zh) in rows {
        assert_eq!(mismatches(en, zh), vec![], "row {en:?} / {zh:?}");
    }
}

#[test]
fn figures_are_compared_as_multisets() {
    // The same amount twice on one side needs it twice on the other.
    let got = mismatches("USD 100 now and USD 100 later", "現付100美元");
    assert_eq!(unmatched(&got), vec![(Side::En, "USD 100".to_string())]);
    let got = mismatches(
        "USD 100 now and USD 100 later",
        "現付100美元，其後再付100美元",
    );
    assert_eq!(got, vec![]);
    // Order does not matter.
    let got = mismatches("USD 100 by 1 March 2027", "2027年3月1日前支付100美元");
    assert_eq!(got, vec![]);
}

#[test]
fn a_figure_with_nothing_of_its_kind_opposite_says_so() {
    let got = mismatches("USD 100 by 1 March 2027", "支付100美元");
    assert_eq!(
        got[0].to_string(),
        "1 March 2027 (EN) has no match; ZH has no other figure of its kind"
    );
}

#[test]
fn a_bare_amount_matches_only_once_its_currency_is_known() {
    let en = "HKD 500";
    let zh = "500元";
    assert_eq!(mismatches(en, zh).len(), 2, "no currency is not HKD");
    let context = Context {
        default_currency: Some(Hkd),
        ..NO_CONTEXT
    };
    assert_eq!(check(en, zh, &context).mismatches, vec![]);
}
