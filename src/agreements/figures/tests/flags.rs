//! What is not a figure, and every flag, each asserting its kind.

use super::*;
use Currency::{Cny, Hkd, Usd};

#[test]
fn references_identifiers_and_numbering_are_not_figures() {
    let rows = [
        "clause 4.2",
        "Clause 4.2(b)",
        "clauses 4.2 and 5",
        "sub-clause 3(a)(ii)",
        "Schedule 2, paragraph 3",
        "section 12 of the Companies Ordinance (Cap. 622)",
        "第4.2條",
        "第4.2条",
        "第四條",
        "第四条",
        "第十二條第(3)款",
        "第一期",
        "附件1",
        "ACC-2026-0001",
        "Case No. ACC-2026-0001",
        "HCA1234/2026",
        "+852 2345 6789",
        "Tel: 2345 6789",
        "電話：2345 6789",
        "No. 12345678",
        "編號：12345678",
        "Party A",
        "甲方",
        "乙方",
        "(a)",
        "(1)",
        "1. The parties agree as follows.",
        "一、雙方同意如下：",
        "（一）",
        "within 30 days",
        "30日內",
        "三十天內",
        "分兩期支付",
        "in two instalments",
        "1,250,000",
        "pay 1,250,000 on demand",
        "百度、萬科、千代田",
        "一方",
        "one of the parties",
        "十分重要",
        "三角形",
        "折合人民幣",
        "一成不變",
        "成員三名",
        "5兆瓦",
        "2027年內",
        "3個月",
        "每月1日",
        "the Claimant may 1 day later",
    ];
    for input in rows {
        let got = read(input, &NO_CONTEXT);
        assert_eq!(got.figures, vec![], "row {input:?}");
        assert_eq!(got.flags, vec![], "row {input:?}");
    }
}

#[test]
fn a_reference_beside_a_figure_leaves_only_the_figure() {
    let rows: &[(&str, Vec<Figure>)] = &[
        (
            "In accordance with clause 4.2, the Respondent shall pay USD 100.",
            vec![money(Usd, "100")],
        ),
        (
            "根據第4.2條，被申請人須支付100美元。",
            vec![money(Usd, "100")],
        ),
        (
            "Under clause 15, 10% is payable to Party A.",
            vec![percent("10")],
        ),
        (
            "甲方一次性支付乙方人民幣100萬元。",
            vec![money(Cny, "1000000")],
        ),
        ("支付人民币一百万一次性付清", vec![money(Cny, "1000000")]),
        (
            "Case No. ACC-2026-0001: HK$500,000 by 2027-03-01 (Tel: +852 2345 6789).",
            vec![money(Hkd, "500000"), date(2027, 3, 1)],
        ),
    ];
    for (input, expected) in rows {
        let got = read(input, &NO_CONTEXT);
        assert_eq!(&figures_of(&got), expected, "row {input:?}: {got:#?}");
        assert_eq!(got.flags, vec![], "row {input:?}");
    }
}

#[test]
fn ambiguous_and_risky_forms_are_flagged_not_read() {
    let jan_3 = ymd(2027, 1, 3);
    let mar_1 = ymd(2027, 3, 1);
    let rows: &[(&str, FlagKind)] = &[
        ("三兆美元", FlagKind::Zhao),
        ("一兆港元", FlagKind::Zhao),
        ("1兆元", FlagKind::Zhao),
        (
            "01/03/2027",
            FlagKind::AmbiguousDateOrder {
                day_month: mar_1,
                month_day: jan_3,
            },
        ),
        ("八折", FlagKind::Discount),
        ("七五折", FlagKind::Discount),
        ("7.5折", FlagKind::Discount),
        ("三分之一", FlagKind::Fraction),
        ("二分之一", FlagKind::Fraction),
        ("one third", FlagKind::Fraction),
        ("two-thirds", FlagKind::Fraction),
        ("3月1日", FlagKind::DateWithoutYear),
        ("三月廿一日", FlagKind::DateWithoutYear),
        ("1 March", FlagKind::DateWithoutYear),
        ("2027年2月30日", FlagKind::InvalidDate),
        ("30 February 2027", FlagKind::InvalidDate),
        ("2027-02-30", FlagKind::InvalidDate),
        ("31/04/2027", FlagKind::InvalidDate),
        ("2027年13月1日", FlagKind::InvalidDate),
        ("民國116年3月1日", FlagKind::RocYear),
        ("民国116年3月1日", FlagKind::RocYear),
        ("民國116年", FlagKind::RocYear),
        ("2027年3月", FlagKind::DateWithoutDay),
        ("March 2027", FlagKind::DateWithoutDay),
        ("AUD 100", FlagKind::UnknownCurrency),
        ("S$100", FlagKind::UnknownCurrency),
        ("100澳元", FlagKind::UnknownCurrency),
        ("100新台幣", FlagKind::UnknownCurrency),
        ("USD 1,25,000", FlagKind::Unreadable),
        ("USD 1.250.000", FlagKind::Unreadable),
        ("1,25,000美元", FlagKind::Unreadable),
        ("人民币一千千元", FlagKind::Unreadable),
        ("USD 0.0000001", FlagKind::Unreadable),
        // ASCII `-` is never a sign, and a point before digits is no decimal we guess.
        ("-5%", FlagKind::Unreadable),
        (".5%", FlagKind::Unreadable),
    ];
    assert_flag_rows(rows, &NO_CONTEXT);
}

