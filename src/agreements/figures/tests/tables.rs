//! One table per family: every row of the research's tables (`drafts-stack-2026-12.md`
//! §2.2) and the forms the agreements work asked for, in Simplified and Traditional where
//! the forms differ.

use super::*;
use crate::agreements::figures::normalise::Text;
use crate::agreements::figures::numbers::{self, Reading};
use Currency::{Cny, Eur, Gbp, Hkd, Jpy, Usd};

/// (numeral, value, colloquial): read whole by the number reader, and as 人民币…元.
const CHINESE_NUMERALS: &[(&str, &str, bool)] = &[
    ("一百二十五万", "1250000", false),
    ("一百二十五萬", "1250000", false),
    ("壹佰贰拾伍万", "1250000", false),
    ("壹佰貳拾伍萬", "1250000", false),
    ("125万", "1250000", false),
    ("125萬", "1250000", false),
    ("１２５万", "1250000", false),
    ("１２５萬", "1250000", false),
    ("1,250 万", "12500000", false),
    ("1.25亿", "125000000", false),
    ("1.25億", "125000000", false),
    ("一点二五亿", "125000000", false),
    ("一亿二千五百万", "125000000", false),
    ("一億二千五百萬", "125000000", false),
    ("一千零五", "1005", false),
    ("一千〇五", "1005", false),
    ("一千零五十", "1050", false),
    ("一万零五百", "10500", false),
    ("一萬零五百", "10500", false),
    ("一百零五万", "1050000", false),
    ("一百零五萬", "1050000", false),
    ("十万零五", "100005", false),
    ("十萬零五", "100005", false),
    ("一百万零五百", "1000500", false),
    ("一百萬零五百", "1000500", false),
    ("一亿零五", "100000005", false),
    ("十五", "15", false),
    ("一十五", "15", false),
    ("壹拾伍", "15", false),
    ("二十", "20", false),
    ("廿", "20", false),
    ("廿一", "21", false),
    ("三十", "30", false),
    ("卅", "30", false),
    ("卅一", "31", false),
    ("十万", "100000", false),
    ("两万", "20000", false),
    ("兩萬", "20000", false),
    ("贰仟叁佰", "2300", false),
    ("貳仟參佰", "2300", false),
    ("3千万", "30000000", false),
    ("2万5千", "25000", false),
    ("二〇二七", "2027", false),
    ("二零二七", "2027", false),
    ("一二五", "125", false),
    ("一万亿", "1000000000000", false),
    ("一萬億", "1000000000000", false),
    ("一点二五", "1.25", false),
    ("一點二五", "1.25", false),
    ("零点五", "0.5", false),
    ("零點五", "0.5", false),
    ("十五点五", "15.5", false),
    ("负五万", "-50000", false),
    ("負五萬", "-50000", false),
    // Colloquial short forms: read, and flagged.
    ("三万四", "34000", true),
    ("三萬四", "34000", true),
    ("一万五", "15000", true),
    ("一萬五", "15000", true),
    ("两千三", "2300", true),
    ("兩千三", "2300", true),
    ("一百二", "120", true),
    ("一万五百", "10500", true),
];

#[test]
fn chinese_numerals_read_exactly_in_both_scripts() {
    for (input, value, colloquial) in CHINESE_NUMERALS {
        let t = Text::new(input);
        let Some(Reading::Number(n)) = numbers::read(&t, 0) else {
            panic!("row {input:?}: no number: {:?}", numbers::read(&t, 0));
        };
        assert_eq!(n.value, amount(value), "row {input:?}");
        assert_eq!(n.end, t.len(), "row {input:?}: read whole");
        assert_eq!(n.colloquial, *colloquial, "row {input:?}: colloquial");
    }
}

#[test]
fn chinese_numerals_read_as_money_in_running_text() {
    for (input, value, colloquial) in CHINESE_NUMERALS {
        let text = format!("甲方須支付人民幣{input}元。");
        let got = read(&text, &NO_CONTEXT);
        assert_eq!(
            figures_of(&got),
            vec![money(Cny, value)],
            "row {input:?}: {got:#?}"
        );
        let warned = kinds_of(&got) == vec![FlagKind::ColloquialNumeral];
        assert_eq!(warned, *colloquial, "row {input:?}: {got:#?}");
    }
}

