//! An agreement's preview pages and its export to a file the mediator chooses.
//!
//! Everything is made in memory by the core (`accord::agreements::{print, docx,
//! text_render}`); the only file written is the one the mediator picks in the native save
//! dialog, which the shell opens itself: the web view holds no dialog or file-system
//! permission, so a page cannot choose a path or write anywhere. Rendering and the dialog
//! run on a blocking thread (a debug render takes a second or two), and the PDF is laid
//! out after the vault's lock is released, so autosaves are not held up by it.
//!
//! Preview pages go to the UI as `data:image/png` URLs, which the CSP's `img-src 'self'
//! data:` already allows: nothing in the CSP was widened.

use std::path::PathBuf;

use accord::agreements::print;
use accord::agreements::text_render::{self, Layout, Rendering};
use accord::agreements::{self, docx, versions};
use accord::Error;
use base64::Engine;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::{id, Reply};
use crate::state::{report, AppState};

/// About 108 dpi: a page is legible in the panel without a zoom.
const PREVIEW_PIXELS_PER_PT: f32 = 1.5;

/// Longest title kept in a suggested file name (characters).
const NAME_MAX: usize = 80;

/// What an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Pdf,
    Docx,
    Html,
    Markdown,
}

impl ExportFormat {
    const ALL: [(&'static str, ExportFormat); 4] = [
        ("pdf", ExportFormat::Pdf),
        ("docx", ExportFormat::Docx),
        ("html", ExportFormat::Html),
        ("md", ExportFormat::Markdown),
    ];

    fn extension(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("", |(e, _)| e)
    }

    /// The save dialog's filter, in both languages (the dialog is the system's).
    fn filter_name(self) -> &'static str {
        match self {
            ExportFormat::Pdf => "PDF",
            ExportFormat::Docx => "Word",
            ExportFormat::Html => "HTML",
            ExportFormat::Markdown => "Markdown",
        }
    }
}

/// An export asked for, checked before anything is read or rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportRequest {
    pub format: ExportFormat,
    pub layout: Layout,
    /// A saved version, or the draft as it stands.
    pub version: Option<i64>,
    /// A redline from this version to `version`.
    pub redline_from: Option<i64>,
}

impl ExportRequest {
    /// `format` is `pdf`, `docx`, `html` or `md`; a redline is PDF or Word only (what the
    /// core can make of one). Anything else is `invalid` naming the field.
    pub fn parse(
        format: &str,
        layout: &str,
        version: Option<i64>,
        redline_from: Option<i64>,
    ) -> accord::Result<Self> {
        let wanted = format.trim().to_ascii_lowercase();
        let format = ExportFormat::ALL
            .iter()
            .find(|(name, _)| *name == wanted)
            .map(|(_, f)| *f)
            .ok_or_else(|| Error::Invalid {
                field: "format",
                value: format!("{format} (one of: pdf, docx, html, md)"),
            })?;
        let layout: Layout = layout.parse()?;
        if redline_from.is_some() && !matches!(format, ExportFormat::Pdf | ExportFormat::Docx) {
            return Err(Error::Invalid {
                field: "format",
                value: format!("{wanted} (a redline is pdf or docx)"),
            });
        }
        Ok(ExportRequest {
            format,
            layout,
            version,
            redline_from,
        })
    }

    /// The name the save dialog suggests: the title made safe for any file system, then
    /// which text it is (`draft`, `v3`, `redline v1-draft`).
    pub fn file_name(&self, title: &str) -> String {
        let which = |v: Option<i64>| v.map_or("draft".to_string(), |n| format!("v{n}"));
        let what = match self.redline_from {
            Some(from) => format!("redline v{from}-{}", which(self.version)),
            None => which(self.version),
        };
        format!("{} {what}.{}", safe_stem(title), self.format.extension())
    }
}

