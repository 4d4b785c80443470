//! Reading the one `git log --patch` pass: for every file, the dates of its first and last
//! commits, its last author, and what each commit wrote into it (status labels, relations).
//!
//! Input: the byte stream of `git log --format=%x1e%H%x1f%as%x1f%an --patch -U3 --find-renames`,
//! newest commit first, read as git writes it. Output: a [`FileHistory`] per path as it is named
//! today: a file renamed from `old` to `new` is one file, so commits older than the rename count
//! for `new` (and for whatever it was renamed to later).
//!
//! The patch is parsed by its own counts (`@@ -a,b +c,d @@`), never by guessing what a line
//! looks like, so a document whose text contains diff-like lines or control characters cannot
//! derail it.

use crate::load::git::{FileHistory, Said};
use crate::load::hunk::{Line, Statement, statements};
use jiff::civil::Date;
use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;

/// The commit whose patch is being read.
struct Commit {
    hash: String,
    date: Date,
    author: String,
}

/// The file section of a patch being read.
#[derive(Default)]
struct FilePatch {
    /// From the `diff --git` line, when nothing more exact follows.
    fallback: Option<String>,
    old: Option<String>,
    new: Option<String>,
    renamed: bool,
    said: Vec<Statement>,
}

/// Reads a whole `git log` patch stream.
pub fn parse(mut input: impl BufRead) -> BTreeMap<String, FileHistory> {
    let mut log = Log::default();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match input.read_until(b'\n', &mut buf) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        let line = buf.strip_suffix(b"\n").unwrap_or(&buf);
        log.line(line);
    }
    log.finish()
}

#[derive(Default)]
struct Log {
    files: BTreeMap<String, FileHistory>,
    /// Old path → the path that file has today.
    renamed: HashMap<String, String>,
    commit: Option<Commit>,
    file: Option<FilePatch>,
    /// Lines of the current hunk still to come: (old side, new side).
    left: (u32, u32),
    /// The current hunk's lines, as ranges of `text`: one buffer, not a string per line.
    hunk: Vec<(Line, std::ops::Range<usize>)>,
    text: String,
}

impl Log {
    fn line(&mut self, line: &[u8]) {
        if self.left != (0, 0) {
            self.hunk_line(line);
            return;
        }
        if let Some(header) = line.strip_prefix(b"\x1e") {
            self.end_file();
            let header = String::from_utf8_lossy(header);
            let mut parts = header.splitn(3, '\u{1f}');
            let (hash, date, author) = (parts.next(), parts.next(), parts.next());
            self.commit = match (hash, date.and_then(|d| d.trim().parse::<Date>().ok()), author) {
                (Some(hash), Some(date), Some(author)) => {
                    Some(Commit { hash: hash.trim().to_string(), date, author: author.trim().to_string() })
                }
                _ => None,
            };
            return;
        }
        let text = String::from_utf8_lossy(line);
        if let Some(paths) = text.strip_prefix("diff --git ") {
            self.end_file();
            self.file = Some(FilePatch { fallback: same_paths(paths), ..FilePatch::default() });
            return;
        }
        let Some(file) = self.file.as_mut() else { return };
        if let Some(p) = text.strip_prefix("rename from ").or_else(|| text.strip_prefix("copy from ")) {
            file.old = Some(unquote(p));
            file.renamed = text.starts_with('r');
        } else if let Some(p) = text.strip_prefix("rename to ").or_else(|| text.strip_prefix("copy to ")) {
            file.new = Some(unquote(p));
        } else if let Some(p) = text.strip_prefix("--- ") {
            if let Some(p) = unquote(p).strip_prefix("a/") {
                file.old.get_or_insert_with(|| p.to_string());
            }
        } else if let Some(p) = text.strip_prefix("+++ ") {
            if let Some(p) = unquote(p).strip_prefix("b/") {
                file.new.get_or_insert_with(|| p.to_string());
            }
        } else if let Some(counts) = text.strip_prefix("@@ -") {
            self.left = hunk_counts(counts).unwrap_or((0, 0));
            self.hunk.clear();
            self.text.clear();
        }
    }

    fn hunk_line(&mut self, line: &[u8]) {
        let (old, new) = &mut self.left;
        let kind = match line.first() {
            Some(b'+') => {
                *new = new.saturating_sub(1);
                Some(Line::Added)
            }
            Some(b'-') => {
                *old = old.saturating_sub(1);
                Some(Line::Removed)
            }
            // `\ No newline at end of file` belongs to the line before it.
            Some(b'\\') => None,
            // A context line (an empty one when `diff.suppressBlankEmpty` is set).
            _ => {
                *old = old.saturating_sub(1);
                *new = new.saturating_sub(1);
                Some(Line::Kept)
            }
        };
        if let Some(kind) = kind {
            let start = self.text.len();
            self.text.push_str(&String::from_utf8_lossy(line.get(1..).unwrap_or_default()));
            self.hunk.push((kind, start..self.text.len()));
        }
        if self.left == (0, 0) {
            self.end_hunk();
        }
    }

