//! Who a line names: people written as headings, bold lines or `@handles`.
//!
//! Input: a heading or line of a standup. Output: whether it is a person's name, the name
//! cleaned of Markdown, and the `@handles` of a text.

use std::sync::LazyLock;

/// `**Ana**`, `@ana:`, `Alan Shaw (@alanshaw)` → the name without markup.
pub(super) fn clean_name(s: &str) -> String {
    s.trim().trim_matches(|c: char| matches!(c, '*' | '_' | ':' | '`' | '~')).trim().to_string()
}

pub(super) fn looks_like_name(s: &str) -> bool {
    if s.is_empty() || s.len() > 40 || s.ends_with('?') || s.contains("...") || s.contains('…') {
        return false;
    }
    // Headings over a team's updates, not people.
    const SECTIONS: &[&str] = &[
        "updates",
        "update",
        "status",
        "status updates",
        "team",
        "team updates",
        "general",
        "announcements",
        "demos",
        "questions",
        "discussion",
        "summary",
        "highlights",
        "news",
        "intro",
        "introduction",
        "round",
        "round of updates",
        "week update",
        "weekly update",
        "individual updates",
        "reports",
    ];
    if SECTIONS.contains(&s.to_lowercase().as_str()) {
        return false;
    }
    if let Some(handle) = s.strip_prefix('@') {
        return is_handle(handle);
    }
    let (name, paren) = match s.split_once('(') {
        Some((n, p)) => (n.trim(), Some(p.trim_end_matches(')').trim())),
        None => (s, None),
    };
    if paren.is_some_and(|p| !p.strip_prefix('@').is_some_and(is_handle)) {
        return false;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 3
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'))
        })
}

pub(super) fn is_handle(h: &str) -> bool {
    !h.is_empty() && h.len() <= 39 && h.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The handles `@name` written in `text` (not e-mail addresses).
pub fn handles(text: &str) -> impl Iterator<Item = &str> {
    HANDLE.captures_iter(text).map(|c| c.get(1).expect("group").as_str())
}

pub(super) static HANDLE: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"(?:^|[^\w@./])@([A-Za-z0-9][A-Za-z0-9_-]{0,38})").expect("static regex"));
