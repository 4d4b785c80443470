//! A document body's outline: its text split the ways search, feeds and `llms.txt` read it.
//!
//! Input: the Markdown events of the body, fed one at a time by the one parse the load stage makes
//! ([`scan`](crate::load::scan::scan)). Output: an [`Outline`] — every heading's text, the text
//! of the decision section, the whole body as plain text, and a short excerpt (the TL;DR, else the
//! decision's first sentence, else the first paragraph). Nothing later parses the body again for
//! these.

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

/// Headings that introduce the decision itself.
const DECISION_HEADINGS: &[&str] = &[
    "decision",
    "decision outcome",
    "resolution",
    "outcome",
    "decisions",
    "the decision",
    "conclusion",
    "decided",
    // MADR's translations.
    "décision",
    "résultat de la décision",
    "decisión",
    "resultado de la decisión",
    "decisão",
    "resultado da decisão",
    "entscheidung",
    "entscheidungsergebnis",
    "decisione",
    "esito della decisione",
];
/// Headings that introduce a summary written for readers in a hurry.
const SUMMARY_HEADINGS: &[&str] = &["tl;dr", "tldr", "summary", "abstract"];
/// Longest excerpt, in characters.
const EXCERPT_CHARS: usize = 240;

/// A body's text, split the ways readers other than the page need it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outline {
    /// Every heading's text, one per line.
    pub headings: String,
    /// The text of the decision section (`Decision`, `Decision Outcome`, `Resolution`, …).
    pub decision: String,
    /// The whole body as plain text (long code blocks left out).
    pub body: String,
    /// Where each section of `body` after the first begins (a heading's byte offset): search
    /// counts which of a question's words share a section.
    pub sections: Vec<u32>,
    /// Where each code block's text in `body` begins and ends: search shows prose, not code.
    pub code: Vec<(u32, u32)>,
    /// A sentence or two: the TL;DR or summary, else the decision's first sentence, else the
    /// first paragraph; at most 240 characters.
    pub excerpt: String,
    /// Which of those the excerpt is.
    pub excerpt_from: ExcerptSource,
}

/// What a document's excerpt was taken from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExcerptSource {
    /// The TL;DR or summary its author wrote.
    Summary,
    /// The first sentence of its decision.
    Decision,
    /// Its first paragraph: an opening, not an answer, which search may replace with the
    /// passage a question matched.
    #[default]
    Opening,
}

/// Builds an [`Outline`] from a body's events.
#[derive(Debug, Default)]
pub struct OutlineBuilder {
    out: Outline,
    first_paragraph: String,
    summary: Option<String>,
    heading: Option<(HeadingLevel, String)>,
    /// The decision or summary section being read: its level, whether it is the decision and
    /// whether it is a summary.
    section: Option<(HeadingLevel, bool, bool)>,
    paragraph: Option<String>,
    in_code: bool,
    /// The text of the list item being read (the outermost one), and how deep the lists go.
    item: Option<String>,
    item_depth: usize,
    /// Options the body lists by label (`A. nx`), for a decision that names one by label only.
    options: Vec<(String, String)>,
}