#[test]
fn money_reads_every_currency_form_in_both_languages() {
    let rows: &[(&str, Figure)] = &[
        // US dollars.
        ("125萬美元", money(Usd, "1250000")),
        ("125万美元", money(Usd, "1250000")),
        ("１２５万美元", money(Usd, "1250000")),
        ("1,250,000美元", money(Usd, "1250000")),
        ("1，250，000美元", money(Usd, "1250000")),
        ("1,250,000 美元", money(Usd, "1250000")),
        ("美金125万", money(Usd, "1250000")),
        ("125萬美金", money(Usd, "1250000")),
        ("一百二十五萬美元", money(Usd, "1250000")),
        ("USD 1,250,000", money(Usd, "1250000")),
        ("USD1,250,000", money(Usd, "1250000")),
        ("US$ 1,250,000", money(Usd, "1250000")),
        ("US$1,250,000", money(Usd, "1250000")),
        ("$1,250,000", money(Usd, "1250000")),
        ("USD 1 250 000", money(Usd, "1250000")),
        ("USD 1\u{2009}250\u{2009}000", money(Usd, "1250000")),
        ("ＵＳＤ１，２５０，０００", money(Usd, "1250000")),
        ("USD 1,250,000.00", money(Usd, "1250000")),
        ("USD 1,250,000.50", money(Usd, "1250000.5")),
        ("USD 1.25 million", money(Usd, "1250000")),
        ("USD 1.25m", money(Usd, "1250000")),
        ("US$1.25 million", money(Usd, "1250000")),
        ("1,250,000 USD", money(Usd, "1250000")),
        ("1,250,000 US dollars", money(Usd, "1250000")),
        ("1.25 million United States dollars", money(Usd, "1250000")),
        (
            "one million two hundred and fifty thousand United States dollars",
            money(Usd, "1250000"),
        ),
        (
            "United States Dollars One Million Two Hundred and Fifty Thousand Only",
            money(Usd, "1250000"),
        ),
        // Hong Kong dollars.
        ("HKD 1,000,000", money(Hkd, "1000000")),
        ("HK$1,000,000", money(Hkd, "1000000")),
        ("HK$ 1,000,000", money(Hkd, "1000000")),
        ("100萬港元", money(Hkd, "1000000")),
        ("100万港元", money(Hkd, "1000000")),
        ("100萬港幣", money(Hkd, "1000000")),
        ("100万港币", money(Hkd, "1000000")),
        ("港幣壹佰萬圓正", money(Hkd, "1000000")),
        ("港币壹佰万圆正", money(Hkd, "1000000")),
        ("港幣1,000,000元", money(Hkd, "1000000")),
        ("1,000,000 Hong Kong dollars", money(Hkd, "1000000")),
        ("Hong Kong Dollars One Million Only", money(Hkd, "1000000")),
        // Renminbi.
        ("RMB 1,250,000", money(Cny, "1250000")),
        ("CNY 1,250,000", money(Cny, "1250000")),
        ("¥1,250,000", money(Cny, "1250000")),
        ("￥1,250,000", money(Cny, "1250000")),
        ("人民币1,250,000元", money(Cny, "1250000")),
        ("人民幣1,250,000元", money(Cny, "1250000")),
        ("人民币 1,250,000 元", money(Cny, "1250000")),
        ("人民币壹佰贰拾伍万元整", money(Cny, "1250000")),
        ("人民幣壹佰貳拾伍萬元整", money(Cny, "1250000")),
        ("125万人民币", money(Cny, "1250000")),
        ("1,250,000 Renminbi", money(Cny, "1250000")),
        ("人民币壹佰元伍角", money(Cny, "100.5")),
        ("人民幣壹佰元伍角", money(Cny, "100.5")),
        ("人民币三元五角", money(Cny, "3.5")),
        ("人民币一角二分", money(Cny, "0.12")),
        ("人民币100元零五分", money(Cny, "100.05")),
        ("人民币壹佰元伍角叁分", money(Cny, "100.53")),
        ("人民幣參佰元整", money(Cny, "300")),
        // Euros, pounds, yen.
        ("EUR 500", money(Eur, "500")),
        ("€500", money(Eur, "500")),
        ("500歐元", money(Eur, "500")),
        ("500欧元", money(Eur, "500")),
        ("500 euros", money(Eur, "500")),
        ("GBP 500", money(Gbp, "500")),
        ("£500", money(Gbp, "500")),
        ("500英鎊", money(Gbp, "500")),
        ("500英镑", money(Gbp, "500")),
        ("500 pounds sterling", money(Gbp, "500")),
        ("JPY 500", money(Jpy, "500")),
        ("500日圓", money(Jpy, "500")),
        ("500日元", money(Jpy, "500")),
        ("500 Japanese yen", money(Jpy, "500")),
    ];
    assert_rows(rows, &NO_CONTEXT, &[]);
}

