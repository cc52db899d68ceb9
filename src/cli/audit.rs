//! `accord audit …`: check the chain, list its events.

use accord::vault::Access;
use accord::{audit, cases, Result};
use clap::Subcommand;

use super::Context;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the chain and every record against it; names the first broken link.
    Verify,
    /// List audit events.
    Log {
        #[arg(long)]
        case: Option<String>,
    },
}

impl AuditCommand {
    pub fn access(&self) -> Access {
        Access::Read
    }
}

pub fn run(ctx: &Context<'_>, command: &AuditCommand) -> Result<()> {
    match command {
        AuditCommand::Verify => verify(ctx),
        AuditCommand::Log { case } => log(ctx, case.as_deref()),
    }
}

fn verify(ctx: &Context<'_>) -> Result<()> {
    let out = ctx.out;
    let report = ctx.verify()?.into_result()?;
    if out.json {
        out.print_json(&report);
    } else {
        let args = [
            ("events", report.events.to_string()),
            ("records", report.records.to_string()),
        ];
        println!("{}", out.text_with("audit-verified", &args));
    }
    Ok(())
}

fn log(ctx: &Context<'_>, case: Option<&str>) -> Result<()> {
    let out = ctx.out;
    let conn = ctx.read()?;
    let case_id = case
        .map(|c| cases::find(conn, c))
        .transpose()?
        .map(|c| c.id);
    let events = audit::list(conn, case_id)?;
    if out.json {
        out.print_json(&events);
        return Ok(());
    }
    let mut table = out.table(&[
        "col-seq",
        "col-time",
        "col-actor",
        "col-action",
        "col-record",
        "col-hash",
    ]);
    for e in &events {
        table.add_row(vec![
            e.seq.to_string(),
            e.at.clone(),
            e.actor.clone(),
            e.action.clone(),
            format!(
                "{} {}",
                e.entity_type,
                &e.entity_id[e.entity_id.len().saturating_sub(8)..]
            ),
            e.hash[..12].to_string(),
        ]);
    }
    println!("{table}");
    Ok(())
}
