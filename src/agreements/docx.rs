//! An agreement, and a redline between two of its versions, as a Word file (OOXML).
//!
//! [`agreement`] writes the draft or a saved version as [`super::text_render`] lays it out
//! (the same title, language-regime and footer wording): side by side, a two-column table
//! with one row per clause and its header row repeated on every page, or one language
//! after the other. [`redline`] writes what changed between two versions as Word's own
//! tracked changes, so a lawyer can Accept or Reject them in Word or LibreOffice.
//!
//! Decisions:
//! - Written with `docx-rs` (no `image` feature) and zipped by us: its counters for
//!   revision and paragraph ids are process-wide, and `zip` would stamp the time of
//!   writing if any crate in the build turned on its `time` feature. So every id is
//!   renumbered in document order, and every zip entry and the core properties carry the
//!   version's saved time (the draft, which has none, a fixed [`DRAFT_TIME`]): the same
//!   input gives the same bytes (`docx_tests::the_same_input_gives_the_same_bytes`).
//! - Fonts by script. The east-Asian font is the one a Word user in the script's region
//!   already has: PMingLiU (新細明體, Ming style, on every Windows with Traditional Chinese
//!   support) for Traditional, SimSun (宋体) for Simplified. The print-ready PDF uses Noto
//!   Serif CJK HK/SC, of the same Ming/Song family, but a font name a recipient lacks makes
//!   Word substitute what it likes (often a sans face), and a Word file is for editing on
//!   the recipient's machine. LibreOffice substitutes through fontconfig. Latin text is
//!   Times New Roman, on every Word installation. `w:lang` (en-GB, and zh-HK or zh-CN), which
//!   `docx-rs` cannot write, is added to the document defaults for proofing and line breaks.
//! - Page numbers are PAGE and NUMPAGES fields, in both languages; the version's
//!   fingerprint goes in the footer, DRAFT 草稿 in the header while it is a draft.
//! - The header row of the clause table repeats on each page (`w:tblHeader`, which
//!   `docx-rs` lacks: it is added to the one row we mark `cantSplit`).
//! - Clause text is the parties' words. XML's metacharacters are escaped by `docx-rs`; a
//!   character an XML file cannot hold (a control character other than line break and
//!   tab) is refused, naming the field, rather than written into a file Word will not open.
//!
//! The redline:
//! - Inserted words are `w:ins`, deleted ones `w:del` with `w:delText`, by the saver of the
//!   newer version at its saved time ("Accord" and [`DRAFT_TIME`] for the draft as it
//!   stands). An added clause's row is an inserted row, a removed clause's a deleted row,
//!   so Accept All leaves the newer version's clauses and words, Reject All the older's.
//! - Renumbering is no change: a clause's number is its newer number, plain. A moved
//!   clause is shown once, at its new place, with a comment "moved from 5 → 3 / 由第5條移至
//!   第3條" (a comment, not text, so accepting or rejecting leaves no note behind; Word's
//!   `w:moveFrom`/`w:moveTo` would show the clause twice, at its old place and its new).
//!   Rejecting all therefore gives the older words in the newer order and numbering.
//! - Within a clause, line and paragraph breaks are line breaks (`w:br`), so a break that
//!   was inserted or deleted is itself tracked and Accept/Reject restores the text exactly.

use std::collections::HashMap;
use std::io::{Cursor, Write};

use docx_rs::{
    AlignmentType, BreakType, Comment, Delete, Docx, FieldCharType, Footer, Header, Insert,
    InstrNUMPAGES, InstrPAGE, InstrText, PageMargin, Paragraph, Run, RunFonts, Table, TableCell,
    TableLayoutType, TableRow, WidthType, XMLDocx,
};

use super::redline::{ClauseChange, ClauseChangeKind, Redline};
use super::text_render::{self, Layout, Rendering};
use super::versions::{self, AgreementVersion, Frozen, FrozenClause};
use crate::bilingual::{diff_plain, DiffChange, DiffSpan, Side};
use crate::error::{Error, Result};
use crate::ids::AgreementId;
use crate::notes::ChineseScript;

/// The date of a draft's file and its tracked changes: it has no saved time of its own,
/// and the zip format's first day keeps the bytes the same from one run to the next.
pub const DRAFT_TIME: &str = "1980-01-01T00:00:00Z";

/// Who made the changes of a redline to the draft as it stands.
pub const DRAFT_AUTHOR: &str = "Accord";

const LATIN_FONT: &str = "Times New Roman";

