//! Markdown to HTML for one document body.
//!
//! Input: the body text, a [`LinkRewriter`] that knows where every destination goes from this
//! page, and the [`Highlighter`]. Output: [`Rendered`] — the HTML with heading anchors (GitHub's
//! ids, so existing `#anchor` links keep working), highlighted code, rewritten links, id mentions
//! turned into links, broken links marked instead of left dangling — and the table of contents.

mod footnotes;
mod gfm;

pub use gfm::linked_text;

use crate::render::highlight::Highlighter;
use crate::render::sanitise::RawHtml;
use crate::text::{escape_href, escape_html, heading_anchor, id_mentions, markdown_options};
use crate::vocab::DocNumber;
use footnotes::Footnotes;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd, TextMergeStream};
use serde::Serialize;
use std::collections::{BTreeMap, VecDeque};

/// What a link destination becomes on this page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rewrite {
    /// Leave it as written (external URLs, anchors).
    Keep,
    /// Replace it with this relative URL.
    To(String),
    /// The target does not exist: render the text without a link.
    Broken,
}

/// Answers where links and id mentions go from the page being rendered.
pub trait LinkRewriter {
    /// Where a link destination goes.
    fn rewrite(&self, dest: &str) -> Rewrite;
    /// The URL and title of the document an id mention names, if it is in the site.
    fn mention(&self, prefix: &str, number: &DocNumber) -> Option<(String, String)>;
    /// The URL of the page of the person an `@handle` names, if they have one.
    fn person(&self, _handle: &str) -> Option<String> {
        None
    }
}

/// One entry of the table of contents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    /// Anchor id.
    pub id: String,
    /// Heading text.
    pub text: String,
}

/// A rendered body.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Level-2 and level-3 headings.
    pub toc: Vec<TocEntry>,
    /// Whether the body has a Mermaid diagram.
    pub has_mermaid: bool,
}

/// Renders `body`. Events stream from the parser through the rewriting below into the HTML
/// writer; only a heading's events are held (for its anchor), so memory stays near the parser's
/// own, however long the document.
pub fn render_markdown(body: &str, links: &dyn LinkRewriter, highlighter: &Highlighter, raw: RawHtml) -> Rendered {
    let mut events = Rewriting {
        parser: Source::of(body),
        shift: u8::from(has_h1(body)),
        finished: false,
        pending: VecDeque::new(),
        links,
        highlighter,
        toc: Vec::new(),
        anchors: BTreeMap::new(),
        heading: None,
        code: None,
        link_stack: Vec::new(),
        broken_image: None,
        has_mermaid: false,
        has_raw_html: false,
        footnotes: Footnotes::default(),
        item: HeldItem::None,
        quotes: Vec::new(),
        after_break: false,
    };
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, &mut events);
    if events.has_raw_html && raw == RawHtml::Sanitise {
        html = crate::render::sanitise::sanitise(&html);
    }
    Rendered { html, toc: events.toc, has_mermaid: events.has_mermaid }
}

/// Whether the body has a level-1 heading outside code: an ATX `# Section` or a setext heading
/// underlined with `===`. A line scan, far cheaper than the parse it decides about.
fn has_h1(body: &str) -> bool {
    let mut fence: Option<(u8, usize)> = None;
    let mut prev_text = false;
    let mut in_comment = false;
    for line in body.lines() {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        if in_comment || (fence.is_none() && t.starts_with("<!--")) {
            in_comment = !t.contains("-->");
            prev_text = false;
            continue;
        }
        let run = |b: u8| t.bytes().take_while(|c| *c == b).count();
        if let Some((b, len)) = fence {
            if run(b) >= len && t.trim_start_matches(b as char).trim().is_empty() {
                fence = None;
            }
            continue;
        }
        if indent <= 3 && (run(b'`') >= 3 || run(b'~') >= 3) {
            let b = t.as_bytes()[0];
            fence = Some((b, run(b)));
            prev_text = false;
            continue;
        }
        if indent <= 3 && (t == "#" || t.starts_with("# ") || t.starts_with("#\t")) {
            return true;
        }
        if indent <= 3 && prev_text && t.len() >= 2 && t.trim_end().bytes().all(|b| b == b'=') {
            return true;
        }
        prev_text = indent <= 3 && !t.is_empty() && !t.starts_with(['>', '-', '*', '+', '|', '<', '#']);
    }
    false
}

