//! The `adrsite` binary: parse the command line, call the library, map the outcome to an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    adrsite::cli::main()
}
