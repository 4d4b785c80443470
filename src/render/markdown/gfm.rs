//! The pieces of GitHub's Markdown that the parser reports but does not lay out as GitHub does:
//! alerts (`> [!NOTE]`), math (`$…$`, `$$…$$`) as MathML written at build time, and bare URLs
//! made into links.
//!
//! Input: one parser event's payload (an alert kind, a formula, a run of text). Output: HTML
//! fragments, escaped, that need no script in the reader's browser.

use crate::text::{escape_href, escape_html};
use pulldown_cmark::BlockQuoteKind;

/// The opening of an alert: a box with its title, as GitHub draws it.
pub fn alert_open(kind: BlockQuoteKind) -> String {
    let (class, title) = match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    };
    format!("<div class=\"markdown-alert markdown-alert-{class}\">\n<p class=\"markdown-alert-title\">{title}</p>\n")
}

/// A formula as MathML. A formula the converter cannot read is shown as its source, in code, so
/// that the reader sees what the author wrote rather than nothing.
pub fn math(latex: &str, display: bool) -> String {
    use pulldown_latex::config::DisplayMode;
    let storage = pulldown_latex::Storage::new();
    let parser = pulldown_latex::Parser::new(latex, &storage);
    let config = pulldown_latex::RenderConfig {
        display_mode: if display { DisplayMode::Block } else { DisplayMode::Inline },
        ..Default::default()
    };
    let mut out = String::new();
    let ok = pulldown_latex::push_mathml(&mut out, parser, config).is_ok() && !out.contains("<merror");
    let class = if display { "math math-display" } else { "math math-inline" };
    if ok {
        format!("<span class=\"{class}\">{out}</span>")
    } else {
        format!("<code class=\"{class} math-source\">{}</code>", escape_html(latex))
    }
}

/// Whether `body` may hold a URL written as plain text: a `://` or `www.` that is not the start
/// of a link's destination (`](https://…)`, `<https://…>`, `href="https://…"`). A cheap test
/// that decides whether a body's text is merged for [`bare_urls`]; it may say yes wrongly, never
/// no wrongly.
pub fn may_have_bare_url(body: &str) -> bool {
    let bytes = body.as_bytes();
    let bare_at = |start: usize| start == 0 || !matches!(bytes[start - 1], b'<' | b'(' | b'"' | b'\'' | b'=');
    body.match_indices("://").any(|(i, _)| {
        let scheme = body[..i].bytes().rev().take_while(|b| b.is_ascii_alphanumeric() || b"+.-".contains(b)).count();
        bare_at(i - scheme)
    }) || body.match_indices("www.").any(|(i, _)| bare_at(i) && (i == 0 || bytes[i - 1] != b'/'))
}

/// The bare URLs of a run of text, as GitHub links them: with a scheme (`https://…`) or starting
/// with `www.`. Each is its byte range and the link's HTML.
pub fn bare_urls(text: &str) -> Vec<(usize, usize, String)> {
    if !text.contains("://") && !text.contains("www.") {
        return Vec::new();
    }
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]).url_must_have_scheme(false);
    finder
        .links(text)
        .filter_map(|link| {
            let shown = link.as_str();
            let href = if shown.contains("://") {
                let scheme = &shown[..shown.find("://")?];
                ["http", "https", "ftp"].iter().any(|s| scheme.eq_ignore_ascii_case(s)).then(|| shown.to_string())?
            } else if shown.starts_with("www.") {
                format!("https://{shown}")
            } else {
                return None;
            };
            let html = format!("<a href=\"{}\">{}</a>", escape_href(&href), escape_html(shown));
            Some((link.start(), link.end(), html))
        })
        .collect()
}

/// Plain text (a standup answer, a finding's message) as HTML: escaped, with its bare URLs linked
/// and its code spans (`` `ADR-045` ``, as findings quote what a document wrote) as code.
pub fn linked_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        // A code span closes with a run of as many backticks as opened it (CommonMark).
        let run = rest[open..].bytes().take_while(|b| *b == b'`').count();
        let after = &rest[open + run..];
        let ticks = &rest[open..open + run];
        let close = after.char_indices().map(|(i, _)| i).find(|&i| {
            after[i..].starts_with(ticks)
                && !after[i + run..].starts_with('`')
                && (i == 0 || !after[..i].ends_with('`'))
        });
        out.push_str(&urls_linked(&rest[..open]));
        match close.filter(|c| *c > 0) {
            Some(close) => {
                out.push_str("<code>");
                out.push_str(&escape_html(after[..close].trim()));
                out.push_str("</code>");
                rest = &after[close + run..];
            }
            None => {
                out.push_str(ticks);
                rest = after;
            }
        }
    }
    out.push_str(&urls_linked(rest));
    out
}

