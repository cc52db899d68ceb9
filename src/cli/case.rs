//! `accord case …`: open, list, show, change and close cases.

use accord::cases::{self, CaseFilter, CaseUpdate, NewCase};
use accord::vault::Access;
use accord::{views, Result};
use clap::{Args, Subcommand};

use super::show::{case_fields, print_case, print_parties, print_sessions};
use super::{parse_opt, Context};

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// Open a new case (status: intake).
    New(CaseNewArgs),
    /// List cases.
    List(CaseListArgs),
    /// Show a case with its parties, mediators and sessions.
    Show { case: String },
    /// Change a case.
    Update(CaseUpdateArgs),
    /// Close a case as settled, terminated or withdrawn.
    Close {
        case: String,
        #[arg(long)]
        outcome: String,
    },
}

impl CaseCommand {
    pub fn access(&self) -> Access {
        match self {
            CaseCommand::List(_) | CaseCommand::Show { .. } => Access::Read,
            _ => Access::Write,
        }
    }
}

#[derive(Debug, Args)]
pub struct CaseNewArgs {
    /// state-to-state, investor-state or commercial.
    #[arg(long)]
    pub kind: String,
    /// state-to-state or general (default: from the kind).
    #[arg(long)]
    pub panel: Option<String>,
    /// Caucus confidentiality: icsid or hong-kong (closed unless the party authorises
    /// disclosure; default hong-kong) or uncitral (open unless the party asks for confidence).
    #[arg(long)]
    pub confidentiality: Option<String>,
    #[arg(long)]
    pub title_en: Option<String>,
    #[arg(long)]
    pub title_zh: Option<String>,
    /// The Secretariat's case number, if already known.
    #[arg(long)]
    pub official_no: Option<String>,
    /// A co-mediator (repeatable).
    #[arg(long = "co-mediator", value_name = "NAME")]
    pub co_mediators: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CaseListArgs {
    #[arg(long)]
    pub status: Option<String>,
    #[arg(long)]
    pub kind: Option<String>,
    /// Text in either title, a party's name or a reference.
    #[arg(long)]
    pub filter: Option<String>,
}

#[derive(Debug, Args)]
pub struct CaseUpdateArgs {
    pub case: String,
    #[arg(long)]
    pub title_en: Option<String>,
    #[arg(long)]
    pub title_zh: Option<String>,
    #[arg(long)]
    pub official_no: Option<String>,
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub panel: Option<String>,
    #[arg(long)]
    pub status: Option<String>,
    /// icsid, hong-kong or uncitral.
    #[arg(long)]
    pub confidentiality: Option<String>,
    #[arg(long = "add-co-mediator", value_name = "NAME")]
    pub add_co_mediators: Vec<String>,
    #[arg(long = "remove-co-mediator", value_name = "NAME")]
    pub remove_co_mediators: Vec<String>,
}

pub fn run(ctx: &mut Context<'_>, command: &CaseCommand) -> Result<()> {
    match command {
        CaseCommand::New(a) => new(ctx, a),
        CaseCommand::List(a) => list(ctx, a),
        CaseCommand::Show { case } => show(ctx, case),
        CaseCommand::Update(a) => update(ctx, a),
        CaseCommand::Close { case, outcome } => close(ctx, case, outcome),
    }
}

fn new(ctx: &mut Context<'_>, a: &CaseNewArgs) -> Result<()> {
    let new = NewCase {
        kind: Some(a.kind.parse()?),
        panel: parse_opt(&a.panel)?,
        confidentiality: parse_opt(&a.confidentiality)?,
        title_en: a.title_en.clone(),
        title_zh: a.title_zh.clone(),
        official_no: a.official_no.clone(),
        lead_mediator: ctx.mediator()?,
        co_mediators: a.co_mediators.clone(),
    };
    let case = ctx.change(|tx| cases::create(tx, new))?;
    print_case(ctx.out, &case)
}

fn list(ctx: &Context<'_>, a: &CaseListArgs) -> Result<()> {
    let out = ctx.out;
    let filter = CaseFilter {
        status: parse_opt(&a.status)?,
        kind: parse_opt(&a.kind)?,
        text: a.filter.clone(),
    };
    let list = cases::list(ctx.read()?, &filter)?;
    if out.json {
        out.print_json(&list);
        return Ok(());
    }
    let mut table = out.table(&[
        "col-reference",
        "col-title",
        "col-kind",
        "col-status",
        "col-official-no",
    ]);
    for c in &list {
        table.add_row(vec![
            c.local_ref.clone(),
            c.title(),
            out.term("kind", c.kind.as_str()),
            out.term("status", c.status.as_str()),
            c.official_no.clone().unwrap_or_default(),
        ]);
    }
    println!("{table}");
    Ok(())
}

/// The desktop's case page, `views::case_detail`, found by reference or id.
fn show(ctx: &Context<'_>, reference: &str) -> Result<()> {
    let out = ctx.out;
    let conn = ctx.read()?;
    let case = cases::find(conn, reference)?;
    let detail = views::case_detail(conn, case.id)?;
    if out.json {
        out.print_json(&detail);
        return Ok(());
    }
    let names: Vec<String> = detail
        .mediators
        .iter()
        .map(|m| {
            format!(
                "{} ({})",
                m.name,
                out.term("mediator-role", m.role.as_str())
            )
        })
        .collect();
    case_fields(
        out,
        &detail.case,
        vec![("label-mediators", names.join(", "))],
    );
    println!();
    print_parties(out, &detail.parties);
    println!();
    print_sessions(out, &detail.sessions, &detail.parties);
    Ok(())
}

fn update(ctx: &mut Context<'_>, a: &CaseUpdateArgs) -> Result<()> {
    let found = cases::find(ctx.read()?, &a.case)?;
    let change = CaseUpdate {
        title_en: a.title_en.clone(),
        title_zh: a.title_zh.clone(),
        official_no: a.official_no.clone(),
        kind: parse_opt(&a.kind)?,
        panel: parse_opt(&a.panel)?,
        status: parse_opt(&a.status)?,
        confidentiality: parse_opt(&a.confidentiality)?,
        add_co_mediators: a.add_co_mediators.clone(),
        remove_co_mediators: a.remove_co_mediators.clone(),
    };
    let case = ctx.change(|tx| cases::update(tx, found.id, change))?;
    print_case(ctx.out, &case)
}

fn close(ctx: &mut Context<'_>, reference: &str, outcome: &str) -> Result<()> {
    let found = cases::find(ctx.read()?, reference)?;
    let outcome = outcome.parse()?;
    let case = ctx.change(|tx| cases::close(tx, found.id, outcome))?;
    print_case(ctx.out, &case)
}
