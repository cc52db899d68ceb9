//! What every benchmark prints the same way: durations, the machine's load, progress.

use std::time::Duration;

/// `1.23 s`, `4.5 ms` or `670 µs`.
pub fn fmt_duration(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 1e-3 {
        format!("{:.1} ms", s * 1e3)
    } else {
        format!("{:.0} µs", s * 1e6)
    }
}

/// A `/proc` file's text, or nothing where there is no `/proc`.
pub fn read_proc(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The 1, 5 and 15 minute load averages: on a shared machine, the context of a run.
pub fn load_average() -> String {
    read_proc("/proc/loadavg")
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A step of a long run, on stderr so the table on stdout stays clean.
pub fn progress(step: &str) {
    eprintln!("[bench] {step}");
}
