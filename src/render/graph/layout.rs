//! Where each node of a drawing goes: a layered (Sugiyama) layout of every connected part,
//! computed by `rust-sugiyama`, and the parts packed into rows, largest first.
//!
//! Input: each node's size and the edges as pairs of node indices (from the earlier to the
//! later). Output: a [`Layout`]: each node's centre, in the order given, and the drawing's size.
//! Edges point down: an edge's source sits in a higher layer than its target, cycles broken.

use rust_sugiyama::configure::{Config, RankingType};

/// Space between nodes of a layer, and the margin around each part.
const GAP: f64 = 28.0;
/// Layers are this much further apart than the layout puts them, for the edges' curves.
const LAYER_STRETCH: f64 = 1.6;

/// A node's place: its centre and size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    /// Centre, from the left.
    pub x: f64,
    /// Centre, from the top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// A whole drawing's layout.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Each node, in input order.
    pub nodes: Vec<Placed>,
    /// Width of the drawing.
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
}

/// Lays out `sizes.len()` nodes joined by `edges`, in rows no wider than `max_width` (a part
/// wider than that gets a row of its own).
pub fn layout(sizes: &[(f64, f64)], edges: &[(usize, usize)], max_width: f64) -> Layout {
    let n = sizes.len();
    let vertices: Vec<(u32, (f64, f64))> = sizes.iter().enumerate().map(|(i, s)| (i as u32, *s)).collect();
    let mut pairs: Vec<(u32, u32)> =
        edges.iter().filter(|(a, b)| a != b && *a < n && *b < n).map(|&(a, b)| (a as u32, b as u32)).collect();
    pairs.sort_unstable();
    pairs.dedup();
    // Layers by moving each node as far up, then as far down, as its edges allow: a bounded
    // number of passes. The crate's default (network simplex, for the shortest edges) has no
    // guard against cycling and did not finish on dense graphs the fuzzer found.
    // A large graph is ordered without the transpose step and without a dummy node per layer
    // an edge crosses: both are quadratic in a layer's width, and took minutes on the
    // collection graph of a generated 10,000-document log.
    let small = n <= 150 && pairs.len() <= 300;
    let config = Config {
        vertex_spacing: GAP,
        ranking_type: RankingType::Original,
        transpose: small,
        dummy_vertices: small,
        ..Config::default()
    };
    // The layout crate asserts on inputs it cannot take; a drawing is not worth a failed build,
    // so such a graph is drawn as a grid instead.
    let parts = std::panic::catch_unwind(|| rust_sugiyama::from_vertices_and_edges(&vertices, &pairs, &config))
        .unwrap_or_default();
    let mut placed: Vec<Option<Placed>> = vec![None; n];
    let mut boxes: Vec<Part> = Vec::new();
    for (coords, _, _) in parts {
        let mut part = Part { members: Vec::new(), width: 0.0, height: 0.0 };
        let (mut min_x, mut min_y, mut max_x, mut max_y) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &(i, (x, y)) in &coords {
            let Some(&(w, h)) = sizes.get(i) else { continue };
            let y = y * LAYER_STRETCH;
            min_x = min_x.min(x - w / 2.0);
            max_x = max_x.max(x + w / 2.0);
            min_y = min_y.min(y - h / 2.0);
            max_y = max_y.max(y + h / 2.0);
            part.members.push((i, x, y));
        }
        if part.members.is_empty() {
            continue;
        }
        for m in &mut part.members {
            m.1 -= min_x;
            m.2 -= min_y;
        }
        part.members.sort_by_key(|m| m.0);
        (part.width, part.height) = (max_x - min_x, max_y - min_y);
        if part.width > max_width {
            wrap_layers(&mut part, sizes, max_width);
        }
        boxes.push(part);
    }
    // Nodes the layout did not place (a graph it could not take): one part each.
    let seen: std::collections::BTreeSet<usize> = boxes.iter().flat_map(|p| p.members.iter().map(|m| m.0)).collect();
    for (i, &(w, h)) in sizes.iter().enumerate().filter(|(i, _)| !seen.contains(i)) {
        boxes.push(Part { members: vec![(i, w / 2.0, h / 2.0)], width: w, height: h });
    }
    // Largest parts first, then by their first node: the same graph packs the same way.
    boxes.sort_by(|a, b| b.members.len().cmp(&a.members.len()).then_with(|| a.members[0].0.cmp(&b.members[0].0)));
    let (mut x, mut y, mut row_height, mut width) = (GAP, GAP, 0.0f64, 0.0f64);
    for part in &boxes {
        if x > GAP && x + part.width > max_width {
            x = GAP;
            y += row_height + GAP * 2.0;
            row_height = 0.0;
        }
        for &(i, px, py) in &part.members {
            let (w, h) = sizes[i];
            placed[i] = Some(Placed { x: x + px, y: y + py, w, h });
        }
        x += part.width + GAP * 2.0;
        width = width.max(x - GAP);
        row_height = row_height.max(part.height);
    }
    let nodes: Vec<Placed> =
        placed.into_iter().map(|p| p.unwrap_or(Placed { x: 0.0, y: 0.0, w: 0.0, h: 0.0 })).collect();
    Layout { nodes, width: width.max(GAP * 2.0), height: y + row_height + GAP }
}