    fn end_hunk(&mut self) {
        let lines: Vec<(Line, &str)> = self.hunk.drain(..).map(|(k, r)| (k, &self.text[r])).collect();
        if let Some(file) = self.file.as_mut()
            // Most hunks of a long history are edits of prose: skip them without reading each line.
            && lines.iter().any(|(kind, l)| may_state(*kind, l))
        {
            file.said.extend(statements(&lines));
        }
        self.text.clear();
    }

    fn end_file(&mut self) {
        let (Some(file), Some(commit)) = (self.file.take(), self.commit.as_ref()) else { return };
        let Some(path) = file.new.clone().or(file.fallback.clone()).or(file.old.clone()) else { return };
        let today = self.renamed.get(&path).cloned().unwrap_or(path);
        if file.renamed
            && let Some(old) = file.old
        {
            self.renamed.insert(old, today.clone());
        }
        let entry = self.files.entry(today).or_insert_with(|| FileHistory {
            created: commit.date,
            changed: commit.date,
            author: commit.author.clone(),
            said: Vec::new(),
        });
        entry.created = commit.date.min(entry.created);
        // A commit sets one status: the first written, as the load stage reads it.
        let mut status_seen = false;
        let mut said: Vec<Said> = Vec::with_capacity(file.said.len());
        for statement in file.said {
            if matches!(statement, Statement::Status(_)) {
                if status_seen {
                    continue;
                }
                status_seen = true;
            }
            said.push(Said { date: commit.date, commit: commit.hash.clone(), statement });
        }
        // Newest commit first: each commit's statements go in backwards, and [`Log::finish`]
        // reverses the whole list once.
        entry.said.extend(said.into_iter().rev());
    }

    fn finish(mut self) -> BTreeMap<String, FileHistory> {
        self.end_file();
        for history in self.files.values_mut() {
            history.said.reverse();
        }
        self.files
    }
}

/// Whether a line may state a status or a relation: it names one, or it is short enough to be a
/// label on its own (`+Accepted`).
fn may_state(kind: Line, line: &str) -> bool {
    if kind == Line::Added && (1..=3).contains(&line.split_whitespace().count()) {
        return true;
    }
    static WORDS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new("(?i)status|state|supersed|superced|replace|amend|relate").expect("static regex")
    });
    WORDS.is_match(line)
}

/// `-a,b +c,d @@` → (b, d); a missing count is 1.
fn hunk_counts(s: &str) -> Option<(u32, u32)> {
    let (old, rest) = s.split_once(" +")?;
    let new = rest.split_once(" @@")?.0;
    let count = |r: &str| r.split_once(',').map_or(Some(1), |(_, n)| n.parse().ok());
    Some((count(old)?, count(new)?))
}

/// The path of `a/P b/P`, the `diff --git` line of a file that kept its name.
fn same_paths(paths: &str) -> Option<String> {
    if paths.starts_with('"') {
        let (first, _) = split_quoted(paths)?;
        return unquote(&first).strip_prefix("a/").map(str::to_string);
    }
    let n = paths.len().checked_sub(5)? / 2;
    let (a, b) = (paths.get(2..2 + n)?, paths.get(2 + n + 3..)?);
    (paths.starts_with("a/") && paths.get(2 + n..2 + n + 3) == Some(" b/") && a == b).then(|| a.to_string())
}

/// The first C-quoted string of `s` and the rest.
fn split_quoted(s: &str) -> Option<(String, &str)> {
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some((s[..=i].to_string(), &s[i + 1..])),
            _ => escaped = false,
        }
    }
    None
}

