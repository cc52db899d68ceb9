//! `accord`: the command-line face of the core. See `accord help`.

mod cli;

fn main() {
    // `accord note list | head` should stop quietly when `head` has read enough, as other
    // Unix tools do, instead of panicking on the closed pipe (Rust ignores SIGPIPE).
    #[cfg(unix)]
    // SAFETY: called first thing, before any other thread exists; resets one signal's
    // disposition to the system default.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // Before any key exists: no core dumps, no same-user ptrace, no secret left in the
    // environment (accord::process).
    if let Err(e) = accord::process::harden_at_start() {
        eprintln!("accord: cannot protect this process's memory / 無法保護程序記憶體: {e}");
        std::process::exit(1);
    }
    std::process::exit(cli::main());
}