fn urls_linked(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    for (start, end, html) in bare_urls(text) {
        out.push_str(&escape_html(&text[last..start]));
        out.push_str(&html);
        last = end;
    }
    out.push_str(&escape_html(&text[last..]));
    out
}

/// An alert written on one line with its text (`> [!NOTE] Mind the gap.`), as handbook
/// generators accept: the kind, and the text after the marker.
pub fn inline_alert(text: &str) -> Option<(BlockQuoteKind, &str)> {
    let rest = text.strip_prefix("[!")?;
    let (word, rest) = rest.split_once(']')?;
    let kind = match word.to_ascii_uppercase().as_str() {
        "NOTE" => BlockQuoteKind::Note,
        "TIP" => BlockQuoteKind::Tip,
        "IMPORTANT" => BlockQuoteKind::Important,
        "WARNING" => BlockQuoteKind::Warning,
        "CAUTION" => BlockQuoteKind::Caution,
        _ => return None,
    };
    Some((kind, rest.trim_start()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_text_urls_are_bare() {
        assert!(may_have_bare_url("see https://x.org/a_b for more"));
        assert!(may_have_bare_url("www.example.org"));
        assert!(may_have_bare_url("[a](https://x.org) and then https://y.org"));
        assert!(!may_have_bare_url("[a](https://x.org) and <https://y.org/z>"));
        assert!(!may_have_bare_url("<a href=\"https://x.org\">x</a> [b](http://www.x.org)"));
        assert!(!may_have_bare_url("no links at all"));
    }

    #[test]
    fn urls_with_a_scheme_or_www_are_links() {
        let found = bare_urls("Recording: https://www.youtube.com/watch?v=a_b. Also www.example.org, not example.org.");
        let shown: Vec<&str> = found.iter().map(|f| &f.2[..]).collect();
        assert_eq!(
            shown,
            [
                "<a href=\"https://www.youtube.com/watch?v=a_b\">https://www.youtube.com/watch?v=a_b</a>",
                "<a href=\"https://www.example.org\">www.example.org</a>"
            ]
        );
        assert!(bare_urls("javascript://x.com/%0aalert(1)").is_empty(), "only web schemes");
        assert!(bare_urls("see README.md and a.b.c").is_empty());
    }

    #[test]
    fn plain_text_is_escaped_and_linked() {
        assert_eq!(
            linked_text("a<b> https://x.org/?a=1&b=2."),
            "a&lt;b&gt; <a href=\"https://x.org/?a=1&amp;b=2\">https://x.org/?a=1&amp;b=2</a>."
        );
        assert_eq!(
            linked_text("superseded by `ADR-045`, not `<b>`; a ` alone and `` twice"),
            "superseded by <code>ADR-045</code>, not <code>&lt;b&gt;</code>; a ` alone and `` twice"
        );
        assert_eq!(linked_text("é `ß` ü ``x` y``"), "é <code>ß</code> ü <code>x` y</code>");
        assert_eq!(
            linked_text("`https://x.org` and https://y.org"),
            "<code>https://x.org</code> and <a href=\"https://y.org\">https://y.org</a>"
        );
        assert_eq!(inline_alert("[!note] Mind it."), Some((BlockQuoteKind::Note, "Mind it.")));
        assert_eq!(inline_alert("[!NOPE] x"), None);
    }

    #[test]
    fn math_is_mathml_or_its_source() {
        let html = math(r"\frac{a}{b}", false);
        assert!(html.starts_with("<span class=\"math math-inline\"><math") && html.contains("<mfrac>"), "{html}");
        assert!(math("x^2", true).contains("display=\"block\""));
        let bad = math(r"\frac{a", false);
        assert_eq!(bad, "<code class=\"math math-inline math-source\">\\frac{a</code>");
    }
}
