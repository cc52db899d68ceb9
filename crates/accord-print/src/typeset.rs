//! Every call into typst lives here, behind [`pdf`] and [`png_pages`]: typst 0.x changes
//! its API in every minor release, and the versions are pinned (`=0.15.1`).
//!
//! The [`World`] is ours and holds only what the template may read: the template itself
//! (the main source), `/data.json` (the [`crate::prepare`] view of the document) and
//! `/watermark.svg`, all from memory, and the shipped fonts. Any other path and every
//! `@preview/…` package is "not found": nothing is read from disk or the network.
//!
//! Determinism: `today()` is the document's date, the template stamps it as the PDF's
//! date, and the PDF identifier is fixed, so the same [`Document`] gives the same bytes.
//! After each render the memoisation caches are trimmed (`comemo::evict`): the desktop
//! app renders many times in one process.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, PackageError, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::{LazyHash, Scalar};
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

use crate::error::Error;
use crate::fonts::FONTS;
use crate::model::Document;
use crate::prepare;

const TEMPLATE: &str = include_str!("../template/agreement.typ");
const WATERMARK: &[u8] = include_bytes!("../template/watermark.svg");
/// The PDF's identifier (`/ID`): fixed, so that output depends on the document only.
const IDENT: &str = "accord-agreement";
/// Compilations kept in typst's caches after a render (`comemo::evict`'s max age).
const CACHE_AGE: usize = 4;

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

fn file_id(path: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("a fixed, valid virtual path"),
    )
    .intern()
}

static MAIN: LazyLock<FileId> = LazyLock::new(|| file_id("/agreement.typ"));
static DATA: LazyLock<FileId> = LazyLock::new(|| file_id("/data.json"));
static MARK: LazyLock<FileId> = LazyLock::new(|| file_id("/watermark.svg"));

struct PrintWorld {
    main: Source,
    data: Bytes,
    today: Option<Datetime>,
}

impl World for PrintWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        *MAIN
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == *MAIN {
            Ok(self.main.clone())
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == *MAIN {
            Ok(Bytes::from_string(self.main.clone()))
        } else if id == *DATA {
            Ok(self.data.clone())
        } else if id == *MARK {
            Ok(Bytes::new(WATERMARK))
        } else {
            Err(not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

fn not_found(id: FileId) -> FileError {
    match id.root() {
        VirtualRoot::Package(spec) => FileError::Package(PackageError::NotFound(spec.clone())),
        VirtualRoot::Project => FileError::NotFound(id.vpath().get_without_slash().into()),
    }
}

/// Compiles and lays out the agreement.
fn layout(doc: &Document) -> Result<(PagedDocument, Datetime), Error> {
    let view = prepare::view(doc)?;
    let [y, m, d] = view.date();
    let date =
        Datetime::from_ymd(y as i32, m as u8, d as u8).ok_or_else(|| Error::InvalidDate {
            date: doc.date.clone(),
        })?;
    let data = serde_json::to_vec(&view).map_err(|e| Error::Typeset {
        detail: e.to_string(),
    })?;
    let world = PrintWorld {
        main: Source::new(*MAIN, TEMPLATE.to_owned()),
        data: Bytes::new(data),
        today: Some(date),
    };
    let compiled = typst::compile::<PagedDocument>(&world).output;
    let paged = compiled.map_err(|diags| Error::Typeset {
        detail: describe(&diags),
    })?;
    Ok((paged, date))
}

/// The messages, each with its line in the template (diagnostics are about the template:
/// the text is data, never code).
fn describe(diags: &[SourceDiagnostic]) -> String {
    let world = PrintWorld {
        main: Source::new(*MAIN, TEMPLATE.to_owned()),
        data: Bytes::new(Vec::<u8>::new()),
        today: None,
    };
    let line = |start| world.main.lines().byte_to_line(start).map_or(0, |l| l + 1);
    diags
        .iter()
        .map(|d| match world.range(d.span) {
            Some(r) => format!("{} (agreement.typ line {})", d.message, line(r.start)),
            None => d.message.to_string(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Runs a render, turning a panic inside typst (none is known; this is a guard) into an
/// error, and trims typst's caches afterwards.
fn guarded<T>(render: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    let out = catch_unwind(AssertUnwindSafe(render)).unwrap_or_else(|panic| {
        let detail = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "typst panicked".to_owned());
        Err(Error::Typeset { detail })
    });
    typst::comemo::evict(CACHE_AGE);
    out
}

/// The agreement as a print-ready PDF.
pub fn pdf(doc: &Document) -> Result<Vec<u8>, Error> {
    guarded(|| {
        let (paged, date) = layout(doc)?;
        let options = typst_pdf::PdfOptions {
            ident: Smart::Custom(IDENT.to_owned()),
            creator: Smart::Custom(Some("Accord".to_owned())),
            timestamp: Some(typst_pdf::Timestamp::new_utc(date)),
            ..Default::default()
        };
        typst_pdf::pdf(&paged, &options).map_err(|diags| Error::Pdf {
            detail: describe(&diags),
        })
    })
}

/// Every page as a PNG, at `pixels_per_pt` (1.0 is 72 dpi), for the app's preview.
pub fn png_pages(doc: &Document, pixels_per_pt: f32) -> Result<Vec<Vec<u8>>, Error> {
    if !(pixels_per_pt.is_finite() && (0.1..=16.0).contains(&pixels_per_pt)) {
        return Err(Error::InvalidScale {
            pixels_per_pt: pixels_per_pt.to_string(),
        });
    }
    guarded(|| {
        let (paged, _) = layout(doc)?;
        let options = typst_render::RenderOptions {
            pixel_per_pt: Scalar::new(f64::from(pixels_per_pt)),
            render_bleed: false,
        };
        paged
            .pages()
            .iter()
            .map(|page| {
                typst_render::render(page, &options)
                    .encode_png()
                    .map_err(|e| Error::Png {
                        detail: e.to_string(),
                    })
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use typst::syntax::package::PackageSpec;

    use super::*;

    fn world() -> PrintWorld {
        PrintWorld {
            main: Source::new(*MAIN, TEMPLATE.to_owned()),
            data: Bytes::new(b"{}".to_vec()),
            today: Datetime::from_ymd(2027, 3, 1),
        }
    }

    #[test]
    fn the_world_serves_its_own_files_and_nothing_else() {
        let world = world();
        assert_eq!(world.file(*DATA).unwrap().as_slice(), b"{}");
        assert_eq!(world.file(*MARK).unwrap().as_slice(), WATERMARK);
        assert!(world.source(*MAIN).is_ok());
        for path in ["/etc/passwd", "/data.json/../x", "/agreement.typ.bak"] {
            let Ok(vpath) = VirtualPath::new(path) else {
                continue;
            };
            let id = RootedPath::new(VirtualRoot::Project, vpath).intern();
            assert!(
                matches!(world.file(id), Err(FileError::NotFound(_))),
                "{path}"
            );
        }
        assert!(world.source(*DATA).is_err(), "data is never code");
        let spec: PackageSpec = "@preview/cetz:0.3.0".parse().unwrap();
        let id = RootedPath::new(
            VirtualRoot::Package(spec.clone()),
            VirtualPath::new("/lib.typ").unwrap(),
        )
        .intern();
        assert_eq!(
            world.source(id).err(),
            Some(FileError::Package(PackageError::NotFound(spec)))
        );
        assert_eq!(world.today(None), Datetime::from_ymd(2027, 3, 1));
        assert_eq!(world.font(FONTS.fonts.len()), None);
    }
}