/// `title` without what a file system or a shell could read as structure: path separators,
/// the characters Windows reserves, control and invisible characters, leading dots (a
/// hidden file, `..`). Empty after that: `agreement`.
pub fn safe_stem(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => ' ',
            c if c.is_control() || accord::text::breaks_one_line(c) => ' ',
            c => c,
        })
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let joined: String = words.join(" ").chars().take(NAME_MAX).collect();
    let trimmed = joined
        .trim_start_matches(['.', ' '])
        .trim_end_matches(['.', ' ']);
    if trimmed.is_empty() {
        "agreement".to_string()
    } else {
        trimmed.to_string()
    }
}

/// The day a draft is dated (a version is dated by when it was saved).
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Runs `work` on a blocking thread, off the async runtime's workers.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> Reply<T> + Send + 'static) -> Reply<T> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| {
            report(Error::PrintFailed {
                detail: e.to_string(),
            })
        })?
}

/// The pages of version `version` (or the draft as it stands), as PNG `data:` URLs.
#[tauri::command]
pub async fn agreement_preview(
    state: State<'_, AppState>,
    agreement_id: String,
    version: Option<i64>,
    layout: String,
) -> Reply<Vec<String>> {
    let agreement_id = id(&agreement_id)?;
    let layout: Layout = layout.parse().map_err(report)?;
    let doc = state
        .with_vault(|v| print::document_of(v.read(), agreement_id, version, layout, today()))?;
    let pages =
        blocking(move || print::png_pages(&doc, PREVIEW_PIXELS_PER_PT).map_err(report)).await?;
    let b64 = base64::engine::general_purpose::STANDARD;
    Ok(pages
        .iter()
        .map(|png| format!("data:image/png;base64,{}", b64.encode(png)))
        .collect())
}

/// What the core made, still to finish off the vault's lock: a PDF is laid out then, the
/// other formats are bytes already.
type Made = Box<dyn FnOnce() -> accord::Result<Vec<u8>> + Send>;

fn bytes(bytes: Vec<u8>) -> Made {
    Box::new(move || Ok(bytes))
}

fn make(
    conn: &accord::store::Db,
    agreement_id: accord::ids::AgreementId,
    r: &ExportRequest,
) -> accord::Result<Made> {
    if let Some(from) = r.redline_from {
        if r.format == ExportFormat::Docx {
            return Ok(bytes(docx::compare(conn, agreement_id, from, r.version)?));
        }
        let doc = print::redline_of(conn, agreement_id, from, r.version, r.layout, today())?;
        return Ok(Box::new(move || print::pdf(&doc)));
    }
    let (listed, frozen) = versions::frozen(conn, agreement_id, r.version)?;
    let rendering = Rendering {
        frozen: &frozen,
        version: listed.as_ref(),
        layout: r.layout,
    };
    Ok(match r.format {
        ExportFormat::Pdf => {
            let doc = print::agreement(&rendering, today());
            Box::new(move || print::pdf(&doc))
        }
        ExportFormat::Docx => bytes(docx::agreement(&rendering)?),
        ExportFormat::Html => bytes(text_render::html(&rendering).into_bytes()),
        ExportFormat::Markdown => bytes(text_render::markdown(&rendering).into_bytes()),
    })
}

