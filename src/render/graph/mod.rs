//! The decision graph on the site: each document's neighbourhood on its page, and each
//! collection's whole graph on a page of its own and as an SVG file.
//!
//! Input: the [`Site`](crate::model::Site) through the render context, and
//! [`crate::model::decision_graph`]'s graphs. Output: SVG text ([`svg::draw`]) placed in pages.

pub mod layout;
pub mod svg;

use crate::model::decision_graph::{self, EdgeKind, Graph};
use crate::render::context::Ctx;
use crate::text::relative_from;
use crate::vocab::Route;
use serde::Serialize;

/// Neighbours a document's page draws at most.
const NEIGHBOURS: usize = 24;
/// Documents a collection's graph draws at most: more is not a drawing anyone reads.
const COLLECTION_NODES: usize = 500;
/// Widest row of a document's drawing, and of a collection's.
const PAGE_WIDTH: f64 = 900.0;
const COLLECTION_WIDTH: f64 = 1800.0;

/// A document's neighbourhood, as its page shows it.
#[derive(Clone, Debug, Serialize)]
pub struct DocGraph {
    /// The drawing.
    pub svg: String,
    /// Neighbours not drawn.
    pub left_out: usize,
    /// The page of its collection's whole graph.
    pub whole: Option<String>,
}

/// A collection's graph page.
#[derive(Clone, Debug, Serialize)]
pub struct GraphPage {
    /// Layout.
    pub layout: crate::render::view::Layout,
    /// `Decision graph: Architecture decisions`.
    pub heading: String,
    /// The collection's index.
    pub collection: crate::render::view::NavLink,
    /// What is drawn, in words.
    pub summary: String,
    /// The SVG file, relative to the page.
    pub image: String,
    /// The drawing.
    pub svg: String,
}

/// Each collection's decision graph, when its documents are joined, by collection index.
pub(crate) fn collection_graphs_of(site: &crate::model::Site) -> Vec<Option<Graph>> {
    (0..site.collections.len())
        .map(|i| Some(decision_graph::collection(site, i, COLLECTION_NODES)).filter(|g| !g.edges.is_empty()))
        .collect()
}

impl Ctx<'_> {
    /// The nodes and edges of `graph` for a drawing on the page at `page_path`.
    fn drawing(&self, graph: &Graph, page_path: &str, label: &str, width: f64, placement: svg::Placement) -> String {
        let index: std::collections::BTreeMap<&crate::vocab::DocId, usize> =
            graph.nodes.iter().enumerate().map(|(i, id)| (id, i)).collect();
        let nodes: Vec<svg::Node> = graph
            .nodes
            .iter()
            .filter_map(|id| self.site.docs.get(id))
            .map(|d| {
                let heading = d.display_id.clone().unwrap_or_else(|| d.kind.label().to_string());
                let status = d.status.map(|s| format!(" ({})", s.as_str())).unwrap_or_default();
                let tooltip = match &d.display_id {
                    Some(id) => format!("{id} {}{status}", d.title),
                    None => format!("{}{status}", d.title),
                };
                svg::Node {
                    href: relative_from(page_path, &Route::Doc(&d.id).path()),
                    heading,
                    title: svg::shorten(&d.title),
                    status: d.status,
                    focus: graph.focus.as_ref() == Some(&d.id),
                    tooltip,
                }
            })
            .collect();
        let edges: Vec<(usize, usize, EdgeKind)> =
            graph.edges.iter().filter_map(|e| Some((*index.get(&e.from)?, *index.get(&e.to)?, e.kind))).collect();
        svg::draw(&nodes, &edges, label, width, placement)
    }

    /// What a document's page draws of the graph: nothing when nothing is joined to it.
    pub(crate) fn doc_graph(&self, doc: &crate::model::Doc) -> Option<DocGraph> {
        let graph = decision_graph::neighbourhood(self.site, &doc.id, NEIGHBOURS);
        if graph.edges.is_empty() {
            return None;
        }
        let page = Route::Doc(&doc.id).path();
        let name = doc.display_id.clone().unwrap_or_else(|| doc.title.clone());
        let col = &self.site.collections[doc.collection];
        let whole = self.graphs[doc.collection].is_some().then(|| Route::CollectionGraph(&col.slug).path());
        Some(DocGraph {
            svg: self.drawing(
                &graph,
                &page,
                &format!("{name} and the documents joined to it"),
                PAGE_WIDTH,
                svg::Placement::InPage,
            ),
            left_out: graph.left_out,
            whole,
        })
    }

    /// Each collection's graph page and SVG file, for collections where documents are joined.
    pub(crate) fn collection_graphs(&self) -> anyhow::Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        for (col, graph) in self.site.collections.iter().zip(&self.graphs) {
            let Some(graph) = graph else { continue };
            let page = Route::CollectionGraph(&col.slug).path();
            let image = Route::CollectionGraphImage(&col.slug).path();
            let heading = format!("Decision graph: {}", col.name);
            // The page and the file sit side by side, so the same relative links serve both.
            let drawn = |placement| self.drawing(graph, &page, &heading, COLLECTION_WIDTH, placement);
            let (svg, file) = (drawn(svg::Placement::InPage), drawn(svg::Placement::File));
            let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
            let mut summary = format!(
                "{} joined by {}: boxes are coloured by status; each links to its page.",
                count(graph.nodes.len(), "document", "documents"),
                count(graph.edges.len(), "relation or citation", "relations and citations"),
            );
            if graph.citations_left_out {
                summary.push_str(" Citations are not drawn: supersessions, amendments and relations are, so that the drawing stays readable.");
            }
            if graph.left_out > 0 {
                summary.push_str(&format!(
                    " {} joined to none of them {} not drawn.",
                    count(graph.left_out, "document", "documents"),
                    if graph.left_out == 1 { "is" } else { "are" }
                ));
            }
            let view = GraphPage {
                layout: self.layout(&page, &heading, &col.slug),
                heading,
                collection: crate::render::view::NavLink {
                    href: Route::Section(&col.slug).path(),
                    label: col.name.clone(),
                    current: true,
                },
                summary,
                image: relative_from(&page, &image),
                svg,
            };
            out.push((page, self.theme.render("graph.html", &view)?));
            out.push((image, format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{file}\n")));
        }
        Ok(out)
    }
}
