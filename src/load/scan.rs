//! The one parse of a document body in the load stage: links, id mentions and the outline.
//!
//! Input: the body text. Output: every link and image destination (Markdown, reference-style and
//! `src`/`href` attributes in raw HTML) with its position, every id mention (`ADR-0005`,
//! `RFC 2094`) outside code and outside link text, and the body's [`Outline`]. The assemble stage
//! resolves links and mentions and the render stage rewrites them; search, feeds and `llms.txt`
//! read the outline.

use crate::load::outline::{Outline, OutlineBuilder};
use crate::text::{id_mentions, markdown_options};
use crate::vocab::DocNumber;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use regex::Regex;
use std::sync::LazyLock;

/// A link destination as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawLink {
    /// The destination, as written.
    pub dest: String,
    /// Byte offset in the document text.
    pub offset: usize,
    /// Whether it is an image source.
    pub image: bool,
}

/// An id written in prose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// `ADR`, `RFC`, `KEP`, uppercase.
    pub prefix: String,
    /// The number.
    pub number: DocNumber,
    /// Byte offset in the document text.
    pub offset: usize,
}

/// `src="…"` and `href="…"` in raw HTML.
pub static HTML_URL_ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(src|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"#).expect("static regex")
});

/// What the parse of a body found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scanned {
    /// Link and image destinations, in order.
    pub links: Vec<RawLink>,
    /// Id mentions, in order.
    pub mentions: Vec<Mention>,
    /// The body's outline.
    pub outline: Outline,
}

/// Parses `text[body_start..]` once for its links, mentions and outline.
pub fn scan(text: &str, body_start: usize) -> Scanned {
    let body = &text[body_start..];
    let mut links = Vec::new();
    let mut mentions = Vec::new();
    let mut outline = OutlineBuilder::default();
    let mut link_depth = 0usize;
    let mut in_code = false;
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        outline.event(&event);
        let at = body_start + range.start;
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                link_depth += 1;
                links.push(RawLink { dest: dest_url.to_string(), offset: at, image: false });
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                link_depth += 1;
                links.push(RawLink { dest: dest_url.to_string(), offset: at, image: true });
            }
            Event::End(TagEnd::Link | TagEnd::Image) => link_depth = link_depth.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Html(html) | Event::InlineHtml(html) => {
                for c in HTML_URL_ATTR.captures_iter(&html) {
                    let m = c.get(2).or_else(|| c.get(3)).or_else(|| c.get(4)).expect("one alternative matched");
                    links.push(RawLink {
                        dest: m.as_str().to_string(),
                        offset: at + m.start(),
                        image: c[1].eq_ignore_ascii_case("src"),
                    });
                }
            }
            Event::Text(t) if !in_code && link_depth == 0 => {
                for m in id_mentions(&t) {
                    if let Some(number) = DocNumber::parse(m.number) {
                        // Text events may be unescaped, so offsets inside them are approximate;
                        // the event's start is exact.
                        let offset = at + m.range.start.min(range.len());
                        mentions.push(Mention { prefix: m.prefix, number, offset });
                    }
                }
            }
            _ => {}
        }
    }
    Scanned { links, mentions, outline: outline.finish() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_images_html_and_mentions() {
        let t = "See [x](0002-a.md#ctx) and ![d](img/a.png).\n\n<img src=\"b.svg\">\n\nAs ADR-0005 and RFC #42 say, not `ADR-9`.\n\n[ref]: ./c.md\n\nUse [ref] and [ADR-0019](0019.md).\n";
        let Scanned { links, mentions, .. } = scan(t, 0);
        let dests: Vec<_> = links.iter().map(|l| (l.dest.as_str(), l.image)).collect();
        assert_eq!(
            dests,
            vec![("0002-a.md#ctx", false), ("img/a.png", true), ("b.svg", true), ("./c.md", false), ("0019.md", false)]
        );
        assert_eq!(&t[links[0].offset..links[0].offset + 3], "[x]");
        let ids: Vec<_> = mentions.iter().map(|m| (m.prefix.as_str(), m.number.value)).collect();
        assert_eq!(ids, vec![("ADR", 5), ("RFC", 42)]);
    }
}
