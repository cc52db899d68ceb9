//! Figures inside realistic clauses, with their spans, restatements and ranges.

use super::*;
use Currency::{Cny, Hkd, Usd};

const EN: &str = "The Respondent shall pay the Claimant USD 1,250,000 on or before 1 March 2027, \
                  with interest at 8% per annum.";
const ZH_HANT: &str =
    "被申請人須於2027年3月1日或之前向申請人支付1,250,000美元，並按年息百分之八計息。";
const ZH_HANS: &str =
    "被申请人须于2027年3月1日或之前向申请人支付1,250,000美元，并按年息百分之八计息。";

/// Each figure's span slices the original to its text.
fn assert_spans(text: &str, extraction: &Extraction) {
    for found in &extraction.figures {
        assert_eq!(&text[found.span.clone()], found.text, "{text}");
    }
    for flagged in &extraction.flags {
        assert_eq!(&text[flagged.span.clone()], flagged.text, "{text}");
    }
}

#[test]
fn an_english_payment_clause_yields_its_three_figures() {
    let got = extract(EN, Side::En, &NO_CONTEXT);
    assert_eq!(
        figures_of(&got),
        vec![money(Usd, "1250000"), date(2027, 3, 1), percent("8")]
    );
    let texts: Vec<&str> = got.figures.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(texts, ["USD 1,250,000", "1 March 2027", "8%"]);
    assert!(got.flags.is_empty(), "{:?}", got.flags);
    assert_spans(EN, &got);
}

#[test]
fn a_chinese_payment_clause_yields_the_same_figures_in_both_scripts() {
    for text in [ZH_HANT, ZH_HANS] {
        let got = extract(text, Side::Zh, &NO_CONTEXT);
        assert_eq!(
            figures_of(&got),
            vec![date(2027, 3, 1), money(Usd, "1250000"), percent("8")],
            "{text}"
        );
        let texts: Vec<&str> = got.figures.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(
            texts,
            ["2027年3月1日", "1,250,000美元", "百分之八"],
            "{text}"
        );
        assert!(got.flags.is_empty(), "{text}: {:?}", got.flags);
        assert_spans(text, &got);
    }
}

#[test]
fn the_english_and_chinese_payment_clauses_agree() {
    for zh in [ZH_HANT, ZH_HANS] {
        let check = check(EN, zh, &NO_CONTEXT);
        assert_eq!(check.mismatches, vec![], "{zh}");
    }
}

#[test]
fn spans_point_into_the_original_full_width_text() {
    let text = "乙方應支付１２５万美元（ＵＳＤ １，２５０，０００）。";
    let got = extract(text, Side::Zh, &NO_CONTEXT);
    let texts: Vec<&str> = got.figures.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(texts, ["１２５万美元", "ＵＳＤ １，２５０，０００"]);
    assert_spans(text, &got);
}

#[test]
fn a_parenthetical_duplicate_restates_and_agrees() {
    let zh = "被申請人須支付125萬美元（USD 1,250,000）。";
    let got = extract(zh, Side::Zh, &NO_CONTEXT);
    assert_eq!(
        figures_of(&got),
        vec![money(Usd, "1250000"), money(Usd, "1250000")]
    );
    assert_eq!(got.figures[1].restates, Some(0));
    assert_eq!(restatements(&got), vec![]);
    let en = extract(
        "The Respondent shall pay USD 1,250,000.",
        Side::En,
        &NO_CONTEXT,
    );
    assert_eq!(compare(&en, &got), vec![], "counted once");
}

#[test]
fn amounts_restated_in_words_agree_with_themselves() {
    let text = "USD 1,250,000 (one million two hundred and fifty thousand United States dollars)";
    let got = extract(text, Side::En, &NO_CONTEXT);
    assert_eq!(got.figures.len(), 2);
    assert_eq!(got.figures[1].restates, Some(0));
    assert_eq!(restatements(&got), vec![]);

    let bare_words = "USD 1,250,000 (one million two hundred and fifty thousand)";
    let got = extract(bare_words, Side::En, &NO_CONTEXT);
    assert_eq!(figures_of(&got), vec![money(Usd, "1250000"); 2]);
    assert_eq!(got.figures[1].restates, Some(0));
    assert!(
        got.flags.is_empty(),
        "a bare restatement takes the currency it restates"
    );

    let chinese = "人民币1,250,000元（壹佰贰拾伍万元整）";
    let got = extract(chinese, Side::Zh, &NO_CONTEXT);
    assert_eq!(figures_of(&got), vec![money(Cny, "1250000"); 2]);
    assert_eq!(got.figures[1].restates, Some(0));
    assert!(got.flags.is_empty());

    let percentages = "fifteen per cent (15%)";
    let got = extract(percentages, Side::En, &NO_CONTEXT);
    assert_eq!(figures_of(&got), vec![percent("15"); 2]);
    assert_eq!(got.figures[1].restates, Some(0));
}

#[test]
fn a_restatement_that_disagrees_is_a_mismatch() {
    let text = "USD 1,250,000 (one million three hundred thousand United States dollars)";
    let got = extract(text, Side::En, &NO_CONTEXT);
    let mismatches = restatements(&got);
    assert_eq!(mismatches.len(), 1, "{mismatches:?}");
    assert!(matches!(
        &mismatches[0],
        Mismatch::Restatement { side: Side::En, .. }
    ));
    assert_eq!(
        mismatches[0].to_string(),
        "USD 1,250,000 (EN) is restated as one million three hundred thousand United States \
         dollars, which reads USD 1,300,000, not USD 1,250,000"
    );
    let zh = extract("125萬美元（USD 1,300,000）", Side::Zh, &NO_CONTEXT);
    let en = extract("USD 1,250,000", Side::En, &NO_CONTEXT);
    let mismatches = compare(&en, &zh);
    assert!(
        mismatches
            .iter()
            .any(|m| matches!(m, Mismatch::Restatement { side: Side::Zh, .. })),
        "{mismatches:?}"
    );
}

