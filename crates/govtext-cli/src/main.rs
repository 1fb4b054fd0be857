//! The `govtext` binary: everything is in the library; this only runs the command line.

mod args;
mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
