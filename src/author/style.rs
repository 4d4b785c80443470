//! How a collection writes its metadata and titles, read from the documents it already has, so
//! that a new document looks like its neighbours.
//!
//! Input: the texts of a collection's documents. Output: a [`Style`] — where the status, date and
//! people go (front matter, `* Status:` bullets, a `## Status` section, RFC header bullets) and
//! how the H1 is written (`# 5. Title`, `# Architecture Decision Record: Title`, `# Title`) — and
//! [`Style::header`], which writes metadata fields in that style.

use std::collections::BTreeMap;

/// Where metadata is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MetaStyle {
    /// YAML front matter (MADR 3/4, most static-site setups).
    Yaml,
    /// TOML `+++` front matter (Zola, Hugo).
    Toml,
    /// Nygard / adr-tools: a `Date:` line under the title and a `## Status` section.
    Nygard,
    /// MADR 2 and Log4brains: `* Status:` bullets under the title, with this list marker.
    Bullets(char),
    /// RFC headers: `- Start Date:` bullets before the title.
    RfcHeader,
}

/// How the H1 is written.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TitleStyle {
    /// `# 5. Title` (adr-tools).
    Numbered,
    /// A fixed prefix: `# Architecture Decision Record: Title`.
    Prefixed(String),
    /// `# Title`.
    Plain,
}

/// A collection's writing style.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Style {
    /// Where metadata goes.
    pub meta: MetaStyle,
    /// How the title is written.
    pub title: TitleStyle,
}

impl Default for Style {
    /// For a new collection: YAML front matter, which MADR 4 uses and every static-site tool reads.
    fn default() -> Style {
        Style { meta: MetaStyle::Yaml, title: TitleStyle::Plain }
    }
}

/// A metadata field a template can carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// Status.
    Status,
    /// The document's date (an RFC's start date).
    Date,
    /// Who decides.
    Deciders,
    /// Who decides an RFC.
    DecisionMaker,
    /// Who wrote it.
    Authors,
    /// When an RFC must be decided.
    Deadline,
    /// Until when comments are welcome.
    CommentsBy,
    /// Who keeps a handbook page current.
    Owner,
    /// When a page was last reviewed.
    LastReviewed,
    /// How often it is reviewed.
    ReviewEvery,
    /// Who attended a meeting.
    Participants,
    /// Tags.
    Tags,
    /// The pull request that proposes an RFC, a key of RFC headers.
    PullRequest,
}

impl Field {
    /// The key as front matter writes it (MADR 4 spellings where MADR has one).
    fn key(self) -> &'static str {
        match self {
            Field::Status => "status",
            Field::Date => "date",
            Field::Deciders => "decision-makers",
            Field::DecisionMaker => "decision-maker",
            Field::Authors => "authors",
            Field::Deadline => "decision-deadline",
            Field::CommentsBy => "comments-by",
            Field::Owner => "owner",
            Field::LastReviewed => "last-reviewed",
            Field::ReviewEvery => "review-every",
            Field::Participants => "participants",
            Field::Tags => "tags",
            Field::PullRequest => "rfc-pr",
        }
    }

    /// The label as a bullet or line writes it.
    fn label(self, meta: MetaStyle) -> &'static str {
        match self {
            Field::Status => "Status",
            Field::Date if meta == MetaStyle::RfcHeader => "Start Date",
            Field::Date => "Date",
            Field::Deciders => "Deciders",
            Field::DecisionMaker => "Decision maker",
            Field::Authors => "Authors",
            Field::Deadline => "Decision deadline",
            Field::CommentsBy => "Comments by",
            Field::Owner => "Owner",
            Field::LastReviewed => "Last reviewed",
            Field::ReviewEvery => "Review every",
            Field::Participants => "Participants",
            Field::Tags => "Tags",
            Field::PullRequest => "RFC PR",
        }
    }
}

