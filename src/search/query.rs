//! What a mediator types, turned into an FTS5 MATCH expression over `notes_search`.
//!
//! The mediator's text is never FTS5 syntax: it is cut into tokens by the very code that
//! built the index, and every token goes into the expression quoted. So `NEAR(`, `OR`,
//! `*`, `-`, `:` or a stray quote are just characters (dropped as punctuation, or part of
//! a word), never operators.
//!
//! - Words are AND-ed.
//! - "Quoted text" is a phrase (an unclosed quote runs to the end of the query).
//! - A Chinese run of 2 or more characters is the phrase of its bigrams in `body`; a run
//!   of 1 character matches `chars`.

use super::tokens::{bigrams, tokenize, Kind};
use crate::error::{Error, Result};

/// Longest query accepted, in characters: a pasted paragraph is fine, a pasted document
/// is not a search.
pub const MAX_QUERY_CHARS: usize = 1000;

/// One condition of a query: a sequence of `body` tokens that must stand together, or
/// one Chinese character in `chars`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Phrase(Vec<String>),
    Char(char),
}

/// A parsed query: its terms (all must match), and what snippets should mark.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub terms: Vec<Term>,
    /// Stems of every English (or other alphabetic) word in the query.
    pub stems: Vec<String>,
    /// Every Chinese run in the query, folded.
    pub han: Vec<String>,
}

impl Parsed {
    /// The FTS5 MATCH expression.
    pub fn to_match(&self) -> String {
        let mut out = String::new();
        for term in &self.terms {
            if !out.is_empty() {
                out.push_str(" AND ");
            }
            match term {
                Term::Phrase(tokens) => {
                    out.push_str("body : ");
                    quote(&tokens.join(" "), &mut out);
                }
                Term::Char(c) => {
                    out.push_str("chars : ");
                    quote(&c.to_string(), &mut out);
                }
            }
        }
        out
    }
}

fn quote(text: &str, out: &mut String) {
    out.push('"');
    out.push_str(&text.replace('"', "\"\""));
    out.push('"');
}

/// Parses `input`. A query with nothing to search for (only punctuation, emoji or
/// spaces) is [`Error::Invalid`] for the field `query`.
pub fn parse(input: &str) -> Result<Parsed> {
    if input.chars().count() > MAX_QUERY_CHARS {
        return Err(Error::TooLong {
            field: "query",
            max: MAX_QUERY_CHARS,
        });
    }
    let mut parsed = Parsed::default();
    for (i, part) in input.split('"').enumerate() {
        let quoted = i % 2 == 1;
        add_part(part, quoted, &mut parsed);
    }
    if parsed.terms.is_empty() {
        return Err(Error::Invalid {
            field: "query",
            value: "nothing to search for: type a word or a Chinese character".into(),
        });
    }
    Ok(parsed)
}

fn add_part(part: &str, quoted: bool, parsed: &mut Parsed) {
    let mut phrase = Vec::new();
    for token in tokenize(part) {
        match token.kind {
            Kind::Word => {
                parsed.stems.push(token.text.clone());
                if quoted {
                    phrase.push(token.text);
                } else {
                    add_term(parsed, Term::Phrase(vec![token.text]));
                }
            }
            Kind::Han => {
                parsed.han.push(token.text.clone());
                let mut chars = token.text.chars();
                if let (Some(c), None) = (chars.next(), chars.next()) {
                    // One character has no bigram: it can only be looked for on its own,
                    // even inside a phrase.
                    add_term(parsed, Term::Char(c));
                } else if quoted {
                    bigrams(&token.text, &mut phrase);
                } else {
                    let mut grams = Vec::new();
                    bigrams(&token.text, &mut grams);
                    add_term(parsed, Term::Phrase(grams));
                }
            }
        }
    }
    if !phrase.is_empty() {
        add_term(parsed, Term::Phrase(phrase));
    }
}

fn add_term(parsed: &mut Parsed, term: Term) {
    if !parsed.terms.contains(&term) {
        parsed.terms.push(term);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(input: &str) -> String {
        parse(input).unwrap().to_match()
    }

    #[test]
    fn words_are_anded_and_stemmed() {
        assert_eq!(
            expr("Mediation agreements"),
            r#"body : "mediat" AND body : "agreement""#
        );
    }

    #[test]
    fn chinese_words_become_bigram_phrases_or_characters() {
        assert_eq!(expr("调解"), r#"body : "调解""#);
        assert_eq!(expr("和解協議"), r#"body : "和解 解协 协议""#);
        assert_eq!(expr("保"), r#"chars : "保""#);
    }

    #[test]
    fn mixed_queries_split_at_the_script_change() {
        assert_eq!(expr("ICSID调解"), r#"body : "icsid" AND body : "调解""#);
        assert_eq!(
            expr("mediation 调解"),
            r#"body : "mediat" AND body : "调解""#
        );
    }

    #[test]
    fn quotes_make_phrases() {
        assert_eq!(
            expr(r#""settlement agreement" 保密"#),
            r#"body : "settlement agreement" AND body : "保密""#
        );
        // Unclosed: the phrase runs to the end.
        assert_eq!(
            expr(r#"caucus "without prejudice"#),
            r#"body : "caucus" AND body : "without prejudic""#
        );
    }

    #[test]
    fn hostile_input_is_only_text() {
        for input in [
            r#"a" OR "b"#,
            "NEAR(mediation settlement, 2)",
            "body:secret",
            "-caucus",
            "^start",
            "medi*",
            "OR AND NOT",
            "调解 😀 ]]] {chars}",
            "a\"\"\"b",
        ] {
            let e = expr(input);
            // Every token sits in a quoted string after a column filter; nothing else.
            for term in e.split(" AND ") {
                let rest = term
                    .strip_prefix("body : \"")
                    .or_else(|| term.strip_prefix("chars : \""))
                    .unwrap_or_else(|| panic!("{input}: {term}"));
                let inner = rest.strip_suffix('"').unwrap();
                assert!(!inner.contains('"'), "{input}: {e}");
                assert!(
                    inner.chars().all(|c| c.is_alphanumeric() || c == ' '),
                    "{input}: {e}"
                );
            }
        }
    }

    #[test]
    fn nothing_searchable_is_a_typed_error() {
        for input in ["", "   ", "\"\"", "*** ^ - :", "😀🙏", "“”，。"] {
            match parse(input) {
                Err(Error::Invalid { field: "query", .. }) => {}
                other => panic!("{input:?}: {other:?}"),
            }
        }
        let long = "调".repeat(MAX_QUERY_CHARS + 1);
        assert!(matches!(
            parse(&long),
            Err(Error::TooLong { field: "query", .. })
        ));
    }
}
