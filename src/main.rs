//! The `hotwash` binary: the command line, and the desktop app when no subcommand is given.

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(hotwash::cli::main())
}