/// The parser's events. Text arrives merged when the body has a bare URL or an alert marker, so
/// that `https://x.org/a_b` or `[!NOTE]` is one run; merging copies text, so other bodies (URLs
/// only in links and `<…>` autolinks, which the parser links itself) skip it.
enum Source<'a> {
    Merged(TextMergeStream<'a, Parser<'a>>),
    Plain(Parser<'a>),
}

impl<'a> Source<'a> {
    fn of(body: &'a str) -> Self {
        let parser = Parser::new_ext(body, markdown_options());
        if crate::render::markdown::gfm::may_have_bare_url(body) || body.contains("[!") {
            Source::Merged(TextMergeStream::new(parser))
        } else {
            Source::Plain(parser)
        }
    }
}

impl<'a> Iterator for Source<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        match self {
            Source::Merged(m) => m.next(),
            Source::Plain(p) => p.next(),
        }
    }
}

/// The parser's events with links rewritten, code highlighted, headings anchored and mentions
/// linked.
struct Rewriting<'a, 'r> {
    parser: Source<'a>,
    finished: bool,
    /// Events ready to be written.
    pending: VecDeque<Event<'a>>,
    links: &'r dyn LinkRewriter,
    highlighter: &'r Highlighter,
    toc: Vec<TocEntry>,
    anchors: BTreeMap<String, usize>,
    /// Levels added to every heading: 1 when the body has H1 sections (`# Summary`,
    /// `# Motivation`), which sit below the page's own title.
    shift: u8,
    /// The heading being read: its level, explicit id and inner events.
    heading: Option<(HeadingLevel, Option<String>, Vec<Event<'a>>)>,
    /// The code block being read: its language and text.
    code: Option<(String, String)>,
    /// Per open link, whether it is broken (rendered as a span).
    link_stack: Vec<bool>,
    /// The alt text of a broken image being read.
    broken_image: Option<String>,
    has_mermaid: bool,
    /// Whether the source had raw HTML, which the whole body is then sanitised for.
    has_raw_html: bool,
    footnotes: Footnotes<'a>,
    /// A list item or quote held until the next events say whether it is a task or an alert.
    item: HeldItem,
    /// Per open quote, whether it is an alert (`> [!NOTE]`, also `> [!NOTE] Text` on one line).
    quotes: Vec<bool>,
    /// Whether the last event was a line break: an alert marker may follow.
    after_break: bool,
}

/// The start of a list item or quote not yet written: a task item's `<li>` carries a class, and
/// a quote whose text starts with an alert marker is an alert.
#[derive(Clone, Copy, PartialEq, Eq)]
enum HeldItem {
    None,
    Item,
    /// A loose item: its paragraph has started too.
    ItemParagraph,
    Quote,
    QuoteParagraph,
    /// A paragraph inside an alert: its text may start the next alert.
    AlertParagraph,
}

impl<'a> Iterator for Rewriting<'a, '_> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if let Some(e) = self.pending.pop_front() {
                return Some(e);
            }
            match self.parser.next() {
                Some(event) => self.take(event),
                None if self.finished => return None,
                None => {
                    self.finished = true;
                    if let Some((lang, text)) = self.code.take() {
                        self.emit(Event::Html(code_block(&lang, &text, self.highlighter).into()));
                    }
                    self.flush_item();
                    let notes = std::mem::take(&mut self.footnotes).finish();
                    self.pending.extend(notes);
                }
            }
        }
    }
}

