//! Renders the sample agreements and a 60-clause one, and prints how long each took and
//! how large the PDF is: `cargo run --release -p accord-print --example render [OUT_DIR]`.
//! With OUT_DIR, the PDFs are written there too (to look at them).

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

fn main() {
    let out = std::env::args().nth(1).map(std::path::PathBuf::from);
    let docs = [
        ("agreement-hant", common::fixture("agreement-hant")),
        ("agreement-hans", common::fixture("agreement-hans")),
        ("redline-hant", common::fixture("redline-hant")),
        ("sixty-clauses", common::long(60)),
    ];
    for (name, doc) in &docs {
        let mut times = Vec::new();
        let mut bytes = Vec::new();
        for _ in 0..5 {
            let start = Instant::now();
            bytes = accord_print::pdf(doc).expect("renders");
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        let start = Instant::now();
        let pages = accord_print::png_pages(doc, 1.0).expect("renders").len();
        let png_ms = start.elapsed().as_secs_f64() * 1000.0;
        println!(
            "{name}: {pages} pages, {} bytes; pdf first {:.0} ms, then {:.0}-{:.0} ms; png pages at 1 px/pt {png_ms:.0} ms",
            bytes.len(),
            times[0],
            times[1..].iter().cloned().fold(f64::MAX, f64::min),
            times[1..].iter().cloned().fold(0.0, f64::max),
        );
        if let Some(dir) = &out {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(dir.join(format!("{name}.pdf")), &bytes).unwrap();
        }
    }
}