/// A4 in twentieths of a point, with 2 cm side margins: two columns of 8.5 cm.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
const SIDE_MARGIN: i32 = 1134;
const TEXT_WIDTH: usize = PAGE_WIDTH as usize - 2 * SIDE_MARGIN as usize;
const COLUMN: usize = TEXT_WIDTH / 2;
/// How far each level of sub-clause is indented.
const INDENT_STEP: i32 = 360;

/// The east-Asian font for a script (see the module doc for why these).
pub fn east_asian_font(script: ChineseScript) -> &'static str {
    match script {
        ChineseScript::Traditional => "PMingLiU",
        ChineseScript::Simplified => "SimSun",
    }
}

fn east_asian_lang(script: ChineseScript) -> &'static str {
    match script {
        ChineseScript::Traditional => "zh-HK",
        ChineseScript::Simplified => "zh-CN",
    }
}

/// How runs look and who a revision is by.
struct Look {
    script: ChineseScript,
    author: String,
    date: String,
}

impl Look {
    fn run(&self, side: Side) -> Run {
        let fonts = RunFonts::new()
            .ascii(LATIN_FONT)
            .hi_ansi(LATIN_FONT)
            .east_asia(east_asian_font(self.script));
        // A Chinese cell's punctuation shared with Latin text (quotes, dashes) takes the
        // Chinese font too.
        let fonts = match side {
            Side::Zh => fonts.hint("eastAsia"),
            Side::En => fonts,
        };
        Run::new().fonts(fonts)
    }

    /// `text` as runs of `change`, its line breaks as `w:br` and tabs as `w:tab`.
    fn pieces(
        &self,
        mut p: Paragraph,
        side: Side,
        text: &str,
        change: DiffChange,
        bold: bool,
    ) -> Paragraph {
        if text.is_empty() {
            return p;
        }
        let mut run = self.run(side);
        if bold {
            run = run.bold();
        }
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                run = run.add_break(BreakType::TextWrapping);
            }
            for (j, part) in line.split('\t').enumerate() {
                if j > 0 {
                    run = run.add_tab();
                }
                if part.is_empty() {
                    continue;
                }
                run = match change {
                    DiffChange::Removed => run.add_delete_text(part),
                    _ => run.add_text(part),
                };
            }
        }
        match change {
            DiffChange::Same => p = p.add_run(run),
            DiffChange::Added => {
                p = p.add_insert(Insert::new(run).author(&self.author).date(&self.date))
            }
            DiffChange::Removed => {
                p = p.add_delete(
                    Delete::new()
                        .add_run(run)
                        .author(&self.author)
                        .date(&self.date),
                )
            }
        }
        p
    }

    fn plain(&self, p: Paragraph, side: Side, text: &str, bold: bool) -> Paragraph {
        self.pieces(p, side, text, DiffChange::Same, bold)
    }

    fn spans(&self, mut p: Paragraph, side: Side, spans: &[DiffSpan], bold: bool) -> Paragraph {
        for s in spans {
            p = self.pieces(p, side, &s.text, s.change, bold);
        }
        p
    }
}

/// Refuses a character no XML file can hold (a control character other than line break
/// and tab), naming the field it is in.
fn xml_safe(field: &'static str, text: &str) -> Result<()> {
    match text.chars().find(|c| {
        (c.is_control() && *c != '\n' && *c != '\t') || matches!(c, '\u{fffe}' | '\u{ffff}')
    }) {
        Some(c) => Err(Error::InvisibleCharacter {
            field,
            codepoint: format!("U+{:04X}", c as u32),
        }),
        None => Ok(()),
    }
}

fn clause_safe(c: &FrozenClause) -> Result<()> {
    xml_safe("heading_en", &c.heading_en)?;
    xml_safe("heading_zh", &c.heading_zh)?;
    xml_safe("text_en", &c.text_en)?;
    xml_safe("text_zh", &c.text_zh)
}

fn version_safe(v: Option<&AgreementVersion>) -> Result<()> {
    if let Some(v) = v {
        xml_safe("label", &v.label)?;
        xml_safe("saved_by", &v.saved_by)?;
    }
    Ok(())
}

