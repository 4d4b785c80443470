//! A document's own change log: a `## Changelog` (`Revision history`, `Document history`) section
//! whose entries open with a date, as the decision records of the Tendermint family and many RFC
//! templates keep one:
//!
//! ```text
//! ## Changelog
//!
//! - 2019 Jul 31: Initial draft (@alice)
//! - Nov 4,  2022: Updated based on PR comments
//! ```
//!
//! Input: a section's heading, then each line of the section. Output: the date an entry opens
//! with. The earliest is when the document was first written: its date, when it states none.

use crate::load::meta::{Located, RawMeta};
use crate::vocab::DateKey;
use jiff::civil::Date;

/// A document's change log as its lines go by: whether the current section is one, and its
/// earliest and latest entries.
#[derive(Debug, Default)]
pub struct ChangeLog {
    inside: bool,
    first: Option<(Date, Located)>,
    last: Option<(Date, Located)>,
}

impl ChangeLog {
    /// A section starts (`plain`: its heading as plain lower-case text).
    pub fn heading(&mut self, plain: &str) {
        self.inside = is_log_heading(plain);
    }

    /// A line of the current section (`line_no`: 1-based).
    pub fn line(&mut self, line: &str, line_no: u32) {
        if !self.inside {
            return;
        }
        let Some((date, raw)) = entry_date(line) else { return };
        let column = line.find(raw).map_or(1, |c| c + 1) as u32;
        let at = Located { value: raw.to_string(), line: line_no, column, file: None };
        if self.first.as_ref().is_none_or(|(earliest, _)| date < *earliest) {
            self.first = Some((date, at.clone()));
        }
        if self.last.as_ref().is_none_or(|(latest, _)| date > *latest) {
            self.last = Some((date, at));
        }
    }

    /// Gives the document its first entry as [`RawMeta::logged`], and a later one as its last
    /// update unless it states one.
    pub fn finish(self, meta: &mut RawMeta) {
        if let (Some((first, _)), Some((last, at))) = (&self.first, self.last)
            && last > *first
            && !meta.dates.iter().any(|(k, _)| *k == DateKey::LastUpdated)
        {
            meta.dates.push((DateKey::LastUpdated, at));
        }
        meta.logged = self.first.map(|(_, at)| at);
    }
}

/// Whether a section heading (plain text, lower case) names the document's change log. A bare
/// `History` is left out: in a design document it is as often the history of the topic.
pub fn is_log_heading(plain: &str) -> bool {
    matches!(
        plain.trim().trim_end_matches(':').trim(),
        "changelog"
            | "change log"
            | "change history"
            | "changes log"
            | "revision history"
            | "revisions"
            | "document history"
            | "version history"
            | "history of changes"
            | "amendment history"
    )
}

/// The date a change-log entry opens with (`- 2023-07-24: First draft`, `* Nov 4, 2022: …`,
/// `- 20-01-2020 - Initial Draft`). `None` for a template's placeholder (`{date}: {changelog}`)
/// and for a date that reads two ways (`03/04/2020`). With the date, the text it was read from.
pub fn entry_date(line: &str) -> Option<(Date, &str)> {
    let item = strip_marker(line.trim());
    // The date is what comes before the entry's separator.
    let end = [": ", " : ", " - ", " – ", " — ", " (", ":\t"]
        .iter()
        .filter_map(|sep| item.find(sep))
        .min()
        .unwrap_or(item.len());
    let head = item[..end].trim().trim_end_matches(':');
    if head.is_empty() || head.len() > 24 || crate::date::is_ambiguous(head) {
        return None;
    }
    Some((crate::date::parse_date(head)?, head))
}

fn strip_marker(item: &str) -> &str {
    if let Some(rest) = item.strip_prefix(['-', '*', '+']).filter(|r| r.starts_with([' ', '\t'])) {
        return rest.trim_start();
    }
    let digits = item.bytes().take_while(u8::is_ascii_digit).count();
    match item[digits..].strip_prefix(['.', ')']) {
        Some(rest) if digits > 0 && digits < 3 && rest.starts_with([' ', '\t']) => rest.trim_start(),
        _ => item,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(line: &str) -> Option<String> {
        entry_date(line).map(|(d, _)| d.to_string())
    }

    #[test]
    fn log_headings() {
        for h in ["changelog", "change log", "revision history", "document history", "changelog:"] {
            assert!(is_log_heading(h), "{h}");
        }
        for h in ["history", "changes", "context", "decision"] {
            assert!(!is_log_heading(h), "{h}");
        }
    }

    #[test]
    fn entries_as_the_corpora_write_them() {
        assert_eq!(date("- 2023-07-24: First draft (@thanethomson)").as_deref(), Some("2023-07-24"));
        assert_eq!(date("- 17-Apr-2023: Initial draft").as_deref(), Some("2023-04-17"));
        assert_eq!(date("- Nov 4,  2022: Initial draft (jmalicevic)").as_deref(), Some("2022-11-04"));
        assert_eq!(date("- 2019 Jul 31 : Initial Conception").as_deref(), Some("2019-07-31"));
        assert_eq!(date("- 20-01-2020: Initial Draft").as_deref(), Some("2020-01-20"));
        assert_eq!(date("* 2020/10/28: Initial draft").as_deref(), Some("2020-10-28"));
        assert_eq!(date("1. 2021-02-03 - accepted").as_deref(), Some("2021-02-03"));
        assert_eq!(date("2021-02-03: plain line").as_deref(), Some("2021-02-03"));
        assert_eq!(date("- **2021-02-03**: bold").as_deref(), Some("2021-02-03"));
    }

    #[test]
    fn placeholders_and_prose_give_none() {
        assert_eq!(date("- {date}: {changelog}"), None);
        assert_eq!(date("- 03/04/2020: reads two ways"), None);
        assert_eq!(date("- Added a section on retries"), None);
        assert_eq!(date("See the PR for the full history of this decision."), None);
    }
}
