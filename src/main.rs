//! The `adrsite` binary: parse the command line, call the library, map the outcome to an exit code.

use std::process::ExitCode;

// Rendering allocates many small strings on every thread; mimalloc's per-thread heaps avoid the
// contention glibc's allocator shows there (measured: see README, Performance).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    adrsite::cli::main()
}