#[test]
fn a_range_gives_its_second_date_the_first_dates_year() {
    let got = extract("租期為2027年3月1日至6月30日。", Side::Zh, &NO_CONTEXT);
    assert_eq!(figures_of(&got), vec![date(2027, 3, 1), date(2027, 6, 30)]);
    assert!(got.flags.is_empty());
    let got = extract("from 1 March to 30 June 2027", Side::En, &NO_CONTEXT);
    assert_eq!(figures_of(&got), vec![date(2027, 3, 1), date(2027, 6, 30)]);
    let got = extract("2027年3月1日至同年6月30日", Side::Zh, &NO_CONTEXT);
    assert_eq!(figures_of(&got), vec![date(2027, 3, 1), date(2027, 6, 30)]);
    let en = "from 1 March 2027 to 30 June 2027";
    let zh = "2027年3月1日至6月30日";
    assert_eq!(check(en, zh, &NO_CONTEXT).mismatches, vec![]);
}

#[test]
fn a_bare_yuan_takes_the_one_currency_the_clause_names() {
    let text = "甲方應向乙方支付人民幣100萬元，其中首期50萬元於2027年3月1日前支付。";
    let got = extract(text, Side::Zh, &NO_CONTEXT);
    assert_eq!(
        figures_of(&got),
        vec![
            money(Cny, "1000000"),
            money(Cny, "500000"),
            date(2027, 3, 1)
        ]
    );
    assert!(got.flags.is_empty(), "{:?}", got.flags);
}

#[test]
fn a_bare_yuan_takes_the_default_currency_when_the_clause_names_none() {
    let context = Context {
        default_currency: Some(Hkd),
        ..NO_CONTEXT
    };
    let got = extract("首期50萬元，餘款於一個月內付清。", Side::Zh, &context);
    assert_eq!(figures_of(&got), vec![money(Hkd, "500000")]);
    assert!(got.flags.is_empty());
}

#[test]
fn a_settlement_with_instalments_reads_every_figure() {
    let en = "The Respondent shall pay HK$3,000,000 in two instalments: HK$1,800,000 (60%) \
              by 15 April 2027 and HK$1,200,000 (40%) by 15 October 2027. Late payments \
              bear interest at 2 percentage points above the prime rate.";
    let zh = "被申請人須分兩期支付港幣3,000,000元：於2027年4月15日前支付港幣1,800,000元\
              （百分之六十），於2027年10月15日前支付港幣1,200,000元（百分之四十）。\
              逾期款項按最優惠利率加兩個百分點計息。";
    let check = check(en, zh, &NO_CONTEXT);
    assert_eq!(check.mismatches, vec![], "{:#?}", check);
    assert_eq!(
        figures_of(&check.en),
        vec![
            money(Hkd, "3000000"),
            money(Hkd, "1800000"),
            percent("60"),
            date(2027, 4, 15),
            money(Hkd, "1200000"),
            percent("40"),
            date(2027, 10, 15),
            points("2"),
        ]
    );
    assert!(
        check.en.flags.is_empty() && check.zh.flags.is_empty(),
        "{check:#?}"
    );
}

#[test]
fn figures_serialise_with_amounts_as_strings() {
    let got = extract("USD 1,250,000.50", Side::En, &NO_CONTEXT);
    let json = serde_json::to_value(&got.figures[0]).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "figure": { "money": { "currency": "USD", "amount": "1250000.5" } },
            "span": { "start": 0, "end": 16 },
            "text": "USD 1,250,000.50",
            "restates": null
        })
    );
}

#[test]
fn a_range_that_writes_its_unit_once_gives_it_to_both_ends() {
    let rows: &[(&str, Vec<Figure>)] = &[
        ("10-15%", vec![percent("10"), percent("15")]),
        ("10 to 15 per cent", vec![percent("10"), percent("15")]),
        ("百分之十至十五", vec![percent("10"), percent("15")]),
        ("百分之十至百分之十五", vec![percent("10"), percent("15")]),
        ("USD 100-200", vec![money(Usd, "100"), money(Usd, "200")]),
        (
            "2027年3月1日至30日",
            vec![date(2027, 3, 1), date(2027, 3, 30)],
        ),
        ("1-5 March 2027", vec![date(2027, 3, 1), date(2027, 3, 5)]),
        (
            "between 1 and 5 March 2027",
            vec![date(2027, 3, 1), date(2027, 3, 5)],
        ),
        // A number that goes on to another unit is not the range's end.
        ("USD 100 to 200 days", vec![money(Usd, "100")]),
        ("2027年3月1日至30日內", vec![date(2027, 3, 1)]),
    ];
    for (input, expected) in rows {
        let got = read(input, &NO_CONTEXT);
        assert_eq!(&figures_of(&got), expected, "row {input:?}: {got:#?}");
        assert!(got.flags.is_empty(), "row {input:?}: {:?}", got.flags);
    }
}

#[test]
fn a_currency_after_the_yuan_names_it() {
    let rows: &[(&str, Figure)] = &[
        ("十萬元人民幣", money(Cny, "100000")),
        ("5万元港币", money(Hkd, "50000")),
    ];
    assert_rows(rows, &NO_CONTEXT, &[]);
}

#[test]
fn a_scale_after_decimal_words_scales_them() {
    assert_rows(
        &[("USD two point five million", money(Usd, "2500000"))],
        &NO_CONTEXT,
        &[],
    );
}
