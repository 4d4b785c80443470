//! Every head dialect, the metadata-table reader and the body's one parse (links, mentions,
//! outline and excerpt), over the body after any front matter.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let fm = adrsite::load::front_matter::split("fuzz.md", text);
    let mut meta = adrsite::load::meta::RawMeta::default();
    let scan = adrsite::load::dialect::scan_body("fuzz.md", text, fm.body_start, &mut meta);
    if let Some(title) = scan.title {
        assert!(title.start <= title.end && title.end <= text.len());
    }
    let scanned = adrsite::load::scan::scan(text, fm.body_start);
    // An excerpt is a sentence or two, whatever the body names or lists.
    assert!(scanned.outline.excerpt.chars().count() <= 241, "{}", scanned.outline.excerpt);
    let lines: Vec<(&str, u32)> = text.lines().zip(1..).collect();
    let _ = adrsite::load::meta_table::read(&lines);
});