/// Packs each layer of a part too wide for a row (a decision cited by a hundred others puts
/// them all in one layer): each layer's nodes in the order the layout gave them, side by side,
/// wrapped into rows no wider than `max_width` and centred, layers one under the other.
fn wrap_layers(part: &mut Part, sizes: &[(f64, f64)], max_width: f64) {
    let mut layers: std::collections::BTreeMap<i64, Vec<(usize, f64)>> = Default::default();
    for &(i, x, y) in &part.members {
        layers.entry(y.round() as i64).or_default().push((i, x));
    }
    let mut rows: Vec<Vec<usize>> = Vec::new();
    for layer in layers.values_mut() {
        layer.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        let mut row: Vec<usize> = Vec::new();
        let mut width = 0.0;
        for &(i, _) in layer.iter() {
            let w = sizes[i].0 + GAP;
            if !row.is_empty() && width + w > max_width {
                rows.push(std::mem::take(&mut row));
                width = 0.0;
            }
            row.push(i);
            width += w;
        }
        rows.push(row);
    }
    let row_width = |row: &[usize]| row.iter().map(|&i| sizes[i].0 + GAP).sum::<f64>() - GAP;
    let widest = rows.iter().map(|r| row_width(r)).fold(0.0, f64::max);
    let mut members = Vec::with_capacity(part.members.len());
    let mut top = 0.0;
    for row in &rows {
        let height = row.iter().map(|&i| sizes[i].1).fold(0.0, f64::max);
        let mut x = (widest - row_width(row)) / 2.0;
        for &i in row {
            let (w, _) = sizes[i];
            members.push((i, x + w / 2.0, top + height / 2.0));
            x += w + GAP;
        }
        top += height + GAP * LAYER_STRETCH;
    }
    members.sort_by_key(|m| m.0);
    part.members = members;
    (part.width, part.height) = (widest, top - GAP * LAYER_STRETCH);
}

/// One connected part, with its nodes' centres relative to its top left corner.
struct Part {
    members: Vec<(usize, f64, f64)>,
    width: f64,
    height: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges_point_down_and_parts_do_not_overlap() {
        let sizes = vec![(80.0, 30.0); 6];
        let l = layout(&sizes, &[(0, 1), (1, 2), (0, 2), (3, 4), (5, 5)], 2000.0);
        assert!(l.nodes[0].y < l.nodes[1].y && l.nodes[1].y < l.nodes[2].y, "{l:?}");
        assert!(l.nodes[3].y < l.nodes[4].y);
        let overlap =
            |a: &Placed, b: &Placed| (a.x - b.x).abs() < (a.w + b.w) / 2.0 && (a.y - b.y).abs() < (a.h + b.h) / 2.0;
        for i in 0..6 {
            for j in i + 1..6 {
                assert!(!overlap(&l.nodes[i], &l.nodes[j]), "{i} and {j} overlap: {l:?}");
            }
            assert!(l.nodes[i].x - l.nodes[i].w / 2.0 >= 0.0 && l.nodes[i].x + l.nodes[i].w / 2.0 <= l.width);
            assert!(l.nodes[i].y + l.nodes[i].h / 2.0 <= l.height);
        }
    }

    #[test]
    fn a_dense_graph_is_laid_out_promptly() {
        // Forty nodes with most pairs joined, both ways: the input on which network simplex
        // did not finish.
        let sizes = vec![(80.0, 30.0); 40];
        let edges: Vec<(usize, usize)> =
            (0..40).flat_map(|a| (0..40).map(move |b| (a, b))).filter(|(a, b)| (a * 7 + b * 3) % 5 != 0).collect();
        let l = layout(&sizes, &edges, 1200.0);
        assert_eq!(l.nodes.len(), 40);
    }

    #[test]
    fn a_layer_wider_than_a_row_wraps() {
        // One decision cited by sixty others: all sixty in one layer.
        let sizes = vec![(100.0, 30.0); 61];
        let edges: Vec<(usize, usize)> = (1..61).map(|i| (0, i)).collect();
        let l = layout(&sizes, &edges, 1000.0);
        assert!(l.width <= 1000.0 + GAP * 2.0, "{}", l.width);
        assert!((1..61).all(|i| l.nodes[i].y > l.nodes[0].y), "the cited one stays on top");
        let rows: std::collections::BTreeSet<i64> = (1..61).map(|i| l.nodes[i].y as i64).collect();
        assert!(rows.len() >= 6, "{rows:?}");
    }

    #[test]
    fn the_same_graph_is_laid_out_the_same_way_every_time() {
        // A cycle, a diamond and a chain: inputs where a hash order could leak into the result.
        let sizes: Vec<(f64, f64)> = (0..40).map(|i| (60.0 + f64::from(i % 5) * 10.0, 30.0)).collect();
        let mut edges: Vec<(usize, usize)> = (0..39).map(|i| (i, i + 1)).collect();
        edges.extend([(5, 2), (10, 20), (10, 21), (20, 30), (21, 30), (33, 7)]);
        let first = layout(&sizes, &edges, 900.0);
        for _ in 0..20 {
            assert_eq!(layout(&sizes, &edges, 900.0), first);
        }
    }
}