/// The page: A4, the DRAFT header while `draft`, the footer with page numbers and `foot`.
fn page(look: &Look, draft: Option<&str>, foot: Option<&str>) -> Docx {
    let ye = match look.script {
        ChineseScript::Traditional => "頁",
        ChineseScript::Simplified => "页",
    };
    let field = |instr: InstrText| {
        look.run(Side::En)
            .add_field_char(FieldCharType::Begin, false)
            .add_instr_text(instr)
            .add_field_char(FieldCharType::Separate, false)
            .add_text("1")
            .add_field_char(FieldCharType::End, false)
    };
    let text = |p: Paragraph, t: &str| look.plain(p, Side::Zh, t, false);
    let mut numbers = Paragraph::new().align(AlignmentType::Center).size(18);
    numbers = text(numbers, "Page ");
    numbers = numbers.add_run(field(InstrText::PAGE(InstrPAGE::new())));
    numbers = text(numbers, " of ");
    numbers = numbers.add_run(field(InstrText::NUMPAGES(InstrNUMPAGES::new())));
    numbers = text(numbers, " / 第 ");
    numbers = numbers.add_run(field(InstrText::PAGE(InstrPAGE::new())));
    numbers = text(numbers, &format!(" {ye}，共 "));
    numbers = numbers.add_run(field(InstrText::NUMPAGES(InstrNUMPAGES::new())));
    numbers = text(numbers, &format!(" {ye}"));
    let mut footer = Footer::new().add_paragraph(numbers);
    if let Some(foot) = foot {
        footer = footer.add_paragraph(text(
            Paragraph::new().align(AlignmentType::Center).size(16),
            foot,
        ));
    }
    let mut doc = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(1440)
                .bottom(1440)
                .left(SIDE_MARGIN)
                .right(SIDE_MARGIN)
                .header(720)
                .footer(720),
        )
        .default_fonts(
            RunFonts::new()
                .ascii(LATIN_FONT)
                .hi_ansi(LATIN_FONT)
                .east_asia(east_asian_font(look.script)),
        )
        .default_size(22)
        .created_at(&look.date)
        .updated_at(&look.date)
        .footer(footer);
    if let Some(draft) = draft {
        doc = doc.header(Header::new().add_paragraph(look.plain(
            Paragraph::new().align(AlignmentType::Center),
            Side::Zh,
            draft,
            true,
        )));
    }
    doc
}

fn title_paragraph() -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Center)
        .size(32)
        .bold()
}

fn regime_paragraph() -> Paragraph {
    Paragraph::new().align(AlignmentType::Center).italic()
}

/// The clause table: its header row (repeated on each page), then `rows`.
fn clause_table(look: &Look, rows: Vec<TableRow>) -> Table {
    let head = |side: Side, name: &str| {
        TableCell::new()
            .width(COLUMN, WidthType::Dxa)
            .add_paragraph(look.plain(Paragraph::new(), side, name, true))
    };
    // `cantSplit` marks the header row for `w:tblHeader` (see `normalise`).
    let header =
        TableRow::new(vec![head(Side::En, "English"), head(Side::Zh, "中文")]).cant_split();
    let mut all = vec![header];
    all.extend(rows);
    Table::new(all)
        .set_grid(vec![COLUMN, COLUMN])
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

fn cell(paragraphs: Vec<Paragraph>) -> TableCell {
    let mut cell = TableCell::new().width(COLUMN, WidthType::Dxa);
    for p in paragraphs {
        cell = cell.add_paragraph(p);
    }
    cell
}

fn indented(depth: usize) -> Paragraph {
    let left = INDENT_STEP * depth.saturating_sub(1).min(4) as i32;
    Paragraph::new().indent(Some(left), None, None, None)
}

/// A clause's heading and its paragraphs (split at blank lines, line breaks kept).
fn clause_paragraphs(look: &Look, c: &FrozenClause, side: Side) -> Vec<Paragraph> {
    let en = side == Side::En;
    let mut out = vec![look.plain(
        indented(c.depth).keep_next(true),
        side,
        &text_render::heading(c, en),
        true,
    )];
    let text = if en { &c.text_en } else { &c.text_zh };
    for para in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        out.push(look.plain(indented(c.depth), side, para, false));
    }
    out
}

