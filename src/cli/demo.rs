//! `accord demo`: the bilingual sample case, through the one writer.

use accord::{demo, Result};

use super::Context;

pub fn run(ctx: &mut Context<'_>) -> Result<()> {
    let out = ctx.out;
    let sample = ctx.change(demo::create)?;
    if out.json {
        out.print_json(&sample);
    } else {
        let args = [("reference", sample.case.local_ref.clone())];
        println!("{}", out.text_with("demo-created", &args));
    }
    Ok(())
}
