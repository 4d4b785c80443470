//! A [`Digest`] as text to post: Markdown (a pull request, an issue, a chat that reads Markdown),
//! Slack's mrkdwn, or JSON. Each document links to its published page when the site's URL is
//! known.
//!
//! Input: the digest, the format, the site's title and base URL. Output: the text.

use crate::model::digest::{Digest, Item};

/// How a digest is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DigestFormat {
    /// Markdown: headings and a bullet per document.
    Markdown,
    /// Slack's mrkdwn: bold section names, `<url|text>` links.
    Slack,
    /// One JSON object.
    Json,
}

/// The sections, in the order they are told.
fn sections(d: &Digest) -> [(&'static str, &[Item]); 5] {
    [
        ("Decided", &d.decided),
        ("New proposals awaiting a decision", &d.proposed),
        ("Needs attention", &d.attention),
        ("Open blockers", &d.blockers),
        ("Overdue action items", &d.overdue),
    ]
}

/// The digest in `format`. `base_url` (without a trailing slash) makes links absolute; without it
/// documents are named, not linked.
pub fn write(d: &Digest, format: DigestFormat, title: &str, base_url: Option<&str>) -> String {
    let url = |i: &Item| base_url.map(|b| format!("{b}/{}", i.url));
    match format {
        DigestFormat::Json => {
            let mut d = d.clone();
            for list in [&mut d.decided, &mut d.proposed, &mut d.attention, &mut d.blockers, &mut d.overdue] {
                for i in list.iter_mut() {
                    if let Some(u) = url(i) {
                        i.url = u;
                    }
                }
            }
            let mut text = serde_json::to_string_pretty(&d).unwrap_or_default();
            text.push('\n');
            text
        }
        DigestFormat::Markdown => {
            let mut out = format!("# {title}: {} to {}\n", d.from, d.to);
            if d.is_empty() {
                out.push_str("\nNothing was decided or proposed, and nothing needs attention.\n");
            }
            for (name, items) in sections(d).into_iter().filter(|(_, items)| !items.is_empty()) {
                out.push_str(&format!("\n## {name} ({})\n\n", items.len()));
                for i in items {
                    let label = label(i).replace(['[', ']'], "");
                    let named = match url(i) {
                        Some(u) => format!("[{label}]({u})"),
                        None => label,
                    };
                    out.push_str(&format!("- {named}{}\n", details(i)));
                }
            }
            out
        }
        DigestFormat::Slack => {
            let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
            let mut out = format!("*{}: {} to {}*\n", esc(title), d.from, d.to);
            if d.is_empty() {
                out.push_str("Nothing was decided or proposed, and nothing needs attention.\n");
            }
            for (name, items) in sections(d).into_iter().filter(|(_, items)| !items.is_empty()) {
                out.push_str(&format!("\n*{name}* ({})\n", items.len()));
                for i in items {
                    let named = match url(i) {
                        Some(u) => format!("<{}|{}>", u.replace('|', "%7C"), esc(&label(i)).replace('|', "¦")),
                        None => esc(&label(i)),
                    };
                    out.push_str(&format!("• {named}{}\n", esc(&details(i))));
                }
            }
            out
        }
    }
}

fn label(i: &Item) -> String {
    match &i.id {
        Some(id) => format!("{id} {}", i.title),
        None => i.title.clone(),
    }
}

/// `: accepted, 2026-11-25`, `: proposed, decide by 2026-12-05`, `: the message`.
fn details(i: &Item) -> String {
    let mut parts = Vec::new();
    if let Some(note) = &i.note {
        parts.push(note.clone());
    } else if let Some(s) = i.status {
        parts.push(s.as_str().to_string());
    }
    if let Some(due) = i.deadline {
        parts.push(if i.note.is_some() { format!("due {due}") } else { format!("decide by {due}") });
    }
    if i.note.is_none()
        && let Some(day) = i.date
    {
        parts.push(day.to_string());
    }
    if parts.is_empty() { String::new() } else { format!(": {}", parts.join(", ")) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn digest() -> Digest {
        let item = |id: &str, title: &str, status, note: Option<&str>| Item {
            id: Some(id.into()),
            title: title.into(),
            status: Some(status),
            date: Some(date(2026, 11, 25)),
            deadline: None,
            url: format!("adr/{id}.html"),
            note: note.map(String::from),
        };
        Digest {
            from: date(2026, 11, 21),
            to: date(2026, 11, 27),
            decided: vec![item("ADR-0012", "Use <Kafka> | events", crate::vocab::Status::Accepted, None)],
            proposed: vec![Item {
                deadline: Some(date(2026, 12, 5)),
                ..item("RFC-0005", "Webhooks", crate::vocab::Status::Proposed, None)
            }],
            attention: vec![item("ADR-0003", "Old", crate::vocab::Status::Accepted, Some("review is overdue"))],
            blockers: Vec::new(),
            overdue: Vec::new(),
        }
    }

    #[test]
    fn each_format_names_and_links_every_document() {
        let d = digest();
        let md = write(&d, DigestFormat::Markdown, "Decisions", Some("https://x.org/d"));
        assert_eq!(
            md,
            "# Decisions: 2026-11-21 to 2026-11-27\n\n## Decided (1)\n\n- [ADR-0012 Use <Kafka> | events](https://x.org/d/adr/ADR-0012.html): accepted, 2026-11-25\n\n## New proposals awaiting a decision (1)\n\n- [RFC-0005 Webhooks](https://x.org/d/adr/RFC-0005.html): proposed, decide by 2026-12-05, 2026-11-25\n\n## Needs attention (1)\n\n- [ADR-0003 Old](https://x.org/d/adr/ADR-0003.html): review is overdue\n"
        );
        let slack = write(&d, DigestFormat::Slack, "Decisions", Some("https://x.org/d"));
        assert!(
            slack.contains(
                "• <https://x.org/d/adr/ADR-0012.html|ADR-0012 Use &lt;Kafka&gt; ¦ events>: accepted, 2026-11-25\n"
            ),
            "{slack}"
        );
        let plain = write(&d, DigestFormat::Markdown, "Decisions", None);
        assert!(plain.contains("- ADR-0012 Use <Kafka> | events: accepted"), "{plain}");
        let json: serde_json::Value =
            serde_json::from_str(&write(&d, DigestFormat::Json, "D", Some("https://x.org/d"))).unwrap();
        assert_eq!(json["decided"][0]["url"], "https://x.org/d/adr/ADR-0012.html");
        assert_eq!(json["proposed"][0]["deadline"], "2026-12-05");
        assert_eq!(json["from"], "2026-11-21");
        let empty = Digest { decided: vec![], proposed: vec![], attention: vec![], ..d };
        assert!(write(&empty, DigestFormat::Slack, "D", None).contains("Nothing was decided"));
    }
}
