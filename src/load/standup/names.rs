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
    // `* TODO` under `## Attendees`: the template's placeholder, left in a meeting's notes.
    if SECTIONS.contains(&s.to_lowercase().as_str()) || crate::load::meta::is_placeholder(s) {
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

/// The person one entry of a participants list names, without what is written about them:
/// `Ashley Whetter - Chairperson, DNEG` and `Rich Trott (joined at 2:19pm)` are the name,
/// `David Dias - @diasdavid` and `Saleh Motaal (@smotaal) - joined late` the name with its
/// handle, `@lidel (Marcin Rataj)` the name in brackets with the handle before it.
pub(super) fn participant(entry: &str) -> Option<String> {
    let entry = clean_name(entry);
    let (head, bracket) = match entry.split_once('(') {
        Some((head, rest)) => (head.trim(), rest.split(')').next().map(str::trim)),
        None => (entry.as_str(), None),
    };
    let cut = [" - ", " – ", " — ", ","].iter().filter_map(|sep| head.find(sep).map(|at| (at, sep.len()))).min();
    let (name, after) = match cut {
        Some((at, len)) => (head[..at].trim(), head[at + len..].trim()),
        None => (head, ""),
    };
    let name = clean_name(name);
    let handle_in = |s: &str| s.strip_prefix('@').filter(|h| is_handle(h)).map(str::to_string);
    let handle = bracket.and_then(handle_in).or_else(|| handle_in(after));
    let person = match (handle, bracket) {
        (Some(handle), _) if !name.starts_with('@') => format!("{name} (@{handle})"),
        (None, Some(inside)) if name.strip_prefix('@').is_some_and(is_handle) => {
            let full = clean_name(inside.split(',').next().unwrap_or_default());
            if looks_like_name(&full) && !full.starts_with('@') { format!("{full} ({name})") } else { name }
        }
        _ => name,
    };
    looks_like_name(&person).then_some(person)
}

/// The people a line of its own lists (`Present: Ana Silva, Ben Okafor`), a handle written after
/// a full name being that person's (`Robin Ginn, @rginn`).
pub(super) fn participants_in_line(line: &str) -> Vec<String> {
    let mut entries: Vec<String> = Vec::new();
    for entry in line.split([',', ';']).map(str::trim) {
        let lone_handle = entry.strip_prefix('@').is_some_and(is_handle);
        match entries.last_mut() {
            Some(named) if lone_handle && named.contains(' ') && !named.contains('@') => {
                named.push_str(", ");
                named.push_str(entry);
            }
            _ => entries.push(entry.to_string()),
        }
    }
    entries.iter().filter_map(|e| participant(e)).collect()
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
