//! The `hotwash` binary: the command line, and the desktop app when no subcommand is given. The
//! command line lives here, not in the library, so no other front end can reach into it.

mod cli;

/// The allocator: see `mimalloc` in Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(cli::main())
}
