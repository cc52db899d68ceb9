//! How results reach the mediator: JSON for scripts, tables for people, errors on stderr.

use accord::i18n::{Lang, Messages};
use accord::Error;
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

pub struct Out {
    pub json: bool,
    messages: Messages,
}

impl Out {
    pub fn new(json: bool) -> Self {
        Out {
            json,
            messages: Messages::new(Lang::from_env()),
        }
    }

    /// Whether to mark text with terminal colours: stdout is a terminal and `NO_COLOR`
    /// is not set.
    pub fn colour(&self) -> bool {
        use std::io::IsTerminal;
        std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
    }

    /// A message from the catalog.
    pub fn text(&self, id: &str) -> String {
        self.messages.get(id, &[])
    }

    pub fn text_with(&self, id: &str, args: &[(&str, String)]) -> String {
        self.messages.get(id, args)
    }

    /// The word for a vocabulary value (`status-active`, `kind-caucus` …).
    pub fn term(&self, kind: &str, value: &str) -> String {
        self.messages.term(kind, value)
    }

    pub fn print_json<T: Serialize + ?Sized>(&self, value: &T) {
        println!(
            "{}",
            serde_json::to_string_pretty(value).expect("output serializes")
        );
    }

    /// A table whose header cells are catalog ids.
    pub fn table(&self, header_ids: &[&str]) -> Table {
        let mut table = Table::new();
        table
            .load_preset(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        table.set_header(header_ids.iter().map(|id| self.text(id)));
        table
    }

    /// `label: value` lines, with labels from the catalog, aligned.
    pub fn fields(&self, rows: &[(&str, String)]) {
        let labels: Vec<String> = rows.iter().map(|(id, _)| self.text(id)).collect();
        let width = labels.iter().map(|l| l.width()).max().unwrap_or(0);
        for (label, (_, value)) in labels.iter().zip(rows) {
            let pad = width - label.width();
            println!("{label}{}  {value}", " ".repeat(pad));
        }
    }

    /// A notice for the person at the keyboard, on stderr so it never pollutes output.
    pub fn notice(&self, id: &str, args: &[(&str, String)]) {
        eprintln!("{}", self.messages.get(id, args));
    }

    /// Something wrong that does not stop the command (a vault file others may read), on
    /// stderr with its code, like an error.
    pub fn warning(&self, warning: &Error) {
        let message = self.messages.error(warning);
        let code = warning.code().as_str();
        if self.json {
            let value = serde_json::json!({ "warning": { "code": code, "message": message } });
            eprintln!("{value}");
        } else {
            eprintln!("{} [{code}]: {message}", self.text("warning-label"));
        }
    }

    pub fn error(&self, error: &Error) {
        let message = self.messages.error(error);
        let code = error.code().as_str();
        if self.json {
            let value = serde_json::json!({ "error": { "code": code, "message": message } });
            eprintln!("{value}");
        } else {
            eprintln!("{} [{code}]: {message}", self.text("error-label"));
        }
    }
}
