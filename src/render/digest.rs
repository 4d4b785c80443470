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
fn sections(d: &Digest) -> [(&'static str, &[Item]); 6] {
    [
        ("Decided", &d.decided),
        ("Changed status", &d.changed),
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
            for list in
                [&mut d.decided, &mut d.proposed, &mut d.changed, &mut d.attention, &mut d.blockers, &mut d.overdue]
            {
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
            changed: Vec::new(),
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

/// A document on a digest page.
#[derive(Clone, Debug, serde::Serialize)]
pub struct DigestRow {
    /// Its page, from the site's root.
    pub href: String,
    /// `ADR-0012`.
    pub id: Option<String>,
    /// Title.
    pub title: String,
    /// Its status badge.
    pub badge: Option<crate::render::view::Badge>,
    /// Its day.
    pub date: Option<String>,
    /// A proposal's decision deadline.
    pub deadline: Option<String>,
    /// What changed (`accepted → superseded on 2026-11-25`).
    pub note: Option<String>,
}

/// A week in the digest index.
#[derive(Clone, Debug, serde::Serialize)]
pub struct WeekLink {
    /// Its page.
    pub href: String,
    /// `Week 47, 2026`.
    pub label: String,
    /// Its first and last day.
    pub days: String,
    /// Decisions recorded.
    pub decided: usize,
    /// New proposals.
    pub proposed: usize,
    /// Status changes.
    pub changed: usize,
}

/// The digest index or one week's page.
#[derive(Clone, Debug, serde::Serialize)]
pub struct DigestPage {
    /// Layout.
    pub layout: crate::render::view::Layout,
    /// The page's heading.
    pub heading: String,
    /// Every week, newest first (the index).
    pub weeks: Vec<WeekLink>,
    /// A week's decisions (a week's page).
    pub decided: Vec<DigestRow>,
    /// A week's new proposals (a week's page).
    pub proposed: Vec<DigestRow>,
    /// A week's other status changes (a week's page).
    pub changed: Vec<DigestRow>,
    /// The first and last day of the week (a week's page).
    pub days: Option<String>,
}

fn row(i: &Item) -> DigestRow {
    DigestRow {
        href: i.url.clone(),
        id: i.id.clone(),
        title: i.title.clone(),
        badge: i.status.map(crate::render::view::Badge::group),
        date: i.date.map(|d| d.to_string()),
        deadline: i.deadline.map(|d| d.to_string()),
        note: i.note.clone(),
    }
}

fn week_label(w: &crate::model::digest::Week) -> String {
    format!("Week {}, {}", w.week, w.year)
}

impl crate::render::context::Ctx<'_> {
    /// The digest's pages: the index of weeks and one page per week, with their paths.
    pub(crate) fn digest_pages(&self, weeks: &[crate::model::digest::Week]) -> anyhow::Result<Vec<(String, String)>> {
        use crate::vocab::Route;
        use crate::vocab::route::DIGEST;
        let mut out = Vec::new();
        let index = Route::Section(DIGEST).path();
        let view = DigestPage {
            layout: self.layout(&index, "Digest", DIGEST),
            heading: "Weekly digest".into(),
            weeks: weeks
                .iter()
                .map(|w| WeekLink {
                    href: Route::DigestWeek(&w.slug()).path(),
                    label: week_label(w),
                    days: format!("{} to {}", w.digest.from, w.digest.to),
                    decided: w.digest.decided.len(),
                    proposed: w.digest.proposed.len(),
                    changed: w.digest.changed.len(),
                })
                .collect(),
            decided: Vec::new(),
            proposed: Vec::new(),
            changed: Vec::new(),
            days: None,
        };
        out.push((index, self.theme.render("digest.html", &view)?));
        for w in weeks {
            let path = Route::DigestWeek(&w.slug()).path();
            let heading = week_label(w);
            let view = DigestPage {
                layout: self.layout(&path, &heading, DIGEST),
                heading,
                weeks: Vec::new(),
                decided: w.digest.decided.iter().map(row).collect(),
                proposed: w.digest.proposed.iter().map(row).collect(),
                changed: w.digest.changed.iter().map(row).collect(),
                days: Some(format!("{} to {}", w.digest.from, w.digest.to)),
            };
            out.push((path, self.theme.render("digest.html", &view)?));
        }
        Ok(out)
    }
}

/// The digest's Atom feed: an entry per week, newest first, at `digest/feed.xml`.
pub fn feed(
    weeks: &[crate::model::digest::Week],
    theme: &crate::render::Theme,
    opts: &crate::render::RenderOptions,
) -> anyhow::Result<(String, String)> {
    use crate::render::publish::{Feed, FeedEntry, permanent_id, rfc3339, url};
    use crate::vocab::Route;
    use crate::vocab::route::DIGEST;
    let path = Route::CollectionFeed(DIGEST).path();
    let depth = path.matches('/').count();
    let entries: Vec<FeedEntry> = weeks
        .iter()
        .take(50)
        .map(|w| {
            let page = Route::DigestWeek(&w.slug()).path();
            let names = |items: &[Item]| items.iter().map(label).collect::<Vec<_>>().join("; ");
            let mut summary = Vec::new();
            if !w.digest.decided.is_empty() {
                summary.push(format!("Decided: {}.", names(&w.digest.decided)));
            }
            if !w.digest.proposed.is_empty() {
                summary.push(format!("Proposed: {}.", names(&w.digest.proposed)));
            }
            if !w.digest.changed.is_empty() {
                summary.push(format!("Changed status: {}.", names(&w.digest.changed)));
            }
            let last =
                w.digest.decided.iter().chain(&w.digest.proposed).chain(&w.digest.changed).filter_map(|i| i.date).max();
            FeedEntry {
                title: format!(
                    "{}: {} decided, {} proposed",
                    week_label(w),
                    w.digest.decided.len(),
                    w.digest.proposed.len()
                ),
                id: permanent_id(opts, &page),
                href: url(opts, depth, &page),
                updated: rfc3339(last.unwrap_or(w.digest.to)),
                published: Some(rfc3339(w.digest.from)),
                summary: summary.join(" "),
                status: None,
                status_label: None,
                authors: Vec::new(),
            }
        })
        .collect();
    let view = Feed {
        title: format!("Weekly digest · {}", opts.site_title),
        id: permanent_id(opts, &path),
        self_href: url(opts, depth, &path),
        alternate: url(opts, depth, &Route::Section(DIGEST).path()),
        updated: entries.first().map_or_else(|| rfc3339(opts.today), |e| e.updated.clone()),
        author: opts.site_title.clone(),
        version: env!("CARGO_PKG_VERSION"),
        entries,
    };
    Ok((path, theme.render("feed.xml", &view)?))
}
