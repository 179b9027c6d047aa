//! The `hotwash` binary: the command line, and the desktop app when no subcommand is given.

/// The allocator: see `mimalloc` in Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(hotwash::cli::main())
}
