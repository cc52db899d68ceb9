//! A seeded property test over texts glued together from the pieces figures are made of:
//! nothing panics, every span slices the original to its text, and a text compared with
//! itself has no unmatched figure.

use super::*;

const PIECES: &[&str] = &[
    "1",
    "2",
    "0",
    "99999999999999999999999999999999999",
    ",",
    ".",
    " ",
    "-",
    "/",
    "%",
    "‰",
    "(",
    ")",
    "（",
    "）",
    "万",
    "亿",
    "万亿",
    "兆",
    "千",
    "百",
    "十",
    "零",
    "〇",
    "一",
    "二",
    "两",
    "廿",
    "点",
    "负",
    "九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九",
    "元",
    "角",
    "分",
    "之",
    "整",
    "正",
    "美元",
    "港幣",
    "人民币",
    "年",
    "月",
    "日",
    "号",
    "至",
    "第",
    "条",
    "成",
    "折",
    "星期",
    "USD",
    "HK$",
    "$",
    "¥",
    "March",
    "May",
    "1st",
    "of",
    "per cent",
    "percentage points",
    "million",
    "trillion",
    "one",
    "hundred",
    "and",
    "thousand",
    "dollars",
    "clause",
    "No.",
    "+",
    "A",
    "ACC-",
    "民国",
    "(Monday)",
    "２",
    "，",
    "\u{3000}",
    "\n",
    "é",
    "😀",
];

#[test]
fn any_text_reads_without_panic_and_with_true_spans() {
    let mut rng = fastrand::Rng::with_seed(20_261_201);
    let contexts = [
        NO_CONTEXT,
        Context {
            default_currency: Some(Currency::Hkd),
            date_order: Some(DateOrder::DayMonth),
            year: Some(2027),
        },
    ];
    for _ in 0..3_000 {
        let n = rng.usize(1..12);
        let text: String = (0..n).map(|_| PIECES[rng.usize(..PIECES.len())]).collect();
        for context in &contexts {
            for side in [Side::En, Side::Zh] {
                let got = extract(&text, side, context);
                for found in &got.figures {
                    assert_eq!(&text[found.span.clone()], found.text, "{text:?}");
                }
                for flagged in &got.flags {
                    assert_eq!(&text[flagged.span.clone()], flagged.text, "{text:?}");
                }
                let with_itself = compare(&got, &got);
                assert!(
                    with_itself
                        .iter()
                        .all(|m| matches!(m, Mismatch::Restatement { .. })),
                    "{text:?}: {with_itself:?}"
                );
            }
        }
    }
}
