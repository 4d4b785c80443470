//! The built-in templates `adrsite new` starts documents from, and how a template becomes a
//! document.
//!
//! Input: a [`Template`] kind and the collection's [`Style`]. Output: template text — the head in
//! the collection's dialect and a body with the sections async teams write — with tera
//! placeholders (`{{ title }}`, `{{ number }}`, `{{ date }}`, `{{ status }}`, …). `adrsite init`
//! writes these texts to `.adrsite/templates/`, where a team edits them; [`render`] fills one in.

use crate::author::style::{Field, Style};
use crate::vocab::DocKind;

/// A built-in template.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Template {
    /// An architecture decision record.
    Adr,
    /// An RFC or design doc.
    Rfc,
    /// A handbook page.
    Handbook,
    /// A written standup.
    Standup,
    /// Meeting notes.
    Meeting,
}

impl Template {
    /// Every template, in the order `init` writes them.
    pub const ALL: [Template; 5] =
        [Template::Adr, Template::Rfc, Template::Handbook, Template::Standup, Template::Meeting];

    /// The name on the command line and of the template file.
    pub fn name(self) -> &'static str {
        match self {
            Template::Adr => "adr",
            Template::Rfc => "rfc",
            Template::Handbook => "handbook",
            Template::Standup => "standup",
            Template::Meeting => "meeting",
        }
    }

    /// Reads a KIND argument: a template name or a common synonym.
    pub fn parse(s: &str) -> Option<Template> {
        Some(match s.to_lowercase().as_str() {
            "adr" | "adrs" | "decision" | "decisions" => Template::Adr,
            "rfc" | "rfcs" | "design" | "design-doc" | "proposal" => Template::Rfc,
            "handbook" | "page" | "policy" => Template::Handbook,
            "standup" | "standups" | "update" | "weekly-update" => Template::Standup,
            "meeting" | "meetings" | "meeting-notes" | "minutes" | "notes" => Template::Meeting,
            _ => return None,
        })
    }

    /// The kind of document it makes.
    pub fn kind(self) -> DocKind {
        match self {
            Template::Adr => DocKind::Adr,
            Template::Rfc => DocKind::Rfc,
            Template::Handbook => DocKind::Handbook,
            Template::Standup | Template::Meeting => DocKind::Standup,
        }
    }

    /// The template for a collection kind when KIND names a collection.
    pub fn of_kind(kind: DocKind) -> Template {
        match kind {
            DocKind::Adr => Template::Adr,
            DocKind::Rfc => Template::Rfc,
            DocKind::Handbook => Template::Handbook,
            DocKind::Standup => Template::Standup,
        }
    }

    /// The status a new document starts with when `--status` is not given.
    pub fn default_status(self) -> Option<&'static str> {
        match self {
            Template::Adr => Some("proposed"),
            Template::Rfc => Some("draft"),
            _ => None,
        }
    }

    /// The metadata fields, with placeholders.
    fn fields(self) -> Vec<(Field, String)> {
        let p = |s: &str| format!("{{{{ {s} }}}}");
        let mut fields = Vec::new();
        if self.default_status().is_some() {
            fields.push((Field::Status, p("status")));
        }
        fields.push((Field::Date, p("date")));
        match self {
            Template::Adr => fields.push((Field::Deciders, p("author"))),
            Template::Rfc => {
                fields.push((Field::Authors, p("author")));
                fields.push((Field::DecisionMaker, "TBD".into()));
                fields.push((Field::CommentsBy, p("comments_by")));
                fields.push((Field::Deadline, p("deadline")));
            }
            Template::Handbook => {
                fields.retain(|(f, _)| *f != Field::Date);
                fields.push((Field::Owner, p("author")));
                fields.push((Field::LastReviewed, p("date")));
                fields.push((Field::ReviewEvery, "6 months".into()));
            }
            Template::Standup => fields.push((Field::Authors, p("author"))),
            Template::Meeting => fields.push((Field::Participants, p("author"))),
        }
        fields.push((Field::Tags, p("tags")));
        fields
    }

    /// The body: the sections, with guidance to replace.
    fn body(self) -> &'static str {
        match self {
            Template::Adr => ADR_BODY,
            Template::Rfc => RFC_BODY,
            Template::Handbook => HANDBOOK_BODY,
            Template::Standup => STANDUP_BODY,
            Template::Meeting => MEETING_BODY,
        }
    }

    /// The whole template text for a collection written in `style`.
    pub fn text(self, style: &Style) -> String {
        // A numbered H1 (adr-tools: `# 12. Title`) carries the number without its padding.
        let title = style.title_line("{{ title }}", Some("{{ number_short }}"));
        let mut fields = self.fields();
        if self == Template::Rfc && style.meta == crate::author::style::MetaStyle::RfcHeader {
            // The key that marks a header as an RFC's, as its neighbours write it.
            fields.insert(2, (Field::PullRequest, "TBD".into()));
        }
        let mut text = style.header(&title, &fields);
        text.push('\n');
        text.push_str(self.body());
        text
    }
}