#[test]
fn bare_yuan_amounts_read_with_the_clauses_currency() {
    let context = Context {
        default_currency: Some(Cny),
        ..NO_CONTEXT
    };
    let rows: &[(&str, Figure)] = &[
        ("壹佰元伍角", money(Cny, "100.5")),
        ("三元五角", money(Cny, "3.5")),
        ("一角二分", money(Cny, "0.12")),
        ("100元", money(Cny, "100")),
        ("100圓", money(Cny, "100")),
        ("壹佰萬圓正", money(Cny, "1000000")),
    ];
    assert_rows(rows, &context, &[]);
}

#[test]
fn percentages_read_in_every_form() {
    let rows: &[(&str, Figure)] = &[
        ("15%", percent("15")),
        ("15％", percent("15")),
        ("15 %", percent("15")),
        ("15 per cent", percent("15")),
        ("15 percent", percent("15")),
        ("15 Per Cent", percent("15")),
        ("fifteen per cent", percent("15")),
        ("Fifteen Per Cent", percent("15")),
        ("15.5%", percent("15.5")),
        ("百分之十五", percent("15")),
        ("百分之十五点五", percent("15.5")),
        ("百分之十五點五", percent("15.5")),
        ("百分之一百", percent("100")),
        ("百分之百", percent("100")),
        ("百分之8", percent("8")),
        ("百分之 8.5", percent("8.5")),
        ("百分之八", percent("8")),
        ("5‰", percent("0.5")),
        ("千分之五", percent("0.5")),
        ("千分之一点二五", percent("0.125")),
        ("5‱", percent("0.05")),
        ("万分之五", percent("0.05")),
        ("萬分之五", percent("0.05")),
        ("8 per cent", percent("8")),
        ("eight per cent", percent("8")),
        // Percentage points and basis points are a unit of their own.
        ("2 percentage points", points("2")),
        ("two percentage points", points("2")),
        ("两个百分点", points("2")),
        ("兩個百分點", points("2")),
        ("2个百分点", points("2")),
        ("50 basis points", points("0.5")),
        ("50 bps", points("0.5")),
        ("五十个基点", points("0.5")),
        ("五十個基點", points("0.5")),
    ];
    assert_rows(rows, &NO_CONTEXT, &[]);
}

#[test]
fn tenths_read_as_percent_with_a_warning() {
    let rows: &[(&str, Figure)] = &[("三成", percent("30")), ("十成", percent("100"))];
    assert_rows(rows, &NO_CONTEXT, &[FlagKind::ColloquialPercent]);
}