/// A path as git prints it: as is, or C-quoted (`"a/x\tb"`, `"b/caf\303\251.md"`) when it holds
/// characters git escapes.
fn unquote(s: &str) -> String {
    let s = s.trim_end_matches(['\t', '\r']);
    let Some(inner) = s.strip_prefix('"').and_then(|r| r.strip_suffix('"')) else { return s.to_string() };
    let mut bytes = Vec::with_capacity(inner.len());
    let mut it = inner.bytes().peekable();
    while let Some(b) = it.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match it.next() {
            Some(b'n') => bytes.push(b'\n'),
            Some(b't') => bytes.push(b'\t'),
            Some(b'r') => bytes.push(b'\r'),
            Some(b'a') => bytes.push(7),
            Some(b'b') => bytes.push(8),
            Some(b'f') => bytes.push(12),
            Some(b'v') => bytes.push(11),
            Some(d @ b'0'..=b'7') => {
                let mut v = u32::from(d - b'0');
                for _ in 0..2 {
                    if let Some(&n @ b'0'..=b'7') = it.peek() {
                        v = v * 8 + u32::from(n - b'0');
                        it.next();
                    }
                }
                bytes.push(v as u8);
            }
            Some(other) => bytes.push(other),
            None => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::RelationKind;
    use jiff::civil::date;

    fn parse_str(s: &str) -> BTreeMap<String, FileHistory> {
        parse(s.as_bytes())
    }

    const LOG: &str = "\x1eccc\x1f2024-03-02\x1fBen\n\
\n\
diff --git a/adr/0001-a.md b/adr/0001-a.md\n\
index 1..2 100644\n\
--- a/adr/0001-a.md\n\
+++ b/adr/0001-a.md\n\
@@ -3,4 +3,4 @@ Date: 2024-01-01\n\
 \n\
 ## Status\n\
 \n\
-Accepted\n\
+Superseded by [2. B](0002-b.md)\n\
\x1ebbb\x1f2024-03-02\x1fAna\n\
\n\
diff --git a/adr/0001-a.md b/adr/0001-a.md\n\
--- a/adr/0001-a.md\n\
+++ b/adr/0001-a.md\n\
@@ -5 +5 @@\n\
-Proposed\n\
+Accepted\n\
\x1eaaa\x1f2024-01-01\x1fAna\n\
\n\
diff --git a/decisions/a.md b/decisions/a.md\n\
new file mode 100644\n\
--- /dev/null\n\
+++ b/decisions/a.md\n\
@@ -0,0 +1,5 @@\n\
+# 1. A\n\
+\n\
+## Status\n\
+\n\
+Proposed\n";

    #[test]
    fn statuses_in_order_with_dates_commits_and_the_file_as_named_today() {
        // The first version lived under another name: the rename joins the two.
        let renamed = LOG.replace(
            "\x1eaaa",
            "\x1ezzz\x1f2024-02-01\x1fCy\n\ndiff --git a/decisions/a.md b/adr/0001-a.md\nsimilarity index 100%\nrename from decisions/a.md\nrename to adr/0001-a.md\n\x1eaaa",
        );
        let files = parse_str(&renamed);
        let a = &files["adr/0001-a.md"];
        assert_eq!((a.created, a.changed, a.author.as_str()), (date(2024, 1, 1), date(2024, 3, 2), "Ben"));
        let said: Vec<(&str, &Statement)> = a.said.iter().map(|s| (s.commit.as_str(), &s.statement)).collect();
        assert_eq!(
            said,
            [
                ("aaa", &Statement::Status("Proposed".into())),
                ("bbb", &Statement::Status("Accepted".into())),
                ("ccc", &Statement::Status("Superseded by [2. B](0002-b.md)".into())),
            ]
        );
        assert!(!files.contains_key("decisions/a.md"), "{files:?}");
    }

    #[test]
    fn lines_that_look_like_headers_inside_a_hunk_are_content() {
        let log = "\x1eaaa\x1f2024-01-01\x1fAna\n\ndiff --git a/a.md b/a.md\n--- /dev/null\n+++ b/a.md\n@@ -0,0 +1,3 @@\n+diff --git a/x b/x\n+\x1enot a commit\n+Status: draft\n";
        let files = parse_str(log);
        assert_eq!(files.keys().collect::<Vec<_>>(), ["a.md"]);
        assert_eq!(files["a.md"].said[0].statement, Statement::Status("draft".into()));
    }

    #[test]
    fn relations_a_commit_declared() {
        let log = "\x1eaaa\x1f2024-01-01\x1fAna\n\ndiff --git a/b.md b/b.md\n--- /dev/null\n+++ b/b.md\n@@ -0,0 +1,2 @@\n+# B\n+Supersedes [A](a.md)\n";
        let files = parse_str(log);
        assert_eq!(files["b.md"].said[0].statement, Statement::Relation(RelationKind::Supersedes, "[A](a.md)".into()));
    }

    #[test]
    fn paths_as_git_prints_them() {
        assert_eq!(same_paths("a/x y.md b/x y.md").as_deref(), Some("x y.md"));
        assert_eq!(same_paths("\"a/t\\tb.md\" \"b/t\\tb.md\"").as_deref(), Some("t\tb.md"));
        assert_eq!(unquote("\"b/caf\\303\\251.md\""), "b/café.md");
        assert_eq!(hunk_counts("1,3 +1 @@ x"), Some((3, 1)));
        assert_eq!(hunk_counts("0,0 +1,5 @@"), Some((0, 5)));
    }
}