/// The agreement (or a redline) made in memory, then saved where the mediator chooses in
/// the native save dialog. The path written, or nothing when the dialog was cancelled.
#[tauri::command]
pub async fn agreement_export(
    app: AppHandle,
    state: State<'_, AppState>,
    agreement_id: String,
    format: String,
    layout: String,
    version: Option<i64>,
    redline_from: Option<i64>,
) -> Reply<Option<String>> {
    let agreement_id = id(&agreement_id)?;
    let request = ExportRequest::parse(&format, &layout, version, redline_from).map_err(report)?;
    let (name, made) = state.with_vault(|v| {
        let conn = v.read();
        let title = agreements::load(conn, agreement_id)?.title();
        Ok((
            request.file_name(&title),
            make(conn, agreement_id, &request)?,
        ))
    })?;
    blocking(move || {
        let bytes = made().map_err(report)?;
        let format = request.format;
        let chosen = app
            .dialog()
            .file()
            .set_file_name(&name)
            .add_filter(format.filter_name(), &[format.extension()])
            .blocking_save_file();
        let Some(chosen) = chosen else {
            return Ok(None);
        };
        let path: PathBuf = chosen
            .into_path()
            .map_err(|e| report(Error::Io(std::io::Error::other(e))))?;
        // Synced before the path is reported, as the CLI's exports are: "saved" means on disk.
        let write = || -> std::io::Result<()> {
            let mut file = std::fs::File::create(&path)?;
            std::io::Write::write_all(&mut file, &bytes)?;
            file.sync_all()
        };
        write().map_err(|e| report(Error::Io(e)))?;
        Ok(Some(path.display().to_string()))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(format: &str, redline_from: Option<i64>) -> accord::Result<ExportRequest> {
        ExportRequest::parse(format, "side-by-side", None, redline_from)
    }

    #[test]
    fn hostile_titles_suggest_a_plain_file_name() {
        let draft = request("pdf", None).unwrap();
        for (title, expected) in [
            ("../../etc/passwd", "etc passwd draft.pdf"),
            ("..\\..\\Windows\\System32", "Windows System32 draft.pdf"),
            ("/abs/path", "abs path draft.pdf"),
            ("a\0b\nc\u{202e}d", "a b c d draft.pdf"),
            ("C:con<>|?*\"", "C con draft.pdf"),
            ("...", "agreement draft.pdf"),
            ("", "agreement draft.pdf"),
            ("和解協議 / Settlement", "和解協議 Settlement draft.pdf"),
        ] {
            let name = draft.file_name(title);
            assert_eq!(name, expected, "title {title:?}");
            assert!(!name.contains(['/', '\\']), "no separator in {name:?}");
        }
        let long = draft.file_name(&"x".repeat(500));
        assert!(
            long.chars().count() <= NAME_MAX + " draft.pdf".len(),
            "long titles are cut: {long}"
        );
    }

    #[test]
    fn the_name_says_which_text_it_is() {
        let v3 = ExportRequest::parse("docx", "sequential", Some(3), None).unwrap();
        assert_eq!(v3.file_name("Harbour"), "Harbour v3.docx");
        let md = ExportRequest::parse("md", "sequential", None, None).unwrap();
        assert_eq!(md.file_name("Harbour"), "Harbour draft.md");
        let red = ExportRequest::parse("pdf", "side-by-side", None, Some(1)).unwrap();
        assert_eq!(red.file_name("Harbour"), "Harbour redline v1-draft.pdf");
        let red = ExportRequest::parse("docx", "side-by-side", Some(2), Some(1)).unwrap();
        assert_eq!(red.file_name("Harbour"), "Harbour redline v1-v2.docx");
    }

    #[test]
    fn formats_and_layouts_parse_or_are_refused_by_name() {
        for (text, format) in [
            ("pdf", ExportFormat::Pdf),
            ("DOCX", ExportFormat::Docx),
            ("html", ExportFormat::Html),
            (" md ", ExportFormat::Markdown),
        ] {
            assert_eq!(request(text, None).unwrap().format, format, "{text}");
        }
        let layout = ExportRequest::parse("pdf", "sequential", None, None)
            .unwrap()
            .layout;
        assert_eq!(layout, Layout::Sequential);
        for bad in ["odt", "", "pdf/../x", "markdown"] {
            let e = request(bad, None).unwrap_err();
            assert!(
                matches!(
                    e,
                    Error::Invalid {
                        field: "format",
                        ..
                    }
                ),
                "{bad}: {e}"
            );
        }
        let e = ExportRequest::parse("pdf", "diagonal", None, None).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Invalid {
                    field: "layout",
                    ..
                }
            ),
            "{e}"
        );
    }

    #[test]
    fn a_redline_exports_as_pdf_or_word_only() {
        assert!(request("pdf", Some(1)).is_ok());
        assert!(request("docx", Some(1)).is_ok());
        for text in ["html", "md"] {
            let e = request(text, Some(1)).unwrap_err();
            assert!(
                matches!(
                    e,
                    Error::Invalid {
                        field: "format",
                        ..
                    }
                ),
                "{text}: {e}"
            );
            assert!(
                request(text, None).is_ok(),
                "{text} is fine for the agreement itself"
            );
        }
    }
}
