//! Footnotes as GitHub lays them out: a superscript number per reference, numbered in the order
//! they are first cited, and the notes gathered at the end of the body, each with a link back to
//! every place that cites it.
//!
//! Input: the parser's footnote references and definitions, in document order. Output: the HTML
//! of each reference, and the events of the notes section to append after the body.

use crate::text::escape_html;
use pulldown_cmark::{Event, TagEnd};
use std::collections::HashMap;

/// The footnotes of one body.
#[derive(Default)]
pub struct Footnotes<'a> {
    /// Label → (number, references so far).
    cited: HashMap<String, (usize, usize)>,
    /// Definitions read, by label.
    defined: Vec<(String, Vec<Event<'a>>)>,
    /// The definition being read.
    open: Option<(String, Vec<Event<'a>>)>,
}

impl<'a> Footnotes<'a> {
    /// The HTML of a reference to `label`.
    pub fn reference(&mut self, label: &str) -> String {
        let next = self.cited.len() + 1;
        let (n, count) = self.cited.entry(label.to_string()).or_insert((next, 0));
        *count += 1;
        let id = ref_id(*n, *count);
        format!("<sup class=\"footnote-ref\"><a href=\"#fn-{n}\" id=\"{id}\">{n}</a></sup>")
    }

    /// Starts reading the definition of `label`.
    pub fn open(&mut self, label: &str) {
        self.open = Some((label.to_string(), Vec::new()));
    }

    /// Ends the definition being read.
    pub fn close(&mut self) {
        if let Some(def) = self.open.take() {
            self.defined.push(def);
        }
    }

    /// Keeps `e` when a definition is being read; otherwise gives it back.
    pub fn capture(&mut self, e: Event<'a>) -> Option<Event<'a>> {
        match &mut self.open {
            Some((_, events)) => {
                events.push(e);
                None
            }
            None => Some(e),
        }
    }

    /// The notes section, or nothing when the body has no definitions. Notes nobody cites follow
    /// the cited ones, in the order they were written.
    pub fn finish(mut self) -> Vec<Event<'a>> {
        self.close();
        if self.defined.is_empty() {
            return Vec::new();
        }
        let mut notes: Vec<(usize, usize, Vec<Event<'a>>)> = Vec::new();
        let mut uncited = self.cited.len();
        for (label, events) in self.defined {
            let (n, count) = self.cited.get(&label).copied().unwrap_or_else(|| {
                uncited += 1;
                (uncited, 0)
            });
            notes.push((n, count, events));
        }
        notes.sort_by_key(|note| note.0);
        let mut out = vec![Event::Html("<section class=\"footnotes\" aria-label=\"Footnotes\">\n<ol>\n".into())];
        for (n, count, mut events) in notes {
            out.push(Event::Html(format!("<li id=\"fn-{n}\">\n").into()));
            let back: String = (1..=count)
                .map(|k| {
                    let label = escape_html(&format!("Back to reference {n}"));
                    format!(" <a href=\"#{}\" class=\"footnote-backref\" aria-label=\"{label}\">↩</a>", ref_id(n, k))
                })
                .collect();
            // The links back sit at the end of the note's last paragraph, as on GitHub.
            let back = Event::InlineHtml(back.into());
            match events.iter().rposition(|e| matches!(e, Event::End(TagEnd::Paragraph))) {
                Some(at) if at + 1 == events.len() => events.insert(at, back),
                _ => events.push(back),
            }
            out.extend(events);
            out.push(Event::Html("</li>\n".into()));
        }
        out.push(Event::Html("</ol>\n</section>\n".into()));
        out
    }
}

/// The id of the `k`th reference to note `n`.
fn ref_id(n: usize, k: usize) -> String {
    if k == 1 { format!("fnref-{n}") } else { format!("fnref-{n}-{k}") }
}