/// The style of one document.
pub fn detect_one(text: &str) -> (Option<MetaStyle>, Option<TitleStyle>) {
    let front = if text.starts_with("---\n") || text.starts_with("---\r\n") {
        Some(MetaStyle::Yaml)
    } else if text.starts_with("+++") {
        Some(MetaStyle::Toml)
    } else {
        None
    };
    let body = front.and_then(|_| front_matter_end(text)).map_or(text, |end| &text[end..]);
    let front_status = front.is_some() && front_matter_end(text).is_some_and(|end| has_key(&text[..end], "status"));
    let mut bullet = None;
    let mut section = false;
    let mut rfc = false;
    let mut h1 = None;
    for line in body.lines().take(200) {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix("* ").or_else(|| t.strip_prefix("- ")) {
            let key = rest.trim_start_matches("**").to_lowercase();
            if key.starts_with("status") && key.contains(':') && bullet.is_none() {
                bullet = t.chars().next();
            }
            // Header bullets before the title, as Rust-style RFCs write them.
            if key.starts_with("start date") && h1.is_none() {
                rfc = true;
            }
        }
        if t.to_lowercase().starts_with("## status") {
            section = true;
        }
        if h1.is_none()
            && let Some(h) = line.strip_prefix("# ")
        {
            h1 = Some(h.trim().to_string());
        }
    }
    let meta = if front_status {
        front
    } else if rfc {
        Some(MetaStyle::RfcHeader)
    } else if let Some(c) = bullet {
        Some(MetaStyle::Bullets(c))
    } else if section {
        Some(MetaStyle::Nygard)
    } else {
        front
    };
    let title = h1.map(|h| {
        let digits = h.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && h[digits..].starts_with(". ") {
            TitleStyle::Numbered
        } else if let Some((prefix, _)) = h.split_once(": ") {
            TitleStyle::Prefixed(format!("{prefix}: "))
        } else {
            TitleStyle::Plain
        }
    });
    (meta, title)
}

/// The style most of `texts` use; a prefix counts only when at least half the titles share it.
pub fn detect<'a>(texts: impl IntoIterator<Item = &'a str>) -> Style {
    let mut metas: BTreeMap<MetaStyle, usize> = BTreeMap::new();
    let mut titles: BTreeMap<TitleStyle, usize> = BTreeMap::new();
    let mut n = 0;
    for text in texts {
        n += 1;
        let (m, t) = detect_one(text);
        if let Some(m) = m {
            *metas.entry(m).or_default() += 1;
        }
        if let Some(t) = t {
            *titles.entry(t).or_default() += 1;
        }
    }
    let most = |counts: &BTreeMap<TitleStyle, usize>| {
        crate::author::scheme::most_common(counts).map(|k| {
            let c = counts[&k];
            (k, c)
        })
    };
    let meta = crate::author::scheme::most_common(&metas).unwrap_or(MetaStyle::Yaml);
    let title = match most(&titles) {
        Some((TitleStyle::Prefixed(p), c)) if c * 2 >= n => TitleStyle::Prefixed(p),
        Some((TitleStyle::Numbered, c)) if c * 2 >= n => TitleStyle::Numbered,
        _ => TitleStyle::Plain,
    };
    Style { meta, title }
}

/// Byte offset just after the closing front-matter fence.
pub fn front_matter_end(text: &str) -> Option<usize> {
    let fence = if text.starts_with("+++") { "+++" } else { "---" };
    let mut offset = text.find('\n')? + 1;
    for line in text[offset..].split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == fence {
            return Some(offset);
        }
    }
    None
}

fn has_key(front: &str, key: &str) -> bool {
    front.lines().any(|l| {
        let l = l.trim_start();
        l.len() > key.len()
            && l[..key.len()].eq_ignore_ascii_case(key)
            && l[key.len()..].trim_start().starts_with([':', '='])
    })
}

/// Quotes a YAML scalar when it would otherwise be read as something else.
pub fn yaml_value(v: &str) -> String {
    let plain = !v.is_empty()
        && !v.starts_with(['[', '{', '"', '\'', '*', '&', '!', '|', '>', '%', '@', '`', '#', '-', '?', ':'])
        && !v.contains(": ")
        && !v.contains(" #");
    if plain { v.to_string() } else { format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\"")) }
}

/// A TOML string.
pub fn toml_value(v: &str) -> String {
    format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""))
}

impl Style {
    /// The H1 for a title and number.
    pub fn title_line(&self, title: &str, number: Option<&str>) -> String {
        match (&self.title, number) {
            (TitleStyle::Numbered, Some(n)) => format!("# {}. {title}", n.trim_start_matches('0').max("0")),
            (TitleStyle::Prefixed(p), _) => format!("# {p}{title}"),
            _ => format!("# {title}"),
        }
    }