#[test]
fn dates_read_in_every_form() {
    let first_of_march = date(2027, 3, 1);
    let rows: &[(&str, Figure)] = &[
        ("2027年3月1日", first_of_march),
        ("2027年03月01日", first_of_march),
        ("2027 年 3 月 1 日", first_of_march),
        ("２０２７年３月１日", first_of_march),
        ("二〇二七年三月一日", first_of_march),
        ("二零二七年三月一日", first_of_march),
        ("2027年3月1號", first_of_march),
        ("2027年3月1号", first_of_march),
        ("2027年3月1日（星期一）", first_of_march),
        ("2027年3月1日(星期一)", first_of_march),
        ("2027年3月1日 (星期一)", first_of_march),
        ("2027年3月1日（週一）", first_of_march),
        ("2027年3月1日（周一）", first_of_march),
        ("2027年3月1日（禮拜一）", first_of_march),
        ("二〇二七年三月廿一日", date(2027, 3, 21)),
        ("2027年12月31日", date(2027, 12, 31)),
        ("二〇二七年十二月三十一日", date(2027, 12, 31)),
        ("1 March 2027", first_of_march),
        ("01 march 2027", first_of_march),
        ("1st March 2027", first_of_march),
        ("1st of March 2027", first_of_march),
        ("1 March, 2027", first_of_march),
        ("March 1, 2027", first_of_march),
        ("March 1st, 2027", first_of_march),
        ("March 1 2027", first_of_march),
        ("1 Mar 2027", first_of_march),
        ("1 Mar. 2027", first_of_march),
        ("Monday, 1 March 2027", first_of_march),
        ("1 March 2027 (Monday)", first_of_march),
        ("1 May 2027", date(2027, 5, 1)),
        ("22nd September 2027", date(2027, 9, 22)),
        ("2027-03-01", first_of_march),
        ("2027/3/1", first_of_march),
        ("2027.03.01", first_of_march),
        // Only one reading is a date, or both are the same one.
        ("13/03/2027", date(2027, 3, 13)),
        ("03/13/2027", date(2027, 3, 13)),
        ("01/01/2027", date(2027, 1, 1)),
    ];
    assert_rows(rows, &NO_CONTEXT, &[]);
}

#[test]
fn numeric_dates_follow_the_given_order() {
    let day_month = Context {
        date_order: Some(DateOrder::DayMonth),
        ..NO_CONTEXT
    };
    assert_rows(
        &[
            ("01/03/2027", date(2027, 3, 1)),
            ("1/3/2027", date(2027, 3, 1)),
            ("1.3.2027", date(2027, 3, 1)),
            ("01-03-2027", date(2027, 3, 1)),
        ],
        &day_month,
        &[],
    );
    let month_day = Context {
        date_order: Some(DateOrder::MonthDay),
        ..NO_CONTEXT
    };
    assert_rows(&[("01/03/2027", date(2027, 1, 3))], &month_day, &[]);
}

#[test]
fn dates_without_a_year_take_the_callers_year() {
    let context = Context {
        year: Some(2027),
        ..NO_CONTEXT
    };
    assert_rows(
        &[
            ("3月1日", date(2027, 3, 1)),
            ("三月一日", date(2027, 3, 1)),
            ("三月廿一日", date(2027, 3, 21)),
            ("1 March", date(2027, 3, 1)),
            ("March 1", date(2027, 3, 1)),
        ],
        &context,
        &[],
    );
}

#[test]
fn english_number_words_read_exactly() {
    let rows: &[(&str, &str)] = &[
        ("one", "1"),
        ("fifteen", "15"),
        ("twenty", "20"),
        ("twenty-five", "25"),
        ("Twenty-Five", "25"),
        ("ninety nine", "99"),
        ("one hundred", "100"),
        ("one hundred and five", "105"),
        ("one hundred five", "105"),
        ("one thousand and five", "1005"),
        ("ten thousand five hundred", "10500"),
        ("one hundred thousand", "100000"),
        ("two hundred and fifty thousand", "250000"),
        ("one million", "1000000"),
        ("one million two hundred and fifty thousand", "1250000"),
        ("One Million Two Hundred and Fifty Thousand", "1250000"),
        ("ONE MILLION TWO HUNDRED AND FIFTY THOUSAND", "1250000"),
        (
            "nine hundred and ninety-nine thousand nine hundred and ninety-nine",
            "999999",
        ),
        ("two billion", "2000000000"),
        ("fifteen point five", "15.5"),
        ("zero point two five", "0.25"),
    ];
    for (input, value) in rows {
        let t = Text::new(input);
        let Some(Reading::Number(n)) = numbers::read(&t, 0) else {
            panic!("row {input:?}: no number");
        };
        assert_eq!(n.value, amount(value), "row {input:?}");
        assert_eq!(n.end, t.len(), "row {input:?}: read whole");
        // And as money, in running text.
        let text = format!("The sum of {input} Hong Kong dollars is payable.");
        let got = read(&text, &NO_CONTEXT);
        assert_eq!(
            figures_of(&got),
            vec![money(Hkd, value)],
            "row {input:?}: {got:#?}"
        );
    }
}
