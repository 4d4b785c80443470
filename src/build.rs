//! Build script: the commit adrsite is built from, for `adrsite --version`.
//!
//! Input: `ADRSITE_COMMIT` when set (a packager's override), else `.cargo_vcs_info.json` (written
//! by `cargo package` into every published crate), else `git rev-parse` in this checkout. Output:
//! the `ADRSITE_COMMIT` environment variable of the compile, `unknown` when nothing says.

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=ADRSITE_COMMIT");
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&root);
    let commit = std::env::var("ADRSITE_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| packaged(root))
        .or_else(|| checkout(root))
        .unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=ADRSITE_COMMIT={commit}");
}

/// The commit `cargo package` recorded: `{"git": {"sha1": "…"}}`.
fn packaged(root: &Path) -> Option<String> {
    let info = root.join(".cargo_vcs_info.json");
    rerun_if_exists(root, ".cargo_vcs_info.json");
    let text = std::fs::read_to_string(info).ok()?;
    let at = text.find("\"sha1\"")?;
    let value = text[at + 6..].split('"').nth(1)?;
    (value.len() >= 12 && value.bytes().all(|b| b.is_ascii_hexdigit())).then(|| value[..12].to_string())
}

/// The commit checked out here, when this directory is the top of a git checkout (not a crate
/// unpacked inside some other repository).
fn checkout(root: &Path) -> Option<String> {
    let git = |args: &[&str]| {
        let out = Command::new("git").arg("-C").arg(root).args(args).output().ok()?;
        out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    let top = git(&["rev-parse", "--show-toplevel"])?;
    if Path::new(&top).canonicalize().ok()? != root.canonicalize().ok()? {
        return None;
    }
    // Build again when HEAD moves: HEAD itself, the branch it names, and packed refs.
    for name in ["HEAD", "packed-refs"] {
        if let Some(path) = git(&["rev-parse", "--git-path", name]) {
            rerun_if_exists(root, &path);
        }
    }
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"])
        && let Some(path) = git(&["rev-parse", "--git-path", &branch])
    {
        rerun_if_exists(root, &path);
    }
    git(&["rev-parse", "--short=12", "HEAD"])
}

fn rerun_if_exists(root: &Path, path: &str) {
    let path = root.join(path);
    if path.exists() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}