#[test]
fn a_bare_yuan_with_no_currency_anywhere_is_kept_and_flagged() {
    for input in ["100元", "100圓", "三元五角", "100 dollars"] {
        let got = read(input, &NO_CONTEXT);
        let amount = match figures_of(&got).as_slice() {
            [Figure::Money {
                currency: None,
                amount,
            }] => *amount,
            other => panic!("row {input:?}: {other:?}"),
        };
        assert!(amount > Amount::ZERO, "row {input:?}");
        assert_eq!(
            kinds_of(&got),
            vec![FlagKind::BareCurrencyUnit],
            "row {input:?}"
        );
    }
    let two_currencies = read("100美元及50元及200港元", &NO_CONTEXT);
    assert_eq!(
        kinds_of(&two_currencies),
        vec![FlagKind::BareCurrencyUnit],
        "with two currencies named, a bare 元 could be either"
    );
}

#[test]
fn colloquial_numerals_are_read_with_a_warning() {
    let rows: &[(&str, Figure)] = &[
        ("人民币三万四", money(Cny, "34000")),
        ("人民币一万五", money(Cny, "15000")),
        ("两千三美元", money(Usd, "2300")),
        ("兩千三美元", money(Usd, "2300")),
    ];
    assert_rows(rows, &NO_CONTEXT, &[FlagKind::ColloquialNumeral]);
    // The standard forms are not colloquial.
    assert_rows(
        &[
            ("人民币三万四千元", money(Cny, "34000")),
            ("一万五千美元", money(Usd, "15000")),
        ],
        &NO_CONTEXT,
        &[],
    );
}

#[test]
fn a_wrong_weekday_keeps_the_date_and_is_flagged() {
    let rows: &[(&str, Figure)] = &[
        ("2027年3月2日（星期一）", date(2027, 3, 2)),
        ("Monday, 2 March 2027", date(2027, 3, 2)),
        ("2 March 2027 (Mon)", date(2027, 3, 2)),
    ];
    let wrong = FlagKind::WrongWeekday {
        date: ymd(2027, 3, 2),
        written: chrono::Weekday::Mon,
    };
    assert_rows(rows, &NO_CONTEXT, &[wrong]);
    assert!(wrong.keeps_figure());
}

#[test]
fn a_range_that_would_run_backwards_is_not_given_a_year() {
    let got = read("2027年12月1日至1月31日", &NO_CONTEXT);
    assert_eq!(figures_of(&got), vec![date(2027, 12, 1)]);
    assert_eq!(kinds_of(&got), vec![FlagKind::DateWithoutYear]);
}

#[test]
fn percentage_points_are_never_a_percentage() {
    let got = read("raised by 2 percentage points", &NO_CONTEXT);
    assert_eq!(figures_of(&got), vec![points("2")]);
    let percent_clause = read("raised by 2%", &NO_CONTEXT);
    assert_eq!(
        compare(&got, &percent_clause).len(),
        2,
        "2 percentage points and 2 % do not match"
    );
}

#[test]
fn flags_that_replace_a_figure_do_not_keep_one() {
    for kind in [
        FlagKind::Zhao,
        FlagKind::Discount,
        FlagKind::Fraction,
        FlagKind::DateWithoutYear,
        FlagKind::InvalidDate,
        FlagKind::RocYear,
        FlagKind::UnknownCurrency,
        FlagKind::Unreadable,
    ] {
        assert!(!kind.keeps_figure(), "{kind:?}");
    }
}
