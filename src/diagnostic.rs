//! Diagnostics: content problems found by any stage, collected and reported together.
//!
//! Input: the findings of `load`, `assemble` and `config`. Output: text in one of three formats
//! (human, JSON lines, GitHub Actions annotations). A diagnostic never stops a build; only the exit
//! code depends on them.

use serde::Serialize;
use std::fmt::Write as _;

pub use crate::vocab::{Code, Severity};

/// One finding about the content, pointing at `path:line:column`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    /// Path relative to the site directory, with `/` separators.
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
    /// The stable code.
    pub code: Code,
    /// Warning or error.
    pub severity: Severity,
    /// What is wrong, starting in lowercase.
    pub message: String,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// A warning at `path:line:column`.
    pub fn warning(path: impl Into<String>, line: u32, column: u32, code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line: line.max(1),
            column: column.max(1),
            code,
            severity: Severity::Warning,
            message: message.into(),
            help: None,
        }
    }

    /// A note at `path:line:column` that never fails a build.
    pub fn info(path: impl Into<String>, line: u32, column: u32, code: Code, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Info, ..Self::warning(path, line, column, code, message) }
    }

    /// An error at `path:line:column`.
    pub fn error(path: impl Into<String>, line: u32, column: u32, code: Code, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, ..Self::warning(path, line, column, code, message) }
    }

    /// Adds a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// The output formats of `--message-format`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    /// `path:line:col: warning[code]: message` and an indented hint.
    #[default]
    Human,
    /// One JSON object per line.
    Json,
    /// GitHub Actions workflow commands, shown inline on pull requests.
    Github,
}

/// Formats one diagnostic. `prefix` is joined before the path (the site directory as the user typed it)
/// so that paths can be opened from the current directory.
pub fn format(diag: &Diagnostic, format: MessageFormat, prefix: &str) -> String {
    let path = if diag.path.is_empty() {
        if prefix.is_empty() { ".".to_string() } else { prefix.to_string() }
    } else if prefix.is_empty() || prefix == "." {
        diag.path.clone()
    } else {
        format!("{}/{}", prefix.trim_end_matches('/'), diag.path)
    };
    match format {
        MessageFormat::Human => {
            // A diagnostic about the whole repository has no line to point at.
            let location =
                if diag.path.is_empty() { path.clone() } else { format!("{path}:{}:{}", diag.line, diag.column) };
            let mut s = format!("{location}: {}[{}]: {}", diag.severity.as_str(), diag.code.as_str(), diag.message);
            if let Some(help) = &diag.help {
                let _ = write!(s, "\n  = help: {help}");
            }
            s
        }
        MessageFormat::Json => {
            let value = serde_json::json!({
                "severity": diag.severity,
                "code": diag.code,
                "path": path,
                "line": diag.line,
                "column": diag.column,
                "message": diag.message,
                "help": diag.help,
            });
            value.to_string()
        }
        MessageFormat::Github => {
            // Actions calls the lowest level `notice`.
            let level = if diag.severity == Severity::Info { "notice" } else { diag.severity.as_str() };
            let mut message = diag.message.clone();
            if let Some(help) = &diag.help {
                message.push('\n');
                message.push_str(help);
            }
            if diag.path.is_empty() {
                return format!("::{level} title={}::{}", github_property(diag.code.as_str()), github_data(&message));
            }
            format!(
                "::{level} file={},line={},col={},title={}::{}",
                github_property(&path),
                diag.line,
                diag.column,
                github_property(diag.code.as_str()),
                github_data(&message)
            )
        }
    }
}

/// Escapes the message part of a workflow command, as the Actions runner expects.
fn github_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
fn github_property(s: &str) -> String {
    github_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Counts of diagnostics by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Number of informational findings.
    pub infos: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Number of errors.
    pub errors: usize,
}

impl Tally {
    /// Counts `diags`.
    pub fn of(diags: &[Diagnostic]) -> Tally {
        let count = |s| diags.iter().filter(|d| d.severity == s).count();
        Tally { infos: count(Severity::Info), warnings: count(Severity::Warning), errors: count(Severity::Error) }
    }
}

/// Converts a byte offset in `text` into a 1-based line and character column.
pub fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line as u32, column as u32)
}

/// Suggests the closest of `candidates` to `word`, if one is close enough to be a typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&word, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4) && *d < c.len())
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_lines_and_chars() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 7), (2, 4));
        assert_eq!(line_col(text, 999), (3, 2));
    }

    #[test]
    fn did_you_mean_finds_typos_only() {
        let known = ["accepted", "proposed", "implemented"];
        assert_eq!(did_you_mean("imlpemented", known), Some("implemented"));
        assert_eq!(did_you_mean("acepted", known), Some("accepted"));
        assert_eq!(did_you_mean("banana", known), None);
    }

    #[test]
    fn github_format_escapes() {
        let d = Diagnostic::warning("a,b.md", 3, 4, Code::BrokenLink, "50% of\nlinks").with_help("fix: it");
        let s = format(&d, MessageFormat::Github, "");
        assert_eq!(s, "::warning file=a%2Cb.md,line=3,col=4,title=broken-link::50%25 of%0Alinks%0Afix: it");
    }

    #[test]
    fn human_format_has_location_code_and_help() {
        let d = Diagnostic::error("x.md", 1, 2, Code::FrontMatter, "bad").with_help("do this");
        assert_eq!(
            format(&d, MessageFormat::Human, "site"),
            "site/x.md:1:2: error[front-matter]: bad\n  = help: do this"
        );
    }
}