/// The agreement (the draft or a saved version) as a Word file.
pub fn agreement(r: &Rendering<'_>) -> Result<Vec<u8>> {
    let frozen = r.frozen;
    let clauses = frozen.rendered();
    for c in &clauses {
        clause_safe(c)?;
    }
    version_safe(r.version)?;
    let title = text_render::title(r);
    xml_safe("title", &title)?;
    let look = Look {
        script: frozen.agreement.zh_script,
        author: DRAFT_AUTHOR.into(),
        date: r.version.map_or(DRAFT_TIME.into(), |v| v.saved_at.clone()),
    };
    let footer = text_render::footer(r);
    let draft = r.version.is_none().then_some("DRAFT 草稿");
    let mut doc = page(&look, draft, footer.as_deref())
        .add_paragraph(look.plain(title_paragraph(), Side::Zh, &title, true))
        .add_paragraph(look.plain(
            regime_paragraph(),
            Side::Zh,
            text_render::regime(frozen.agreement.language_regime),
            false,
        ));
    match r.layout {
        Layout::SideBySide => {
            let rows = clauses
                .iter()
                .map(|c| {
                    TableRow::new(vec![
                        cell(clause_paragraphs(&look, c, Side::En)),
                        cell(clause_paragraphs(&look, c, Side::Zh)),
                    ])
                })
                .collect();
            doc = doc.add_table(clause_table(&look, rows));
        }
        Layout::Sequential => {
            for (i, (side, name)) in [(Side::En, "English"), (Side::Zh, "中文")]
                .into_iter()
                .enumerate()
            {
                let heading = Paragraph::new().size(28).bold().page_break_before(i > 0);
                doc = doc.add_paragraph(look.plain(heading, side, name, true));
                for c in &clauses {
                    for p in clause_paragraphs(&look, c, side) {
                        doc = doc.add_paragraph(p);
                    }
                }
            }
        }
    }
    package(doc, &look.date, east_asian_lang(look.script), 0)
}

/// "moved from 5 → 3 / 由第5條移至第3條", in the agreement's script.
pub fn moved_note(from: &str, to: &str, script: ChineseScript) -> String {
    let tiao = match script {
        ChineseScript::Traditional => "條",
        ChineseScript::Simplified => "条",
    };
    format!("moved from {from} → {to} / 由第{from}{tiao}移至第{to}{tiao}")
}

/// The heading line of a changed clause: its number (newer, or older for a removed
/// clause), then the heading's spans; the space between them changes with the heading.
fn heading_spans(c: &ClauseChange, spans: &[DiffSpan]) -> Vec<DiffSpan> {
    let (number, change) = match c.change {
        ClauseChangeKind::Added => (c.number_to.clone(), DiffChange::Added),
        ClauseChangeKind::Removed => (c.number_from.clone(), DiffChange::Removed),
        _ => (c.number_to.clone(), DiffChange::Same),
    };
    let mut out = vec![DiffSpan {
        change,
        text: number.unwrap_or_default(),
    }];
    let before = spans
        .iter()
        .any(|s| s.change != DiffChange::Added && !s.text.is_empty());
    let after = spans
        .iter()
        .any(|s| s.change != DiffChange::Removed && !s.text.is_empty());
    let gap = match (before, after) {
        (true, true) => Some(DiffChange::Same),
        (false, true) => Some(DiffChange::Added),
        (true, false) => Some(DiffChange::Removed),
        (false, false) => None,
    };
    if let Some(gap) = gap {
        // An added or removed clause's heading changes with it, whatever its spans say.
        let gap = if change == DiffChange::Same {
            gap
        } else {
            change
        };
        out.push(DiffSpan {
            change: gap,
            text: " ".into(),
        });
    }
    out.extend(spans.iter().cloned());
    out
}

/// Two lines compared as one English-tokenised text (their Chinese goes by character).
fn line_spans(old: &str, new: &str) -> Vec<DiffSpan> {
    diff_plain(Side::En, old, new)
}

