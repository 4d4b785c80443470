//! A decision graph drawn as SVG: boxes coloured by status, each a link to its page, and edges
//! styled by kind, with a legend. Needs no script; works inline in a page and as a file.
//!
//! Input: the nodes (what each box says and links to), the edges between them (node indices and
//! kind) and a layout. Output: the SVG text, well-formed XML, the same bytes for the same input.

use crate::model::decision_graph::EdgeKind;
use crate::render::graph::layout::{Layout, layout};
use crate::text::escape_html;
use crate::vocab::Status;
use std::fmt::Write;

/// One box of the drawing.
#[derive(Clone, Debug)]
pub struct Node {
    /// Where it links, relative to the page the drawing is on.
    pub href: String,
    /// `ADR-0005`, or the kind of the document when it has no id.
    pub heading: String,
    /// The title, shortened to fit.
    pub title: String,
    /// Its status, for the colour.
    pub status: Option<Status>,
    /// The document whose neighbourhood is drawn.
    pub focus: bool,
    /// Title, status and id in full, shown on hover.
    pub tooltip: String,
}

/// Characters of a title a box shows.
const TITLE_CHARS: usize = 26;
/// Approximate width of a character at the drawing's font size.
const CHAR_WIDTH: f64 = 6.6;
/// Height of the legend above the graph.
const LEGEND: f64 = 30.0;

/// The colour family of a status, as the site's badges colour it.
fn tone(status: Option<Status>) -> &'static str {
    match status {
        Some(s) if s.is_in_force() => "ok",
        Some(Status::Proposed | Status::Draft) => "info",
        Some(Status::Postponed | Status::Deprecated) => "warn",
        Some(Status::Rejected | Status::Withdrawn) => "bad",
        _ => "old",
    }
}

/// `title` cut at a word to fit a box.
pub fn shorten(title: &str) -> String {
    crate::text::shorten(title, TITLE_CHARS - 1)
}

/// The colours of a drawing on its own: the theme's, repeated so that the SVG file stands alone
/// (a page has them already).
const COLOURS: &str = ".dg{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--ok:#1a7f37;--ok-bg:#dafbe1;--info:#0b5cad;--info-bg:#ddf4ff;--warn:#8a5a00;--warn-bg:#fff1c5;--bad:#b42318;--bad-bg:#ffebe9;--old:#59636e;--old-bg:#eaeef2;font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif}\
@media (prefers-color-scheme:dark){.dg{--fg:#e6edf3;--muted:#9198a1;--line:#30363d;--bg:#0d1117;--ok:#3fb950;--ok-bg:#12261e;--info:#58a6ff;--info-bg:#121d2f;--warn:#d29922;--warn-bg:#2b2111;--bad:#f85149;--bad-bg:#2d1215;--old:#9198a1;--old-bg:#21262d}}";

/// How a drawing's parts look. The theme's `style.css` carries the same rules for drawings in
/// pages (a test keeps the two the same); an SVG file carries them itself.
pub const RULES: &str = ".dg text{fill:var(--fg);font-size:11px}.dg .h{font-weight:600;font-size:12px}\
.dg .n rect{stroke-width:1.2}.dg .t-ok rect{fill:var(--ok-bg);stroke:var(--ok)}.dg .t-info rect{fill:var(--info-bg);stroke:var(--info)}.dg .t-warn rect{fill:var(--warn-bg);stroke:var(--warn)}.dg .t-bad rect{fill:var(--bad-bg);stroke:var(--bad)}.dg .t-old rect{fill:var(--old-bg);stroke:var(--old)}\
.dg .focus rect{stroke-width:3}.dg a:hover rect,.dg a:focus rect{stroke-width:2.5}\
.dg .e{fill:none;stroke:var(--muted);stroke-width:1.4}.dg .e-supersedes{stroke:var(--fg);stroke-width:2}.dg .e-amends{stroke-dasharray:6 3}.dg .e-relates{stroke-dasharray:2 3}.dg .e-cites{stroke:var(--line)}\
.dg .arrow{fill:var(--muted)}.dg .legend text{fill:var(--muted)}";

/// Where a drawing goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Into a page of the site, whose style sheet styles it.
    InPage,
    /// Into a file of its own, which carries its style.
    File,
}

