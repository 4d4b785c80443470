//! The `git log --patch` stream the git pass reads, and the hunks in it: any bytes (a document's
//! text inside a hunk can be anything), never a panic; every file keeps its first date at or
//! before its last; and the layout of any graph places every node inside the drawing.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let files = adrsite::load::git_log::parse(bytes);
    for history in files.values() {
        assert!(history.created <= history.changed);
    }
    // The same bytes as a graph: pairs of node indices.
    let n = usize::from(bytes.first().copied().unwrap_or(0) % 40) + 1;
    let edges: Vec<(usize, usize)> =
        bytes.chunks_exact(2).skip(1).map(|p| (usize::from(p[0]) % n, usize::from(p[1]) % n)).collect();
    let sizes: Vec<(f64, f64)> = (0..n).map(|i| (60.0 + (i % 7) as f64 * 10.0, 30.0)).collect();
    let layout = adrsite::render::graph::layout::layout(&sizes, &edges, 800.0);
    for p in &layout.nodes {
        assert!(p.x - p.w / 2.0 >= -0.01 && p.x + p.w / 2.0 <= layout.width + 0.01, "{layout:?}");
        assert!(p.y + p.h / 2.0 <= layout.height + 0.01, "{layout:?}");
    }
});