/// Both titles on one line, without DRAFT: what a redline compares.
fn plain_title(f: &Frozen) -> String {
    let a = &f.agreement;
    [a.title_en.as_deref(), a.title_zh.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The redline from `old` to `new` (`red` is [`super::redline::between`] of them) as a
/// Word file of tracked changes. `newer` is the newer version's listing, `None` for the
/// draft as it stands.
pub fn redline(
    red: &Redline,
    old: &Frozen,
    new: &Frozen,
    newer: Option<&AgreementVersion>,
) -> Result<Vec<u8>> {
    for c in &red.clauses {
        for (field, spans) in [
            ("heading_en", &c.heading_en),
            ("heading_zh", &c.heading_zh),
            ("text_en", &c.text_en),
            ("text_zh", &c.text_zh),
        ] {
            for s in spans {
                xml_safe(field, &s.text)?;
            }
        }
    }
    version_safe(newer)?;
    let (old_title, new_title) = (plain_title(old), plain_title(new));
    xml_safe("title", &old_title)?;
    xml_safe("title", &new_title)?;
    let script = new.agreement.zh_script;
    let look = Look {
        script,
        author: newer.map_or(DRAFT_AUTHOR.into(), |v| v.saved_by.clone()),
        date: newer.map_or(DRAFT_TIME.into(), |v| v.saved_at.clone()),
    };
    let to = match (red.to, script) {
        (Some(n), _) => format!("version {n} / 版本 {n}"),
        (None, ChineseScript::Traditional) => "the draft as it stands / 現行草稿".into(),
        (None, ChineseScript::Simplified) => "the draft as it stands / 现行草稿".into(),
    };
    let heading = match script {
        ChineseScript::Traditional => "修訂對照",
        ChineseScript::Simplified => "修订对照",
    };
    let banner = format!(
        "Redline {heading}: version {} / 版本 {} → {to}",
        red.from, red.from
    );
    let mut doc = page(&look, Some(&banner), None)
        .add_paragraph(look.spans(
            title_paragraph(),
            Side::Zh,
            &line_spans(&old_title, &new_title),
            true,
        ))
        .add_paragraph(look.spans(
            regime_paragraph(),
            Side::Zh,
            &line_spans(
                text_render::regime(old.agreement.language_regime),
                text_render::regime(new.agreement.language_regime),
            ),
            false,
        ));
    let mut comments = 0;
    let mut rows = Vec::new();
    for c in &red.clauses {
        let mut sides = Vec::new();
        for (side, heading, text) in [
            (Side::En, &c.heading_en, &c.text_en),
            (Side::Zh, &c.heading_zh, &c.text_zh),
        ] {
            let mut head = indented(c.depth).keep_next(true);
            if let (Side::En, ClauseChangeKind::Moved, Some(from), Some(to)) =
                (side, c.change, &c.number_from, &c.number_to)
            {
                comments += 1;
                let note = Comment::new(comments)
                    .author(&look.author)
                    .date(&look.date)
                    .add_paragraph(look.plain(
                        Paragraph::new(),
                        Side::Zh,
                        &moved_note(from, to, script),
                        false,
                    ));
                head = head.add_comment_start(note);
            }
            head = look.spans(head, side, &heading_spans(c, heading), true);
            if side == Side::En && c.change == ClauseChangeKind::Moved {
                head = head.add_comment_end(comments);
            }
            let body = look.spans(indented(c.depth), side, text, false);
            sides.push(cell(vec![head, body]));
        }
        let mut row = TableRow::new(sides);
        row = match c.change {
            ClauseChangeKind::Added => row.insert(
                Insert::new_with_empty()
                    .author(&look.author)
                    .date(&look.date),
            ),
            ClauseChangeKind::Removed => {
                row.delete(Delete::new().author(&look.author).date(&look.date))
            }
            _ => row,
        };
        rows.push(row);
    }
    doc = doc.add_table(clause_table(&look, rows));
    package(doc, &look.date, east_asian_lang(script), comments)
}

/// Version `from` against version `to`, or against the draft as it stands, as a Word
/// redline (what `accord draft diff --docx` writes).
pub fn compare(
    conn: &rusqlite::Connection,
    agreement_id: AgreementId,
    from: i64,
    to: Option<i64>,
) -> Result<Vec<u8>> {
    let (_, old) = versions::load(conn, agreement_id, from)?;
    let (newer, new) = versions::frozen(conn, agreement_id, to)?;
    let red = Redline {
        agreement_id,
        from,
        to,
        clauses: super::redline::between(&old, &new),
    };
    redline(&red, &old, &new, newer.as_ref())
}

/// The Word file's bytes: the parts `docx-rs` renders, ids renumbered, the header row
/// marked, the languages set, zipped with `date` on every entry. Revisions are numbered
/// after the `comments` (ids 1 to `comments`): an annotation's id is unique in the file.
fn package(doc: Docx, date: &str, zh_lang: &str, comments: usize) -> Result<Vec<u8>> {
    let xml = doc.build();
    let parts = normalise(xml, zh_lang, comments);
    let stamp = zip_time(date);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(stamp)
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let failed = |e: zip::result::ZipError| Error::Io(std::io::Error::other(e));
    for (name, bytes) in parts {
        zip.start_file(name, options).map_err(failed)?;
        zip.write_all(&bytes)?;
    }
    Ok(zip.finish().map_err(failed)?.into_inner())
}

/// A zip entry's time: `date` (RFC 3339) in the zip format's range, else its first day.
fn zip_time(date: &str) -> zip::DateTime {
    use chrono::{Datelike, Timelike};
    chrono::DateTime::parse_from_rfc3339(date)
        .ok()
        .map(|t| t.with_timezone(&chrono::Utc))
        .and_then(|t| {
            zip::DateTime::from_date_and_time(
                u16::try_from(t.year()).ok()?,
                t.month() as u8,
                t.day() as u8,
                t.hour() as u8,
                t.minute() as u8,
                t.second() as u8,
            )
            .ok()
        })
        .unwrap_or(zip::DateTime::DEFAULT)
}

/// The package's parts by name, in a fixed order, made independent of what else this
/// process wrote: `docx-rs` numbers revisions (`w:id` of `w:ins`/`w:del`) and paragraphs
/// (`w14:paraId`) from counters that live as long as the process or thread.
fn normalise(xml: XMLDocx, zh_lang: &str, comments: usize) -> Vec<(String, Vec<u8>)> {
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), xml.content_type),
        ("_rels/.rels".into(), xml.rels),
        ("docProps/app.xml".into(), xml.doc_props.app),
        ("docProps/core.xml".into(), xml.doc_props.core),
        ("docProps/custom.xml".into(), xml.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), xml.document_rels),
        ("word/document.xml".into(), xml.document),
        ("word/styles.xml".into(), xml.styles),
        ("word/settings.xml".into(), xml.settings),
        ("word/fontTable.xml".into(), xml.font_table),
        ("word/comments.xml".into(), xml.comments),
        ("word/numbering.xml".into(), xml.numberings),
        ("word/commentsExtended.xml".into(), xml.comments_extended),
        ("word/footnotes.xml".into(), xml.footnotes),
    ];
    for (i, h) in xml.headers.into_iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), h));
        if let Some(rels) = xml.header_rels.get(i) {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), rels.clone()));
        }
    }
    for (i, f) in xml.footers.into_iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), f));
        if let Some(rels) = xml.footer_rels.get(i) {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels.clone()));
        }
    }
    let mut revisions = Renumber::from(comments + 1);
    let mut paragraphs = Renumber::from(1);
    for (name, bytes) in &mut parts {
        if !name.ends_with(".xml") {
            continue;
        }
        let mut text = String::from_utf8_lossy(bytes).into_owned();
        for tag in ["<w:ins w:id=\"", "<w:del w:id=\""] {
            text = revisions.attribute(&text, tag, |n| n.to_string());
        }
        for attr in ["w14:paraId=\"", "w15:paraId=\"", "w15:paraIdParent=\""] {
            text = paragraphs.attribute(&text, attr, |n| format!("{n:08X}"));
        }
        if name == "word/document.xml" {
            text = text.replace(
                "<w:trPr><w:cantSplit /></w:trPr>",
                "<w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>",
            );
        }
        if name == "word/styles.xml" {
            text = with_languages(&text, zh_lang);
        }
        *bytes = text.into_bytes();
    }
    parts
}

