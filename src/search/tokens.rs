//! Cutting text into what the index stores: English (and other alphabetic) words,
//! stemmed, and Chinese runs, cut into overlapping bigrams and single characters.
//!
//! unicode61 alone would keep a whole Chinese run (a clause up to the next punctuation)
//! as one token, so 调解 would never be found inside 调解员认为…. Bigrams make every
//! 2-character word a token, a longer word the phrase of its bigrams (和解协议 = 和解 解协
//! 协议), and single characters (a separate column) serve 1-character queries. The
//! trigram tokenizer was the other candidate; it cannot find 2-character words at all.
//!
//! Every token keeps its byte range in the ORIGINAL text, so snippets can mark it there.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

use super::fold::{fold_char, is_han};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A run of letters and digits outside Chinese: folded and stemmed.
    Word,
    /// A run of adjacent Chinese characters: folded (Simplified), not stemmed.
    Han,
}

/// A word or a Chinese run, with where it stands in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
    /// The search form: a stem for a word, the folded run for Chinese.
    pub text: String,
}

impl Token {
    /// The folded Chinese characters of a [`Kind::Han`] token.
    pub fn chars(&self) -> impl Iterator<Item = char> + '_ {
        self.text.chars()
    }
}

/// A Porter2 (Snowball English) stemmer. Creating one is free; it holds no state.
pub fn stemmer() -> Stemmer {
    Stemmer::create(Algorithm::English)
}

/// The search form of one folded word.
pub fn stem<'a>(stemmer: &Stemmer, folded_word: &'a str) -> Cow<'a, str> {
    stemmer.stem(folded_word)
}

/// Splits `text` into words and Chinese runs, in order. Anything else (spaces,
/// punctuation, symbols, emoji) separates tokens and is dropped.
pub fn tokenize(text: &str) -> Vec<Token> {
    let stemmer = stemmer();
    let mut out = Vec::new();
    let mut current: Option<(Kind, usize, String)> = None;
    for (at, c) in text.char_indices() {
        let folded = fold_char(c);
        let kind = if is_han(folded) {
            Some(Kind::Han)
        } else if folded.is_alphanumeric() {
            Some(Kind::Word)
        } else {
            None
        };
        match (&mut current, kind) {
            (Some((k, _, buf)), Some(kind)) if *k == kind => buf.push(folded),
            (_, kind) => {
                if let Some((k, start, buf)) = current.take() {
                    out.push(finish(&stemmer, k, start, at, buf));
                }
                current = kind.map(|kind| (kind, at, folded.to_string()));
            }
        }
    }
    if let Some((k, start, buf)) = current {
        out.push(finish(&stemmer, k, start, text.len(), buf));
    }
    out
}

fn finish(stemmer: &Stemmer, kind: Kind, start: usize, end: usize, folded: String) -> Token {
    let text = match kind {
        Kind::Word => stem(stemmer, &folded).into_owned(),
        Kind::Han => folded,
    };
    Token {
        kind,
        start,
        end,
        text,
    }
}

/// Appends the overlapping bigrams of a Chinese run to `out` (nothing for one character).
pub fn bigrams(run: &str, out: &mut Vec<String>) {
    let chars: Vec<char> = run.chars().collect();
    for pair in chars.windows(2) {
        let mut bigram = String::with_capacity(8);
        bigram.push(pair[0]);
        bigram.push(pair[1]);
        out.push(bigram);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(tokens: &[Token]) -> Vec<(&str, Kind)> {
        tokens.iter().map(|t| (t.text.as_str(), t.kind)).collect()
    }

    #[test]
    fn english_words_are_stemmed_and_chinese_runs_kept_whole() {
        let tokens = tokenize("The parties agreed: 和解協議 signed, 保密。");
        assert_eq!(
            texts(&tokens),
            vec![
                ("the", Kind::Word),
                ("parti", Kind::Word),
                ("agre", Kind::Word),
                ("和解协议", Kind::Han),
                ("sign", Kind::Word),
                ("保密", Kind::Han),
            ]
        );
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "ＩＣＳＩＤ調解 rules";
        let tokens = tokenize(text);
        let originals: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(originals, vec!["ＩＣＳＩＤ", "調解", "rules"]);
        assert_eq!(tokens[1].text, super::super::fold::fold(originals[1]));
    }

    #[test]
    fn latin_and_chinese_touching_are_separate_tokens() {
        let tokens = tokenize("ICSID调解2026年");
        assert_eq!(
            texts(&tokens),
            vec![
                ("icsid", Kind::Word),
                ("调解", Kind::Han),
                ("2026", Kind::Word),
                ("年", Kind::Han),
            ]
        );
    }

    #[test]
    fn punctuation_ends_a_chinese_run() {
        let tokens = tokenize("调解、保密");
        assert_eq!(
            texts(&tokens),
            vec![("调解", Kind::Han), ("保密", Kind::Han)]
        );
    }

    #[test]
    fn bigrams_overlap() {
        let mut out = Vec::new();
        bigrams("和解协议", &mut out);
        assert_eq!(out, vec!["和解", "解协", "协议"]);
        out.clear();
        bigrams("和", &mut out);
        assert!(out.is_empty());
    }
}
