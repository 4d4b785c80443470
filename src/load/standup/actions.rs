//! Action items: `- [ ] @ana to send the draft by 2026-03-10`, `TODO(ana): …`, `Action: …`.
//!
//! Input: one line, the section it is in and the note's date. Output: an [`ActionItem`] with its
//! owner, due date and state, when the line is one.

use super::ActionItem;
use super::labels::{Label, Part};
use super::names::{HANDLE, clean_name, looks_like_name};
use super::read::split_marker;
use crate::date::due_date;
use jiff::civil::Date;
use std::sync::LazyLock;

pub(super) static DUE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?i)[(\[,;—–-]?\s*\b(?:due(?:\s+(?:date|on|by))?|by|deadline|until)\s*:?\s+([A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?(?:\s+\d{4})?|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?)\s*[)\]]?")
        .expect("static regex")
});
pub(super) static TO_DO: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"^@([A-Za-z0-9][A-Za-z0-9_-]*)\s+(?:to|will)\s+\S").expect("static regex"));
static WILL_BE: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"(?i)^@\S+\s+will\s+(?:be|not|have)\b").expect("static regex"));
pub(super) static ACTION: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"(?i)^(?:action(?:\s+item)?|AI|todo)\s*:\s*(.+)$").expect("static regex"));

/// Reads an action item from a content line: a task-list item with an owner or due date (any
/// task-list item in an Action items section), `@alex to do X by 2026-03-07`, `Action: … —
/// owner, due …`, or any item of an Action items section.
pub(super) fn action_item(raw: &str, line: u32, section: Option<Label>, written: Option<Date>) -> Option<ActionItem> {
    let (_, list, check, text) = split_marker(raw);
    let in_actions = section == Some(Label::Part(Part::ActionItems));
    let column = u32::try_from(raw.len() - text.len() + 1).unwrap_or(1);
    let mut body = crate::text::plain_inline(text);
    let struck = text.trim().starts_with("~~") && text.trim().ends_with("~~");
    let action = ACTION.captures(&body).map(|c| c[1].to_string());
    // `@ana will be out next week` says where someone will be, not what they will do.
    let to_do = TO_DO.is_match(&body) && !WILL_BE.is_match(&body);
    let is_action = action.is_some()
        || to_do
        || (check.is_some() && (in_actions || HANDLE.is_match(&body) || DUE.is_match(&body)))
        || (in_actions && list);
    if !is_action {
        return None;
    }
    if let Some(a) = action {
        body = a;
    }
    let mut due = None;
    let mut due_raw = None;
    if let Some(c) = DUE.captures(&body) {
        let raw_due = c[1].trim().to_string();
        due = due_date(&raw_due, written);
        if due.is_some() {
            due_raw = Some(raw_due);
            let whole = c.get(0).expect("match");
            body = format!("{}{}", &body[..whole.start()], &body[whole.end()..]);
        }
    }
    // Owner: a leading `@alex:` / `Alex:`, else a trailing `— @alex`, else the first @mention.
    let mut owner = None;
    let trimmed = body.trim();
    if let Some((head, tail)) = trimmed.split_once(':')
        && looks_like_name(&clean_name(head))
        && head.split_whitespace().count() <= 3
    {
        owner = Some(clean_name(head));
        body = tail.trim().to_string();
    } else if let Some((head, tail)) =
        trimmed.rsplit_once(" — ").or_else(|| trimmed.rsplit_once(" – ")).or_else(|| trimmed.rsplit_once(" - "))
    {
        let who = clean_name(tail.trim().trim_end_matches(','));
        if looks_like_name(&who) {
            owner = Some(who);
            body = head.trim().to_string();
        }
    } else if let Some((head, tail)) = trimmed.split_once(" to ").or_else(|| trimmed.split_once(" will "))
        && !head.starts_with('@')
        && head.split_whitespace().count() <= 2
        && looks_like_name(head)
    {
        // `Ana to draft the FAQ`.
        owner = Some(head.to_string());
        body = tail.to_string();
    }
    if owner.is_none()
        && let Some(c) = HANDLE.captures(&body)
    {
        owner = Some(format!("@{}", &c[1]));
        if let Some(rest) = body.trim().strip_prefix(&format!("@{}", &c[1])) {
            // `@alex to upgrade the runners`: the owner is shown apart from what they do.
            let rest = rest.trim_start();
            body = rest.strip_prefix("to ").or_else(|| rest.strip_prefix("will ")).unwrap_or(rest).to_string();
        }
    }
    let lower = body.to_lowercase();
    let done = check == Some(true)
        || struck
        || lower.contains("(done)")
        || lower.trim_end().ends_with(" done")
        || body.contains('✅')
        || lower.starts_with("done:");
    let text = body
        .trim()
        .trim_matches(|c: char| matches!(c, '~' | ',' | ';' | '—' | '–' | '-'))
        .trim()
        .replace("(done)", "")
        .replace('✅', "")
        .trim()
        .to_string();
    // A task says what to do: one word (`OKRs`, a topic like `Gozala/libdweb`) or a placeholder
    // (`{?}`) is a heading or a template's leftover, not an item.
    if text.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count() < 2 {
        return None;
    }
    // `Action items: None, first meeting!`: a note that there are none, unless it goes on to name
    // one (`none. … Michael to continue moving this`).
    let first = text.split(|c: char| !c.is_alphanumeric() && c != '/').next().unwrap_or("").to_lowercase();
    static NAMES_ONE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"(?:^|[.;,]\s+)(?:@\S+|[A-Z][a-z]+)\s+(?:to|will)\s+\S").expect("static regex")
    });
    if matches!(first.as_str(), "none" | "nothing" | "n/a") && !NAMES_ONE.is_match(&text) {
        return None;
    }
    Some(ActionItem { owner, text, due, due_raw, done, line, column })
}
