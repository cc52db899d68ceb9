//! `accord`: the command-line face of the core. See `accord help`.

mod cli;

fn main() {
    std::process::exit(cli::main());
}
