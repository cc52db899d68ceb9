//! An agreement as Markdown or HTML: for reading and mailing round, not for signing (the
//! print-ready PDF is the typst renderer's, still to come).
//!
//! Both take a [`Frozen`] agreement (the draft frozen now, or a saved version), so what
//! they show is what a version holds: references written out with its numbers, the case's
//! facts with its values. Two layouts: side by side (one row per clause, the languages
//! aligned) or one language after the other. A draft says DRAFT in its title line; a saved
//! version names itself and its fingerprint at the foot.
//!
//! HTML is escaped by us, every text node and attribute: clause text is the parties'
//! words and may hold anything (`text_render_tests::hostile_text_is_only_text`).

use super::versions::{short_fingerprint, AgreementVersion, Frozen, FrozenClause};
use super::LanguageRegime;
use crate::text::escape_markup as esc;
use crate::vocab::vocabulary;

vocabulary!(
    /// How the two languages are laid out.
    Layout, "layout" {
        SideBySide => "side-by-side",
        Sequential => "sequential",
    }
);

/// What is rendered: the agreement as frozen, and the version it is (none for the draft
/// as it stands).
pub struct Rendering<'a> {
    pub frozen: &'a Frozen,
    pub version: Option<&'a AgreementVersion>,
    pub layout: Layout,
}

pub(super) fn title(r: &Rendering<'_>) -> String {
    let a = &r.frozen.agreement;
    let mut title = match (&a.title_en, &a.title_zh) {
        (Some(en), Some(zh)) => format!("{en} / {zh}"),
        (Some(t), None) | (None, Some(t)) => t.clone(),
        (None, None) => String::new(),
    };
    if r.version.is_none() {
        title = format!("DRAFT 草稿 — {title}");
    }
    title
}

pub(super) fn regime(regime: LanguageRegime) -> &'static str {
    match regime {
        LanguageRegime::Equal => "English and Chinese texts equally authentic / 中英文本同等真確",
        LanguageRegime::EnPrevails => "The English text prevails / 以英文本為準",
        LanguageRegime::ZhPrevails => "The Chinese text prevails / 以中文本為準",
    }
}

pub(super) fn footer(r: &Rendering<'_>) -> Option<String> {
    r.version.map(|v| {
        format!(
            "Version {} “{}” · fingerprint {} / 版本 {} · 指紋 {}",
            v.version,
            v.label,
            short_fingerprint(&v.fingerprint),
            v.version,
            short_fingerprint(&v.fingerprint)
        )
    })
}

pub(super) fn heading(c: &FrozenClause, en: bool) -> String {
    let h = if en { &c.heading_en } else { &c.heading_zh };
    if h.is_empty() {
        c.number.clone()
    } else {
        format!("{} {h}", c.number)
    }
}

/// The agreement as Markdown.
pub fn markdown(r: &Rendering<'_>) -> String {
    let clauses = r.frozen.rendered();
    let mut out = format!(
        "# {}\n\n_{}_\n\n",
        md_line(&title(r)),
        regime(r.frozen.agreement.language_regime)
    );
    match r.layout {
        Layout::SideBySide => {
            out.push_str("| English | 中文 |\n|---|---|\n");
            for c in &clauses {
                out.push_str(&format!(
                    "| **{}** {} | **{}** {} |\n",
                    md_cell(&heading(c, true)),
                    md_cell(&c.text_en),
                    md_cell(&heading(c, false)),
                    md_cell(&c.text_zh)
                ));
            }
        }
        Layout::Sequential => {
            for (en, name) in [(true, "English"), (false, "中文")] {
                out.push_str(&format!("## {name}\n\n"));
                for c in &clauses {
                    let text = if en { &c.text_en } else { &c.text_zh };
                    let level = "#".repeat(2 + c.depth.min(4));
                    out.push_str(&format!(
                        "{level} {}\n\n{}\n\n",
                        md_line(&heading(c, en)),
                        md_text(text)
                    ));
                }
            }
        }
    }
    if let Some(footer) = footer(r) {
        out.push_str(&format!("---\n\n{}\n", md_line(&footer)));
    }
    out
}

/// Markdown text that no viewer turns into markup: `&`, `<` and `>` as entities (a viewer
/// that passes HTML through would otherwise run a clause's `<script>`).
fn md_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// One line of Markdown: line breaks folded, so a title cannot start a new block.
fn md_line(text: &str) -> String {
    md_text(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A table cell: `|` escaped, line breaks as `<br>`.
fn md_cell(text: &str) -> String {
    md_text(text)
        .replace('|', "\\|")
        .split('\n')
        .collect::<Vec<_>>()
        .join("<br>")
}

/// Paragraphs of escaped text.
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", esc(p).replace('\n', "<br>")))
        .collect()
}

/// The agreement as a self-contained HTML page: no script, no external resource.
pub fn html(r: &Rendering<'_>) -> String {
    let clauses = r.frozen.rendered();
    let title = esc(&title(r));
    let lang_zh = match r.frozen.agreement.zh_script {
        crate::notes::ChineseScript::Simplified => "zh-Hans",
        crate::notes::ChineseScript::Traditional => "zh-Hant",
    };
    let mut body = format!(
        "<h1>{title}</h1>\n<p class=\"regime\">{}</p>\n",
        esc(regime(r.frozen.agreement.language_regime))
    );
    match r.layout {
        Layout::SideBySide => {
            body.push_str("<table>\n");
            for c in &clauses {
                body.push_str(&format!(
                    "<tr><td lang=\"en\"><h3>{}</h3>{}</td><td lang=\"{lang_zh}\"><h3>{}</h3>{}</td></tr>\n",
                    esc(&heading(c, true)),
                    paragraphs(&c.text_en),
                    esc(&heading(c, false)),
                    paragraphs(&c.text_zh)
                ));
            }
            body.push_str("</table>\n");
        }
        Layout::Sequential => {
            for (en, lang) in [(true, "en"), (false, lang_zh)] {
                body.push_str(&format!("<section lang=\"{lang}\">\n"));
                for c in &clauses {
                    let text = if en { &c.text_en } else { &c.text_zh };
                    body.push_str(&format!(
                        "<h3>{}</h3>{}\n",
                        esc(&heading(c, en)),
                        paragraphs(text)
                    ));
                }
                body.push_str("</section>\n");
            }
        }
    }
    if let Some(footer) = footer(r) {
        body.push_str(&format!("<footer>{}</footer>\n", esc(&footer)));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{title}</title>\n<style>table{{border-collapse:collapse;width:100%}}\
         td{{vertical-align:top;width:50%;padding:0 1em;border-top:1px solid #ccc}}\
         footer{{margin-top:2em;font-size:small}}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
}

#[cfg(test)]
#[path = "text_render_tests.rs"]
pub(super) mod text_render_tests;