/// What a template is filled in with.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Values {
    /// The title.
    pub title: String,
    /// The number as written in file names (`0012`), or empty.
    pub number: String,
    /// The number without padding (`12`).
    pub number_short: String,
    /// Today, ISO.
    pub date: String,
    /// The status.
    pub status: String,
    /// Who runs the command (git's `user.name`), or `TBD`.
    pub author: String,
    /// The author's `@handle` (`ana-silva`), or `owner`.
    pub handle: String,
    /// Comma-separated tags.
    pub tags: String,
    /// The tags one by one.
    pub tag_list: Vec<String>,
    /// An RFC's comments-by date: a week from today.
    pub comments_by: String,
    /// An RFC's decision deadline: two weeks from today.
    pub deadline: String,
}

/// Fills in a template; `name` says where it came from in errors.
pub fn render(name: &str, text: &str, values: &Values) -> anyhow::Result<String> {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(Vec::<&str>::new());
    tera.add_raw_template(name, text).map_err(|e| anyhow::anyhow!("template {name}: {e}"))?;
    let context = tera::Context::from_serialize(values).map_err(|e| anyhow::anyhow!("{e}"))?;
    tera.render(name, &context).map_err(|e| anyhow::anyhow!("filling in template {name}: {e}"))
}

const ADR_BODY: &str = "## Context

What is the problem, and why does it need a decision now? Describe the forces at play — \
technical, organisational, cost — so that a reader in two years understands the situation.

## Options considered

1. **Option one** — what it is; good, because …; bad, because …
2. **Option two** — …
3. **Do nothing** — …

## Decision

We will … because …

## Consequences

What becomes easier, what becomes harder, and what we will have to do next. Who needs to know?
";

const RFC_BODY: &str = "## Summary

One paragraph: what this proposes, for readers who read nothing else.

## Context

Why are we doing this? What problem does it solve, for whom, and what happens if we do nothing?

## Proposal

The design in enough detail to be reviewed: interfaces, data, rollout, and how we will know it works.

## Alternatives

What else was considered, and why this proposal is better.

## Open questions

What must be settled before the decision deadline?

## Comments

Comment in the pull request or below until the comments-by date. The decision maker decides by the \
deadline and records the outcome in the status.
";

const HANDBOOK_BODY: &str = "Who this page is for and what it helps them do.

## How it works

The process, step by step.

## Questions

Ask the owner, or propose a change to this page.
";

const STANDUP_BODY: &str = "## Yesterday

- What you finished

## Today

- What you are working on next

## Blockers

None.
";

const MEETING_BODY: &str = "## Agenda

1. First topic

## Notes

## Decisions

- What was decided, by whom; link the ADR or RFC that records it

## Action items

- [ ] @{{ handle }}: what needs doing (due {{ deadline }})
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::author::style::{MetaStyle, TitleStyle};

    fn values() -> Values {
        Values {
            title: "Use PostgreSQL".into(),
            number: "0012".into(),
            number_short: "12".into(),
            date: "2026-11-21".into(),
            status: "proposed".into(),
            author: "Ana Silva".into(),
            handle: "ana-silva".into(),
            tags: "database".into(),
            tag_list: vec!["database".into()],
            comments_by: "2026-11-28".into(),
            deadline: "2026-12-05".into(),
        }
    }

    #[test]
    fn an_adr_in_the_adr_tools_style() {
        let style = Style { meta: MetaStyle::Nygard, title: TitleStyle::Numbered };
        let doc = render("adr", &Template::Adr.text(&style), &values()).unwrap();
        assert!(doc.starts_with("# 12. Use PostgreSQL\n\nDate: 2026-11-21\nDeciders: Ana Silva\n"), "{doc}");
        assert!(doc.contains("## Status\n\nproposed\n\n## Context"), "{doc}");
    }

    #[test]
    fn every_template_renders_in_every_style() {
        for t in Template::ALL {
            for meta in
                [MetaStyle::Yaml, MetaStyle::Toml, MetaStyle::Nygard, MetaStyle::Bullets('*'), MetaStyle::RfcHeader]
            {
                let style = Style { meta, title: TitleStyle::Plain };
                let doc = render(t.name(), &t.text(&style), &values()).unwrap();
                assert!(doc.contains("# Use PostgreSQL\n"), "{t:?} {meta:?}: {doc}");
                assert!(!doc.contains("{{"), "{t:?} {meta:?}: {doc}");
            }
        }
    }
}
