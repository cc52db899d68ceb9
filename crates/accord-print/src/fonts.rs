//! The fonts every agreement is set in, shipped inside the binary (SIL OFL 1.1; see
//! `assets/fonts/README.md` for where they come from and how they were cut), and the
//! coverage check run before a draft becomes final.
//!
//! Noto Serif for Latin; Noto Serif CJK HK for Traditional Chinese and SC for Simplified,
//! each cut to Big5-HKSCS ∪ GBK ∪ Latin and punctuation. No system font is ever looked
//! at: the same document prints the same on every machine.
//!
//! The files are parsed once per process, on first use. Parsing is cheap (the bytes are
//! static; ttf-parser reads tables lazily); the cost is reading each cmap for
//! [`typst::text::FontInfo::coverage`], a few milliseconds for the CJK faces.

use std::collections::HashSet;
use std::sync::LazyLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

use crate::model::Script;

macro_rules! font_file {
    ($name:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../assets/fonts/",
            $name
        ))
    };
}

static FILES: [&[u8]; 6] = [
    font_file!("NotoSerif-Regular.ttf"),
    font_file!("NotoSerif-Bold.ttf"),
    font_file!("NotoSerifCJKhk-Regular.otf"),
    font_file!("NotoSerifCJKhk-Bold.otf"),
    font_file!("NotoSerifCJKsc-Regular.otf"),
    font_file!("NotoSerifCJKsc-Bold.otf"),
];
const LATIN: [usize; 2] = [0, 1];
const HK: [usize; 2] = [2, 3];
const SC: [usize; 2] = [4, 5];

pub(crate) struct Fonts {
    pub book: LazyHash<FontBook>,
    pub fonts: Vec<Font>,
}

pub(crate) static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = FILES
        .iter()
        .map(|bytes| {
            Font::new(Bytes::new(*bytes), 0)
                .expect("a font file shipped in assets/fonts does not parse")
        })
        .collect();
    let book = FontBook::from_fonts(&fonts);
    Fonts {
        book: LazyHash::new(book),
        fonts,
    }
});

/// The fonts a script's text is set in, Regular then Bold: Latin first, as the template
/// lists them.
fn used(script: Script) -> [[usize; 2]; 2] {
    let cjk = match script {
        Script::Hant => HK,
        Script::Hans => SC,
    };
    [LATIN, cjk]
}

/// Characters no glyph is needed for: whitespace, controls and the invisible format
/// characters (joiners, direction marks, variation selectors, soft hyphen, BOM).
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c,
            '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
            | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{E0100}'..='\u{E01EF}')
}

/// The characters of `text`, in order of first appearance, that the fonts used for
/// `script` cannot draw in both Regular and Bold (a heading is bold): printed, each
/// would be an empty box. Whitespace, control and invisible format characters are not
/// asked about.
pub fn uncovered(script: Script, text: &str) -> Vec<char> {
    let fonts = &FONTS.fonts;
    let [latin, cjk] = used(script);
    let covers = |i: usize, c: char| fonts[i].info().coverage.contains(c as u32);
    let mut seen = HashSet::new();
    text.chars()
        .filter(|&c| !invisible(c) && seen.insert(c))
        .filter(|&c| (0..2).any(|w| !covers(latin[w], c) && !covers(cjk[w], c)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fonts_are_the_families_the_template_names() {
        let families: Vec<_> = FONTS
            .fonts
            .iter()
            .map(|f| f.info().family.clone())
            .collect();
        assert_eq!(
            families,
            [
                "Noto Serif",
                "Noto Serif",
                "Noto Serif CJK HK",
                "Noto Serif CJK HK",
                "Noto Serif CJK SC",
                "Noto Serif CJK SC"
            ]
        );
    }

    #[test]
    fn uncovered_lists_each_missing_character_once_in_order() {
        let text = "陳𠮷🙂 and 𠮷 again, 㐀\u{200D}\u{FE0F}\t\u{0}";
        assert_eq!(uncovered(Script::Hant, text), ['𠮷', '🙂', '㐀']);
        assert_eq!(uncovered(Script::Hans, text), ['𠮷', '🙂', '㐀']);
        assert!(uncovered(Script::Hant, "USD 1,250,000 · 125萬美元 « é » – “…” →").is_empty());
    }
}