/// Gives each distinct value of an attribute a number in order of first sight, the same
/// number wherever the old value appears again (a comment's paragraph in
/// commentsExtended).
struct Renumber {
    first: usize,
    seen: HashMap<String, usize>,
}

impl Renumber {
    fn from(first: usize) -> Self {
        Renumber {
            first,
            seen: HashMap::new(),
        }
    }

    fn attribute(&mut self, text: &str, prefix: &str, show: impl Fn(usize) -> String) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(at) = rest.find(prefix) {
            let value_at = at + prefix.len();
            let Some(len) = rest[value_at..].find('"') else {
                break;
            };
            let value = &rest[value_at..value_at + len];
            let next = self.first + self.seen.len();
            let n = *self.seen.entry(value.to_string()).or_insert(next);
            out.push_str(&rest[..value_at]);
            out.push_str(&show(n));
            rest = &rest[value_at + len..];
        }
        out.push_str(rest);
        out
    }
}

/// The document defaults with `w:lang`, last in their run properties as the schema
/// orders it.
fn with_languages(styles: &str, zh_lang: &str) -> String {
    let lang =
        format!("<w:lang w:val=\"en-GB\" w:eastAsia=\"{zh_lang}\" /></w:rPr></w:rPrDefault>");
    styles.replacen("</w:rPr></w:rPrDefault>", &lang, 1)
}

#[cfg(test)]
#[path = "docx_tests.rs"]
mod docx_tests;