impl<'a> Rewriting<'a, '_> {
    /// Queues an event, inside the current heading when there is one.
    fn push(&mut self, e: Event<'a>) {
        match &mut self.heading {
            Some((_, _, inner)) => inner.push(e),
            None => self.emit(e),
        }
    }

    /// Queues a finished event, inside the footnote being read when there is one.
    fn emit(&mut self, e: Event<'a>) {
        if let Some(e) = self.footnotes.capture(e) {
            self.pending.push_back(e);
        }
    }

    /// Writes a held list item or quote as an ordinary one.
    fn flush_item(&mut self) {
        let held = std::mem::replace(&mut self.item, HeldItem::None);
        match held {
            HeldItem::None => return,
            HeldItem::Item | HeldItem::ItemParagraph => self.push(Event::Start(Tag::Item)),
            HeldItem::Quote | HeldItem::QuoteParagraph => {
                self.quotes.push(false);
                self.push(Event::Start(Tag::BlockQuote(None)));
            }
            HeldItem::AlertParagraph => {}
        }
        if matches!(held, HeldItem::ItemParagraph | HeldItem::QuoteParagraph | HeldItem::AlertParagraph) {
            self.push(Event::Start(Tag::Paragraph));
        }
    }

    /// Reads the event after a list item's start: a task marker makes it a task item. Returns the
    /// event when it is not the item's to decide.
    fn after_item(&mut self, event: Event<'a>) -> Option<Event<'a>> {
        match (self.item, event) {
            (HeldItem::Item, Event::Start(Tag::Paragraph)) => {
                self.item = HeldItem::ItemParagraph;
                None
            }
            (HeldItem::Quote, Event::Start(Tag::Paragraph)) => {
                self.item = HeldItem::QuoteParagraph;
                None
            }
            (HeldItem::AlertParagraph, Event::Text(text)) if gfm::inline_alert(&text).is_some() => {
                // A paragraph of an alert that starts with a marker starts the next alert.
                self.item = HeldItem::None;
                let (kind, rest) = gfm::inline_alert(&text).unwrap_or((pulldown_cmark::BlockQuoteKind::Note, ""));
                let rest = rest.to_string();
                self.push(Event::Html(format!("</div>\n{}", gfm::alert_open(kind)).into()));
                self.push(Event::Start(Tag::Paragraph));
                (!rest.is_empty()).then(|| Event::Text(rest.into()))
            }
            (HeldItem::QuoteParagraph, Event::Text(text)) if gfm::inline_alert(&text).is_some() => {
                self.item = HeldItem::None;
                let (kind, rest) = gfm::inline_alert(&text).unwrap_or((pulldown_cmark::BlockQuoteKind::Note, ""));
                let rest = rest.to_string();
                self.quotes.push(true);
                self.push(Event::Html(gfm::alert_open(kind).into()));
                self.push(Event::Start(Tag::Paragraph));
                (!rest.is_empty()).then(|| Event::Text(rest.into()))
            }
            (held @ (HeldItem::Item | HeldItem::ItemParagraph), Event::TaskListMarker(checked)) => {
                self.item = HeldItem::None;
                let p = if held == HeldItem::ItemParagraph { "<p>" } else { "" };
                let mark = if checked { " checked=\"\"" } else { "" };
                let html = format!("<li class=\"task-list-item\">{p}<input type=\"checkbox\" disabled=\"\"{mark}> ");
                self.push(Event::Html(html.into()));
                None
            }
            (_, event) => {
                self.flush_item();
                Some(event)
            }
        }
    }

    /// Reads one event of the parser.
    fn take(&mut self, event: Event<'a>) {
        let links = self.links;
        let after_break = std::mem::take(&mut self.after_break);
        let event = if self.item == HeldItem::None {
            event
        } else {
            match self.after_item(event) {
                Some(e) => e,
                None => return,
            }
        };
        if let Some((lang, text)) = &mut self.code {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, text) = (std::mem::take(lang), std::mem::take(text));
                    self.code = None;
                    self.has_mermaid |= lang == "mermaid";
                    self.emit(Event::Html(code_block(&lang, &text, self.highlighter).into()));
                }
                _ => {}
            }
            return;
        }
        if let Some(alt) = &mut self.broken_image {
            match event {
                Event::End(TagEnd::Image) => {
                    let html = format!(
                        "<span class=\"broken-image\" title=\"image not found\">[{}]</span>",
                        escape_html(if alt.is_empty() { "image" } else { alt })
                    );
                    self.broken_image = None;
                    self.push(Event::InlineHtml(html.into()));
                }
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                _ => {}
            }
            return;
        }
        if matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
            self.has_raw_html = true;
        }
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.heading = Some((level, id.map(|i| i.to_string()), Vec::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, explicit, mut inner)) = self.heading.take() else { return };
                let explicit = explicit.or_else(|| strip_attribute_block(&mut inner));
                let text = plain_text(&inner);
                let base = explicit.unwrap_or_else(|| heading_anchor(&text));
                let base = if base.is_empty() { "section".to_string() } else { base };
                let count = self.anchors.entry(base.clone()).or_insert(0);
                let anchor = if *count == 0 { base.clone() } else { format!("{base}-{count}") };
                *count += 1;
                let n = (level as u8 + self.shift).min(6);
                if (2..=3).contains(&n) {
                    self.toc.push(TocEntry { level: n, id: anchor.clone(), text: text.clone() });
                }
                self.emit(Event::Html(format!("<h{n} id=\"{}\">", escape_html(&anchor)).into()));
                for e in inner {
                    self.emit(e);
                }
                self.emit(Event::Html(
                    format!(
                        "<a class=\"anchor\" href=\"#{}\" aria-label=\"Link to this section\">#</a></h{n}>\n",
                        escape_href(&anchor)
                    )
                    .into(),
                ));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or("").to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            // `<ana@example.org>`: the writer adds `mailto:` itself.
            Event::Start(Tag::Link { link_type: LinkType::Email, dest_url, title, id }) => {
                self.link_stack.push(false);
                self.push(Event::Start(Tag::Link { link_type: LinkType::Email, dest_url, title, id }));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => match links.rewrite(&dest_url) {
                Rewrite::Keep => {
                    self.link_stack.push(false);
                    self.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
                }
                Rewrite::To(url) => {
                    self.link_stack.push(false);
                    self.push(Event::Start(Tag::Link { link_type, dest_url: url.into(), title, id }));
                }
                Rewrite::Broken => {
                    self.link_stack.push(true);
                    let html =
                        format!("<span class=\"broken-link\" title=\"broken link: {}\">", escape_html(&dest_url));
                    self.push(Event::InlineHtml(html.into()));
                }
            },
            Event::End(TagEnd::Link) => {
                if self.link_stack.pop() == Some(true) {
                    self.push(Event::InlineHtml("</span>".into()));
                } else {
                    self.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => match links.rewrite(&dest_url) {
                Rewrite::Keep => self.push(Event::Start(Tag::Image { link_type, dest_url, title, id })),
                Rewrite::To(url) => self.push(Event::Start(Tag::Image { link_type, dest_url: url.into(), title, id })),
                Rewrite::Broken => self.broken_image = Some(String::new()),
            },
            Event::Text(ref text)
                if after_break && self.quotes.last() == Some(&true) && gfm::inline_alert(text).is_some() =>
            {
                // `> [!NOTE]` on a line of an alert's paragraph (the paragraph ran on, lazily):
                // the next alert starts here, as its author meant. The quote's end closes it.
                let (kind, rest) = gfm::inline_alert(text).unwrap_or((pulldown_cmark::BlockQuoteKind::Note, ""));
                let rest = rest.to_string();
                self.push(Event::End(TagEnd::Paragraph));
                self.push(Event::Html(format!("</div>\n{}", gfm::alert_open(kind)).into()));
                self.push(Event::Start(Tag::Paragraph));
                if !rest.is_empty() {
                    self.take(Event::Text(rest.into()));
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                self.after_break = true;
                self.push(event);
            }
            Event::Text(text) if self.link_stack.is_empty() && self.heading.is_none() => {
                for e in mention_links(text, links) {
                    self.emit(e);
                }
            }
            Event::Start(Tag::Item) => self.item = HeldItem::Item,
            Event::Start(Tag::Paragraph) if self.quotes.last() == Some(&true) => self.item = HeldItem::AlertParagraph,
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                self.quotes.push(true);
                self.push(Event::Html(gfm::alert_open(kind).into()));
            }
            Event::Start(Tag::BlockQuote(None)) => self.item = HeldItem::Quote,
            Event::End(TagEnd::BlockQuote(_)) => match self.quotes.pop() {
                Some(true) => self.push(Event::Html("</div>\n".into())),
                _ => self.push(Event::End(TagEnd::BlockQuote(None))),
            },
            Event::FootnoteReference(label) => {
                let html = self.footnotes.reference(&label);
                self.push(Event::InlineHtml(html.into()));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => self.footnotes.open(&label),
            Event::End(TagEnd::FootnoteDefinition) => self.footnotes.close(),
            Event::InlineMath(latex) => self.push(Event::InlineHtml(gfm::math(&latex, false).into())),
            Event::DisplayMath(latex) => self.push(Event::InlineHtml(gfm::math(&latex, true).into())),
            Event::Html(html) => self.push(Event::Html(rewrite_html(&html, links).into())),
            Event::InlineHtml(html) => self.push(Event::InlineHtml(rewrite_html(&html, links).into())),
            other => self.push(other),
        }
    }
}

/// `## Ambiguity { #ambig }`: drops the attribute block that ends a heading's text (see
/// [`crate::text::split_heading_attributes`]) and gives the id it names. The parser may split the
/// block over several text events (`adr_0011` at its underscore), so the trailing run is read whole.
fn strip_attribute_block(inner: &mut Vec<Event<'_>>) -> Option<String> {
    let run = inner.iter().rev().take_while(|e| matches!(e, Event::Text(_))).count();
    if run == 0 {
        return None;
    }
    let start = inner.len() - run;
    let joined: String = inner[start..].iter().map(|e| if let Event::Text(t) = e { t.as_ref() } else { "" }).collect();
    let (kept, id) = crate::text::split_heading_attributes(&joined);
    if kept.len() == joined.len() {
        return None;
    }
    let (kept, id) = (kept.to_string(), id.map(str::to_string));
    inner.truncate(start);
    if !kept.is_empty() {
        inner.push(Event::Text(kept.into()));
    }
    id
}

fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        if let Event::Text(t) | Event::Code(t) = e {
            s.push_str(t);
        }
    }
    s.trim().to_string()
}

