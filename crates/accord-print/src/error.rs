//! Why a document could not be printed. One variant per failure, each with a stable code
//! ([`Error::code`]) that the core maps to its own error codes and texts in both
//! languages; [`std::fmt::Display`] is English, for logs.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// `Document::date` is not a real `YYYY-MM-DD` date.
    InvalidDate { date: String },
    /// A clause's depth is outside 1..=3.
    InvalidDepth { number: String, depth: u8 },
    /// `pixels_per_pt` for a preview is not a finite number in 0.1..=16.
    InvalidScale { pixels_per_pt: String },
    /// The template failed to compile or lay out: a defect of ours, never of the text.
    Typeset { detail: String },
    /// The laid-out document could not be written as PDF.
    Pdf { detail: String },
    /// A page could not be encoded as PNG.
    Png { detail: String },
}

impl Error {
    /// A stable, code-like name for the failure.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidDate { .. } => "print-invalid-date",
            Error::InvalidDepth { .. } => "print-invalid-depth",
            Error::InvalidScale { .. } => "print-invalid-scale",
            Error::Typeset { .. } => "print-typeset-failed",
            Error::Pdf { .. } => "print-pdf-failed",
            Error::Png { .. } => "print-png-failed",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidDate { date } => {
                write!(
                    f,
                    "the document date {date:?} is not a date of the form YYYY-MM-DD"
                )
            }
            Error::InvalidDepth { number, depth } => {
                write!(
                    f,
                    "clause {number} has depth {depth}; depths go from 1 to 3"
                )
            }
            Error::InvalidScale { pixels_per_pt } => {
                write!(
                    f,
                    "{pixels_per_pt} pixels per point is not a preview scale (0.1 to 16)"
                )
            }
            Error::Typeset { detail } => write!(f, "the agreement could not be typeset: {detail}"),
            Error::Pdf { detail } => write!(f, "the PDF could not be written: {detail}"),
            Error::Png { detail } => write!(f, "a preview page could not be drawn: {detail}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<crate::prepare::Invalid> for Error {
    fn from(e: crate::prepare::Invalid) -> Self {
        match e {
            crate::prepare::Invalid::Date(date) => Error::InvalidDate { date },
            crate::prepare::Invalid::Depth { number, depth } => {
                Error::InvalidDepth { number, depth }
            }
        }
    }
}