/// Draws `nodes` joined by `edges` (`from`, `to`, kind), `label` naming the drawing for screen
/// readers, in rows no wider than `max_width`.
pub fn draw(
    nodes: &[Node],
    edges: &[(usize, usize, EdgeKind)],
    label: &str,
    max_width: f64,
    placement: Placement,
) -> String {
    let sizes: Vec<(f64, f64)> = nodes
        .iter()
        .map(|n| {
            let chars = n.heading.chars().count().max(n.title.chars().count()) as f64;
            ((chars * CHAR_WIDTH + 20.0).clamp(70.0, 210.0), if n.title.is_empty() { 26.0 } else { 40.0 })
        })
        .collect();
    let pairs: Vec<(usize, usize)> = edges.iter().map(|e| (e.0, e.1)).collect();
    let Layout { nodes: placed, width, height } = layout(&sizes, &pairs, max_width);
    let (width, height) = (width.max(360.0), height + LEGEND);
    let mut out = String::with_capacity(512 + nodes.len() * 400 + edges.len() * 120);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"dg\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-label=\"{}\">",
        escape_html(label)
    );
    let _ = write!(out, "<title>{}</title>", escape_html(label));
    if placement == Placement::File {
        let _ = write!(out, "<style>{COLOURS}{RULES}</style>");
    }
    out.push_str("<defs><marker id=\"dg-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path class=\"arrow\" d=\"M0,0L10,5L0,10z\"/></marker></defs>");
    legend(&mut out, edges);
    let _ = write!(out, "<g transform=\"translate(0 {LEGEND:.0})\"><g class=\"edges\">");
    for &(from, to, kind) in edges {
        let (Some(a), Some(b)) = (placed.get(from), placed.get(to)) else { continue };
        // From the bottom of the earlier box to the top of the later one (the other way round
        // when a cycle put the later one above).
        let down = b.y >= a.y;
        let (y1, y2) = if down { (a.y + a.h / 2.0, b.y - b.h / 2.0) } else { (a.y - a.h / 2.0, b.y + b.h / 2.0) };
        let mid = (y1 + y2) / 2.0;
        let arrow = if kind == EdgeKind::Relates { "" } else { " marker-end=\"url(#dg-arrow)\"" };
        let _ = write!(
            out,
            "<path class=\"e e-{}\" d=\"M{:.1} {:.1}C{:.1} {:.1} {:.1} {:.1} {:.1} {:.1}\"{arrow}/>",
            kind.as_str(),
            a.x,
            y1,
            a.x,
            mid,
            b.x,
            mid,
            b.x,
            y2
        );
    }
    out.push_str("</g><g class=\"nodes\">");
    for (node, p) in nodes.iter().zip(&placed) {
        let focus = if node.focus { " focus" } else { "" };
        let _ = write!(
            out,
            "<a href=\"{}\"><g class=\"n t-{}{focus}\"><title>{}</title><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"6\"/>",
            escape_html(&node.href),
            tone(node.status),
            escape_html(&node.tooltip),
            p.x - p.w / 2.0,
            p.y - p.h / 2.0,
            p.w,
            p.h
        );
        let top = if node.title.is_empty() { p.y + 4.0 } else { p.y - 3.0 };
        let _ = write!(
            out,
            "<text class=\"h\" x=\"{:.1}\" y=\"{top:.1}\" text-anchor=\"middle\">{}</text>",
            p.x,
            escape_html(&node.heading)
        );
        if !node.title.is_empty() {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                p.x,
                p.y + 12.0,
                escape_html(&node.title)
            );
        }
        out.push_str("</g></a>");
    }
    out.push_str("</g></g></svg>");
    out
}

/// A sample of each kind of edge the drawing has, with its name.
fn legend(out: &mut String, edges: &[(usize, usize, EdgeKind)]) {
    out.push_str("<g class=\"legend\">");
    let mut x = 12.0;
    for kind in [EdgeKind::Supersedes, EdgeKind::Amends, EdgeKind::Relates, EdgeKind::Cites] {
        if !edges.iter().any(|e| e.2 == kind) {
            continue;
        }
        let word = match kind {
            EdgeKind::Supersedes => "superseded by",
            EdgeKind::Amends => "amended by",
            EdgeKind::Relates => "relates to",
            EdgeKind::Cites => "cited by",
        };
        let _ = write!(
            out,
            "<path class=\"e e-{}\" d=\"M{x:.0} 15H{:.0}\"/><text x=\"{:.0}\" y=\"19\">{word}</text>",
            kind.as_str(),
            x + 28.0,
            x + 34.0
        );
        x += 34.0 + word.len() as f64 * CHAR_WIDTH + 18.0;
    }
    out.push_str("</g>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(i: usize, status: Status) -> Node {
        Node {
            href: format!("../adr/{i}.html?a=1&b=2"),
            heading: format!("ADR-{i:04}"),
            title: shorten("Use a <very> long title & more words than fit in a box"),
            status: Some(status),
            focus: i == 0,
            tooltip: format!("ADR-{i:04} \"quoted\""),
        }
    }

    #[test]
    fn well_formed_escaped_and_linked() {
        let nodes: Vec<Node> =
            (0..5).map(|i| node(i, if i % 2 == 0 { Status::Accepted } else { Status::Superseded })).collect();
        let edges = [(1, 0, EdgeKind::Supersedes), (2, 0, EdgeKind::Cites), (3, 4, EdgeKind::Relates)];
        let svg = draw(&nodes, &edges, "Graph of <ADR-0000>", 800.0, Placement::File);
        let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
        let links: Vec<&str> =
            doc.descendants().filter(|n| n.has_tag_name("a")).filter_map(|n| n.attribute("href")).collect();
        assert_eq!(links.len(), 5);
        assert_eq!(links[0], "../adr/0.html?a=1&b=2");
        let in_edges = |n: &roxmltree::Node| n.parent().is_some_and(|p| p.attribute("class") == Some("edges"));
        assert_eq!(doc.descendants().filter(|n| n.has_tag_name("path") && in_edges(n)).count(), 3);
        assert!(svg.contains("t-ok focus") && svg.contains("t-old"));
        assert_eq!(shorten("Use a <very> long title & more words than fit in a box"), "Use a <very> long title…");
        assert_eq!(draw(&nodes, &edges, "Graph of <ADR-0000>", 800.0, Placement::File), svg, "deterministic");
        assert!(!draw(&nodes, &edges, "G", 800.0, Placement::InPage).contains("<style>"));
    }

    #[test]
    fn the_theme_styles_drawings_in_pages_as_files_style_themselves() {
        let css = include_str!("../../../themes/default/static/style.css");
        assert!(css.contains(RULES), "style.css must carry svg::RULES verbatim");
    }
}
