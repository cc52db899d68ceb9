//! The canonical search form of text: what both the index and a query are reduced to
//! before they are compared.
//!
//! Folding maps every character to exactly one character, so a position counted in
//! characters in the folded text is the same position in the original: snippets can be
//! cut from the original text with offsets found in the folded one.
//!
//! - Traditional → Simplified with `fast2s` (a character table, not a dictionary of
//!   words, so it is one-to-one and fast; zhconv's dictionary rewrites whole words and can
//!   change lengths). fast2s has a handful of context rules (乾隆 keeps 乾, 計畫 becomes
//!   计划 …). A query is folded on its own, without the text around it, so if the index
//!   used context the two could disagree (甚夥 vs 夥) and a word would not find itself.
//!   We therefore fold each character with no neighbours: every character has one
//!   canonical form wherever it stands.
//! - Full-width ASCII (ＩＣＳＩＤ，２０２６) → ASCII, the ideographic space → a space.
//! - Lower case (one character for one character; the rare letters whose lower case is
//!   two characters keep the first).

/// The search form of one character, independent of its neighbours.
pub fn fold_char(c: char) -> char {
    let c = match c {
        // Full-width forms of ASCII '!'..'~' sit at a fixed distance from ASCII.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if is_han(c) {
        return simplify(c);
    }
    c.to_lowercase().next().unwrap_or(c)
}

/// The search form of a text: [`fold_char`] over every character. The result has as many
/// characters as `text`.
pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// Whether `c` is a Chinese character (Han ideograph), including the extensions and the
/// compatibility block, and 〇.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

/// One Han character to Simplified. fast2s only looks at a character's neighbours for a
/// few Han pairs, so converting it between two spaces is conversion without context.
fn simplify(c: char) -> char {
    let mut buf = [0u8; 4];
    let alone = c.encode_utf8(&mut buf);
    let converted = fast2s::convert(alone);
    let mut chars = converted.chars();
    match (chars.next(), chars.next()) {
        (Some(s), None) => s,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_folds_to_simplified() {
        assert_eq!(fold("和解協議"), "和解协议");
        assert_eq!(fold("調解保密"), "调解保密");
        assert_eq!(fold("仲裁機構與當事人"), "仲裁机构与当事人");
        // Simplified stays as it is.
        assert_eq!(fold("和解协议"), "和解协议");
    }

    #[test]
    fn case_and_full_width_fold() {
        assert_eq!(fold("ＩＣＳＩＤ　２０２６"), "icsid 2026");
        assert_eq!(fold("Settlement AGREEMENT"), "settlement agreement");
        assert_eq!(fold("Ärger"), "ärger");
    }

    #[test]
    fn folding_is_per_character_and_keeps_length() {
        // fast2s on whole strings uses context: 計畫 → 计划 but 畫 alone → 画; 乾隆 keeps
        // 乾 but 乾 alone → 干. Folding must not: a query typed alone has no context.
        for text in [
            "計畫",
            "企畫書",
            "乾隆年間",
            "甚夥",
            "慰藉",
            "回覆",
            "看著",
            "樊於期",
        ] {
            let folded = fold(text);
            assert_eq!(folded.chars().count(), text.chars().count(), "{text}");
            let one_by_one: String = text
                .chars()
                .map(|c| fold(&c.to_string()).chars().next().unwrap())
                .collect();
            assert_eq!(folded, one_by_one, "{text} folded with context");
        }
        assert_eq!(fold("計畫"), "计画", "畫 folds alone, not as part of 計畫");
        // A word typed on its own finds itself inside a longer text.
        assert!(fold("乾隆年間的計畫").contains(&fold("計畫")));
        assert!(fold("乾隆年間").contains(&fold("乾隆")));
    }

    #[test]
    fn length_is_kept_for_awkward_characters() {
        let text = "İstanbul ß ﬁ 😀 \u{20BB7}野家 Ω";
        assert_eq!(fold(text).chars().count(), text.chars().count());
    }
}
