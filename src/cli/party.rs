//! `accord party …`: a case's parties.

use accord::cases;
use accord::parties::{self, NewParty, PartyUpdate};
use accord::vault::Access;
use accord::Result;
use clap::{Args, Subcommand};

use super::show::{print_parties, print_party};
use super::{parse_opt, Context};

#[derive(Debug, Subcommand)]
pub enum PartyCommand {
    /// Add a party to a case.
    Add(PartyAddArgs),
    /// List a case's parties.
    List {
        #[arg(long)]
        case: String,
    },
    /// Change a party.
    Update(PartyUpdateArgs),
}

impl PartyCommand {
    pub fn access(&self) -> Access {
        match self {
            PartyCommand::List { .. } => Access::Read,
            _ => Access::Write,
        }
    }
}

#[derive(Debug, Args)]
pub struct PartyAddArgs {
    #[arg(long)]
    pub case: String,
    /// state, state-entity, investor, company or person.
    #[arg(long)]
    pub kind: String,
    /// requesting, responding or other.
    #[arg(long)]
    pub role: String,
    #[arg(long)]
    pub name_en: Option<String>,
    #[arg(long)]
    pub name_zh: Option<String>,
    /// A representative (repeatable).
    #[arg(long = "rep", value_name = "NAME")]
    pub representatives: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PartyUpdateArgs {
    pub party: String,
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub role: Option<String>,
    #[arg(long)]
    pub name_en: Option<String>,
    #[arg(long)]
    pub name_zh: Option<String>,
    #[arg(long = "add-rep", value_name = "NAME")]
    pub add_representatives: Vec<String>,
    #[arg(long = "remove-rep", value_name = "NAME")]
    pub remove_representatives: Vec<String>,
}

pub fn run(ctx: &mut Context<'_>, command: &PartyCommand) -> Result<()> {
    match command {
        PartyCommand::Add(a) => add(ctx, a),
        PartyCommand::List { case } => list(ctx, case),
        PartyCommand::Update(a) => update(ctx, a),
    }
}

fn add(ctx: &mut Context<'_>, a: &PartyAddArgs) -> Result<()> {
    let case = cases::find(ctx.read()?, &a.case)?;
    let new = NewParty {
        kind: Some(a.kind.parse()?),
        role: Some(a.role.parse()?),
        name_en: a.name_en.clone(),
        name_zh: a.name_zh.clone(),
        representatives: a.representatives.clone(),
    };
    let party = ctx.change(|tx| parties::create(tx, &case, new))?;
    print_party(ctx.out, &party);
    Ok(())
}

fn list(ctx: &Context<'_>, reference: &str) -> Result<()> {
    let conn = ctx.read()?;
    let case = cases::find(conn, reference)?;
    let list = parties::list(conn, case.id)?;
    if ctx.out.json {
        ctx.out.print_json(&list);
    } else {
        print_parties(ctx.out, &list);
    }
    Ok(())
}

fn update(ctx: &mut Context<'_>, a: &PartyUpdateArgs) -> Result<()> {
    let found = parties::find(ctx.read()?, None, &a.party)?;
    let change = PartyUpdate {
        kind: parse_opt(&a.kind)?,
        role: parse_opt(&a.role)?,
        name_en: a.name_en.clone(),
        name_zh: a.name_zh.clone(),
        add_representatives: a.add_representatives.clone(),
        remove_representatives: a.remove_representatives.clone(),
    };
    let party = ctx.change(|tx| parties::update(tx, found.id, change))?;
    print_party(ctx.out, &party);
    Ok(())
}