fn code_block(lang: &str, text: &str, highlighter: &Highlighter) -> String {
    if lang == "mermaid" {
        return format!("<pre class=\"mermaid\">{}</pre>\n", escape_html(text));
    }
    let class = if lang.is_empty() { String::new() } else { format!(" class=\"language-{}\"", escape_html(lang)) };
    match highlighter.highlight(text, lang) {
        Some(html) => format!("<pre class=\"code\"><code{class}>{html}</code></pre>\n"),
        None => format!("<pre class=\"code\"><code{class}>{}</code></pre>\n", escape_html(text)),
    }
}

/// Splits a text event around bare URLs, id mentions (`ADR-0005`) and `@handles` that resolve,
/// making each a link.
fn mention_links<'a>(text: CowStr<'a>, links: &dyn LinkRewriter) -> Vec<Event<'a>> {
    let mut found: Vec<(usize, usize, String)> = gfm::bare_urls(&text);
    for m in id_mentions(&text) {
        let Some((url, title)) = DocNumber::parse(m.number).and_then(|n| links.mention(&m.prefix, &n)) else {
            continue;
        };
        let html = format!(
            "<a class=\"mention\" href=\"{}\" title=\"{}\">{}</a>",
            escape_href(&url),
            escape_html(&title),
            escape_html(&text[m.range.clone()])
        );
        found.push((m.range.start, m.range.end, html));
    }
    if text.contains('@') {
        for handle in crate::load::standup::handles(&text) {
            let Some(url) = links.person(handle) else { continue };
            // `handles` borrows from `text`, so the offset is exact.
            let start = handle.as_ptr() as usize - text.as_ptr() as usize - 1;
            let end = start + 1 + handle.len();
            let html =
                format!("<a class=\"person-mention\" href=\"{}\">@{}</a>", escape_href(&url), escape_html(handle));
            found.push((start, end, html));
        }
    }
    if found.is_empty() {
        return vec![Event::Text(text)];
    }
    found.sort_by_key(|f| f.0);
    let mut events = Vec::new();
    let mut last = 0;
    for (start, end, html) in found {
        if start < last {
            continue;
        }
        if start > last {
            events.push(Event::Text(text[last..start].to_string().into()));
        }
        events.push(Event::InlineHtml(html.into()));
        last = end;
    }
    if last < text.len() {
        events.push(Event::Text(text[last..].to_string().into()));
    }
    events
}

/// Rewrites `src`/`href` attributes of raw HTML the same way as Markdown links.
fn rewrite_html(html: &str, links: &dyn LinkRewriter) -> String {
    crate::load::scan::HTML_URL_ATTR
        .replace_all(html, |c: &regex::Captures| {
            let value = c.get(2).or_else(|| c.get(3)).or_else(|| c.get(4)).map_or("", |m| m.as_str());
            match links.rewrite(value) {
                Rewrite::Keep => c[0].to_string(),
                Rewrite::To(url) => format!("{}=\"{}\"", &c[1], escape_href(&url)),
                Rewrite::Broken => format!("data-broken-{}=\"{}\"", c[1].to_lowercase(), escape_html(value)),
            }
        })
        .into_owned()
}

#[cfg(test)]
mod tests;