impl OutlineBuilder {
    /// Reads one event of the body.
    pub fn event(&mut self, event: &Event) {
        let out = &mut self.out;
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                if !out.body.trim().is_empty() {
                    out.sections.push(out.body.len() as u32);
                }
                self.heading = Some((*level, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = self.heading.take() {
                    let text = crate::text::split_heading_attributes(&text).0;
                    self.options.extend(crate::load::chosen_option::listed_option(text));
                    let lower = text.trim().trim_end_matches(':').to_lowercase();
                    out.headings.push_str(text);
                    out.headings.push('\n');
                    // A decision or summary section lasts until a heading of the same or a higher
                    // level; its subsections belong to it.
                    let inside = self.section.is_some_and(|(l, _, _)| level > l);
                    if !inside {
                        let decision = DECISION_HEADINGS.contains(&lower.as_str());
                        let summary = SUMMARY_HEADINGS.contains(&lower.as_str());
                        self.section = (decision || summary).then_some((level, decision, summary));
                    }
                    out.body.push_str(text);
                    out.body.push('\n');
                }
            }
            Event::Start(Tag::CodeBlock(_)) => {
                self.in_code = true;
                out.code.push((out.body.len() as u32, out.body.len() as u32));
            }
            Event::End(TagEnd::CodeBlock) => {
                self.in_code = false;
                match out.code.last_mut() {
                    Some((start, end)) if *start as usize != out.body.len() => *end = out.body.len() as u32,
                    _ => {
                        out.code.pop();
                    }
                }
            }
            Event::Start(Tag::Paragraph) => self.paragraph = Some(String::new()),
            Event::End(TagEnd::Paragraph) => {
                if let Some((_, true, _)) = self.section {
                    out.decision.push(' ');
                }
                out.body.push(' ');
                if let Some(p) = self.paragraph.take() {
                    let p = p.trim().to_string();
                    if self.first_paragraph.is_empty() && p.chars().count() > 20 && !p.contains(": ") {
                        self.first_paragraph = p.clone();
                    }
                    if let Some((_, _, true)) = self.section
                        && self.summary.is_none()
                        && !p.is_empty()
                    {
                        self.summary = Some(p);
                    }
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                if let Some((_, h)) = self.heading.as_mut() {
                    h.push_str(t);
                    return;
                }
                if let Some(p) = self.paragraph.as_mut() {
                    p.push_str(t);
                }
                // An item's own words, not those of the list nested in it.
                if let Some(item) = self.item.as_mut().filter(|i| self.item_depth == 1 && i.len() < 400) {
                    item.push_str(t);
                }
                // A decision is its prose: a code block in it is read with the body, and never
                // becomes the sentence a hit shows.
                // Inline pieces join as written ("`CommitSig`:"); blocks and breaks part them.
                if let (Some((_, true, _)), false) = (self.section, self.in_code) {
                    out.decision.push_str(t);
                }
                if !self.in_code || t.len() < 2000 {
                    out.body.push_str(t);
                    if self.in_code {
                        out.body.push(' ');
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = self.paragraph.as_mut() {
                    p.push(' ');
                }
                if let Some((_, true, _)) = self.section {
                    out.decision.push(' ');
                }
                out.body.push(' ');
            }
            Event::Start(Tag::Item) => {
                self.item_depth += 1;
                if self.item_depth == 1 {
                    self.item = Some(String::new());
                }
                out.body.push(' ');
            }
            Event::End(TagEnd::Item) => {
                self.item_depth = self.item_depth.saturating_sub(1);
                if self.item_depth == 0
                    && let Some(item) = self.item.take()
                {
                    self.options.extend(crate::load::chosen_option::listed_option(&item));
                }
                if let Some((_, true, _)) = self.section {
                    out.decision.push('\n');
                }
                out.body.push(' ');
            }
            // Blocks and raw HTML part the words on either side; inline markup does not.
            Event::Start(Tag::TableCell | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_))
            | Event::End(TagEnd::FootnoteDefinition)
            | Event::Html(_)
            | Event::InlineHtml(_) => out.body.push(' '),
            Event::End(TagEnd::TableCell | TagEnd::BlockQuote(_)) => {
                if let Some((_, true, _)) = self.section {
                    out.decision.push('\n');
                }
                out.body.push(' ');
            }
            _ => {}
        }
    }

    /// The outline of everything read.
    pub fn finish(self) -> Outline {
        let mut out = self.out;
        let first_paragraph = if self.first_paragraph.is_empty() {
            // The opening words after the headings it begins with: the title is shown already.
            let mut text = out.body.trim_start();
            for heading in out.headings.lines() {
                match text.strip_prefix(heading).and_then(|rest| rest.strip_prefix('\n')) {
                    Some(rest) => text = rest.trim_start(),
                    None => break,
                }
            }
            text.split_whitespace().take(40).collect::<Vec<_>>().join(" ")
        } else {
            self.first_paragraph
        };
        let (excerpt, from) = match (self.summary, first_sentence(&out.decision)) {
            (Some(summary), _) => (summary, ExcerptSource::Summary),
            // `Chosen option: A.`: the option's words say what was decided.
            (None, Some(decision)) => (
                crate::load::chosen_option::name_the_option(&decision, &self.options).unwrap_or(decision),
                ExcerptSource::Decision,
            ),
            (None, None) => (first_paragraph, ExcerptSource::Opening),
        };
        out.excerpt = crate::text::shorten(&crate::text::without_markup(&excerpt), EXCERPT_CHARS);
        out.excerpt_from = from;
        // Kept for every document for the whole build: no room to spare.
        out.headings.shrink_to_fit();
        out.decision.shrink_to_fit();
        out.body.shrink_to_fit();
        out.sections.shrink_to_fit();
        out.code.shrink_to_fit();
        out
    }
}

fn first_sentence(text: &str) -> Option<String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return None;
    }
    let end = text.find(". ").map_or(text.len(), |i| i + 1);
    Some(text[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(markdown: &str) -> Outline {
        let mut b = OutlineBuilder::default();
        for e in pulldown_cmark::Parser::new_ext(markdown, crate::text::markdown_options()) {
            b.event(&e);
        }
        b.finish()
    }

    #[test]
    fn a_decision_that_names_its_option_by_label_says_what_the_option_is() {
        let madr = "# Monorepo tooling\n\n## Considered Options\n\n- A. nx\n  - fast\n- B. Turborepo\n\n## Decision Outcome\n\nChosen option: A.\n\n### A. nx\n\n- Good, because caching.\n";
        assert_eq!(outline(madr).excerpt, "Chosen option: A (nx).");
        let headed = "## Considered Options\n\n### [option 1] Keep the flow\n\n### [option 2] Ask for a password only when keys are needed\n\n## Decision Outcome\n\nChosen option: \"option 2\", because it asks less.\n";
        assert_eq!(
            outline(headed).excerpt,
            "Chosen option: \"option 2\" (Ask for a password only when keys are needed), because it asks less."
        );
    }

    #[test]
    fn sections_excerpts_and_summaries() {
        let o = outline(
            "# Title\n\nIntro line that is long enough to count.\n\n## Context\n\nWhy.\n\n## Decision Outcome\n\nChosen option: \"PostgreSQL\", because JSONB. More text.\n\n### Consequences\n\n* Good.\n\n## Links\n\nunrelated\n",
        );
        assert!(o.decision.contains("Chosen option"));
        assert!(o.decision.contains("Good"), "subsections belong to the decision");
        assert!(!o.decision.contains("unrelated"), "a sibling section ends it");
        assert_eq!(o.excerpt, "Chosen option: \"PostgreSQL\", because JSONB.", "the decision's first sentence");
        assert_eq!(o.excerpt_from, ExcerptSource::Decision);
        assert!(o.headings.contains("Decision Outcome"));
        let starts: Vec<&str> = o.sections.iter().map(|&i| o.body[i as usize..].lines().next().unwrap()).collect();
        assert_eq!(
            starts,
            ["Context", "Decision Outcome", "Consequences", "Links"],
            "a section begins at each heading"
        );
        let summarised = outline("## TL;DR\n\nWe use Kafka.\n\n## Decision\n\nKafka.\n");
        assert_eq!((summarised.excerpt.as_str(), summarised.excerpt_from), ("We use Kafka.", ExcerptSource::Summary));
        let opened = outline("# T\n\nIntro line that is long enough to count.\n");
        assert_eq!(
            (opened.excerpt.as_str(), opened.excerpt_from),
            ("Intro line that is long enough to count.", ExcerptSource::Opening)
        );
        let coded = outline("# T\n\nSee:\n\n```rust\nfn f() {}\n```\n\n```\n```\n\nAfter.\n");
        let code: Vec<&str> = coded.code.iter().map(|&(a, b)| &coded.body[a as usize..b as usize]).collect();
        assert_eq!(code, ["fn f() {}\n "], "an empty block has no range");
        let decided = outline(
            "# T\n\n## Decision\n\nIntroduce `CommitSig`:\n\n```go\ntype Commit struct {\n  ID int `json:\"id\"`\n}\n```\n\nThen sign it.\n",
        );
        assert_eq!(
            decided.decision.split_whitespace().collect::<Vec<_>>(),
            ["Introduce", "CommitSig:", "Then", "sign", "it."]
        );
        assert!(decided.body.contains("type Commit struct"), "the code is still read with the body");
        let marked = outline("## Decision\n\nWe use **Kafka**, not `RabbitMQ`.\n\n| a | b |\n|---|---|\n| c | d |\n");
        assert_eq!(marked.excerpt, "We use Kafka, not RabbitMQ.", "inline markup leaves no gaps");
        assert_eq!(
            marked.decision.split_whitespace().collect::<Vec<_>>(),
            ["We", "use", "Kafka,", "not", "RabbitMQ.", "a", "b", "c", "d"]
        );
        let unparsed = outline("# T\n\n**Main Topic:**The pinning project, with a stray ` backtick.\n");
        assert_eq!(unparsed.excerpt, "Main Topic:The pinning project, with a stray backtick.", "no Markdown shows");
        let listed = outline("- Moved the view (`/v2/views`) off GraphQL\n  - nested\n- Next<br>line\n\n> quoted\n");
        assert_eq!(
            listed.body.split_whitespace().collect::<Vec<_>>(),
            ["Moved", "the", "view", "(/v2/views)", "off", "GraphQL", "nested", "Next", "line", "quoted"]
        );
        let headed = outline("# Call 2016-08-15\n\n## Notes\n\nModerator: @ana\n\n- Notetaker: @ben\n");
        assert_eq!(headed.excerpt, "Moderator: @ana Notetaker: @ben", "the words after the opening headings");
        let long = format!("# T\n\n{}\n", "word ".repeat(100));
        assert!(outline(&long).excerpt.ends_with('…') && outline(&long).excerpt.chars().count() <= 241);
    }
}
