//! `accord search QUERY`: every case's notes, ranked, with the matches marked.

use accord::search::{self, Fragment, SearchHit, SearchQuery};
use accord::{cases, parties, time, Error, Result};
use chrono::NaiveDate;
use clap::Args;

use super::output::Out;
use super::{parse_opt, Context};

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words (English is stemmed), Chinese of any length in either script, "quoted
    /// phrases"; all must match.
    pub query: String,
    /// Only this case's notes.
    #[arg(long)]
    pub case: Option<String>,
    /// Only notes recording this party's words (needs --case).
    #[arg(long, requires = "case")]
    pub party: Option<String>,
    /// shared, caucus or private.
    #[arg(long)]
    pub visibility: Option<String>,
    /// fact, issue, interest, option or proposal.
    #[arg(long)]
    pub tag: Option<String>,
    /// First day, YYYY-MM-DD (on this laptop's clock).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day, YYYY-MM-DD (on this laptop's clock).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only what this party may see: shared notes and its own caucus notes (needs --case).
    #[arg(long, value_name = "PARTY", requires = "case")]
    pub as_party: Option<String>,
    /// Hits per page (at most 100).
    #[arg(long, default_value_t = search::DEFAULT_LIMIT)]
    pub limit: u32,
    /// Which page, from 1.
    #[arg(long, default_value_t = 1)]
    pub page: u32,
}

/// What the desktop's search_notes does, with the same query and the laptop's zone.
pub fn run(ctx: &Context<'_>, a: &SearchArgs) -> Result<()> {
    let conn = ctx.read()?;
    let case = match &a.case {
        Some(c) => Some(cases::find(conn, c)?),
        None => None,
    };
    let party = |reference: &Option<String>| -> Result<Option<accord::ids::PartyId>> {
        match (reference, &case) {
            (Some(p), Some(c)) => Ok(Some(parties::find(conn, Some(c.id), p)?.id)),
            _ => Ok(None),
        }
    };
    let query = SearchQuery {
        text: a.query.clone(),
        case_id: case.as_ref().map(|c| c.id),
        party_id: party(&a.party)?,
        visibility: parse_opt(&a.visibility)?,
        tag: parse_opt(&a.tag)?,
        from: date("from", &a.from)?,
        to: date("to", &a.to)?,
        as_party: party(&a.as_party)?,
        limit: Some(a.limit),
        offset: Some(a.page.max(1).saturating_sub(1).saturating_mul(a.limit)),
    };
    let results = search::search(conn, &query, time::local_zone())?;
    if ctx.out.json {
        ctx.out.print_json(&results);
        return Ok(());
    }
    print_hits(ctx.out, &results.hits, results.total);
    Ok(())
}

fn date(field: &'static str, value: &Option<String>) -> Result<Option<NaiveDate>> {
    value
        .as_deref()
        .map(|v| {
            NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").map_err(|_| Error::InvalidTime {
                field,
                value: v.into(),
            })
        })
        .transpose()
}

fn print_hits(out: &Out, hits: &[SearchHit], total: u32) {
    let bold = out.colour();
    let mut table = out.table(&[
        "col-id",
        "col-reference",
        "col-visibility",
        "col-when",
        "col-text",
    ]);
    for hit in hits {
        let mut text = marked(&hit.en, bold);
        let zh = marked(&hit.zh, bold);
        if !zh.is_empty() {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&zh);
        }
        table.add_row(vec![
            hit.note_id.short(),
            hit.case_ref.clone(),
            out.term("visibility", hit.visibility.as_str()),
            time::from_storage(&hit.created_at)
                .map(time::show_local)
                .unwrap_or_default(),
            text,
        ]);
    }
    println!("{table}");
    let shown = if total >= search::TOTAL_CAP {
        format!("{}+", search::TOTAL_CAP)
    } else {
        total.to_string()
    };
    out.notice("search-total", &[("total", shown)]);
}

/// Matches in bold on a terminal, else between « and ».
fn marked(fragments: &[Fragment], bold: bool) -> String {
    fragments
        .iter()
        .map(|f| match (f.hit, bold) {
            (false, _) => f.text.replace('\n', " "),
            (true, true) => format!("\u{1b}[1m{}\u{1b}[0m", f.text),
            (true, false) => format!("«{}»", f.text),
        })
        .collect()
}