    /// The document's head: front matter or bullets and the H1, with `fields` written in this
    /// style. Values are written as given (template placeholders included); lists are written
    /// as YAML/TOML sequences in front matter and comma-separated elsewhere.
    pub fn header(&self, title_line: &str, fields: &[(Field, String)]) -> String {
        let mut out = String::new();
        // Tags are optional: a template leaves their line out when none are given.
        let optional = |f: &Field, line: String| {
            if *f == Field::Tags { format!("{{% if tags %}}{line}{{% endif %}}") } else { line }
        };
        match self.meta {
            MetaStyle::Yaml => {
                out.push_str("---\n");
                for (f, v) in fields {
                    // Placeholders stay bare so the document reads `status: proposed`.
                    let value = if *f == Field::Tags {
                        format!("[{v}]")
                    } else if v.starts_with("{{") {
                        v.clone()
                    } else {
                        yaml_value(v)
                    };
                    out.push_str(&optional(f, format!("{}: {value}\n", f.key())));
                }
                out.push_str("---\n\n");
                out.push_str(title_line);
                out.push('\n');
            }
            MetaStyle::Toml => {
                out.push_str("+++\n");
                for (f, v) in fields {
                    let key = f.key().replace('-', "_");
                    let value = if *f == Field::Tags {
                        // Each tag quoted; the template expands the list.
                        "[{% for t in tag_list %}\"{{ t }}\"{% if not loop.last %}, {% endif %}{% endfor %}]"
                            .to_string()
                    } else {
                        toml_value(v)
                    };
                    out.push_str(&optional(f, format!("{key} = {value}\n")));
                }
                out.push_str("+++\n\n");
                out.push_str(title_line);
                out.push('\n');
            }
            MetaStyle::Nygard => {
                out.push_str(title_line);
                out.push_str("\n\n");
                for (f, v) in fields.iter().filter(|(f, _)| *f != Field::Status) {
                    out.push_str(&optional(f, format!("{}: {v}\n", f.label(self.meta))));
                }
                if let Some((_, status)) = fields.iter().find(|(f, _)| *f == Field::Status) {
                    out.push_str(&format!("\n## Status\n\n{status}\n"));
                }
            }
            MetaStyle::Bullets(c) => {
                out.push_str(title_line);
                out.push_str("\n\n");
                for (f, v) in fields {
                    out.push_str(&optional(f, format!("{c} {}: {v}\n", f.label(self.meta))));
                }
            }
            MetaStyle::RfcHeader => {
                for (f, v) in fields {
                    out.push_str(&optional(f, format!("- {}: {v}\n", f.label(self.meta))));
                }
                out.push('\n');
                out.push_str(title_line);
                out.push('\n');
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_dialect_is_recognised() {
        let nygard = "# 5. Help comments\n\nDate: 2016-02-13\n\n## Status\n\nAccepted\n";
        assert_eq!(detect_one(nygard), (Some(MetaStyle::Nygard), Some(TitleStyle::Numbered)));
        let madr2 = "# Use X\n\n* Status: accepted\n* Date: 2020-01-01\n";
        assert_eq!(detect_one(madr2).0, Some(MetaStyle::Bullets('*')));
        let log4brains = "# Use X\n\n- Status: accepted\n";
        assert_eq!(detect_one(log4brains).0, Some(MetaStyle::Bullets('-')));
        let madr4 = "---\nstatus: accepted\n---\n# Use X\n";
        assert_eq!(detect_one(madr4).0, Some(MetaStyle::Yaml));
        // Front matter without a status, bullets with one: the bullets are the dialect.
        let mixed = "---\ntags: [a]\n---\n# Use X\n\n* Status: accepted\n";
        assert_eq!(detect_one(mixed).0, Some(MetaStyle::Bullets('*')));
        let rfc = "- Feature Name: x\n- Start Date: 2020-01-01\n\n# Summary\n";
        assert_eq!(detect_one(rfc).0, Some(MetaStyle::RfcHeader));
        let arachne = "# Architecture Decision Record: Use ADRs\n\n## Status\n\nAccepted\n";
        assert_eq!(detect_one(arachne).1, Some(TitleStyle::Prefixed("Architecture Decision Record: ".into())));
    }

    #[test]
    fn the_majority_wins_and_an_empty_collection_gets_front_matter() {
        let docs =
            ["# 1. A\n\n## Status\n\nAccepted\n", "# 2. B\n\n## Status\n\nAccepted\n", "---\nstatus: x\n---\n# C\n"];
        assert_eq!(detect(docs), Style { meta: MetaStyle::Nygard, title: TitleStyle::Numbered });
        assert_eq!(detect(std::iter::empty()), Style::default());
    }

    #[test]
    fn headers_in_every_style() {
        let fields = [(Field::Status, "proposed".to_string()), (Field::Date, "2026-01-02".to_string())];
        let nygard = Style { meta: MetaStyle::Nygard, title: TitleStyle::Numbered };
        let title = nygard.title_line("Use X", Some("0012"));
        assert_eq!(nygard.header(&title, &fields), "# 12. Use X\n\nDate: 2026-01-02\n\n## Status\n\nproposed\n");
        let yaml = Style::default();
        assert_eq!(yaml.header("# Use X", &fields), "---\nstatus: proposed\ndate: 2026-01-02\n---\n\n# Use X\n");
        let bullets = Style { meta: MetaStyle::Bullets('*'), title: TitleStyle::Plain };
        assert_eq!(bullets.header("# Use X", &fields), "# Use X\n\n* Status: proposed\n* Date: 2026-01-02\n");
        assert_eq!(yaml_value("superseded by [ADR-1](x.md)"), "superseded by [ADR-1](x.md)");
        assert_eq!(yaml_value("[ADR-1](x.md)"), "\"[ADR-1](x.md)\"");
    }
}
