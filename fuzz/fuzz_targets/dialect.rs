//! Every head dialect and the metadata-table reader, over the body after any front matter.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let fm = adrsite::load::front_matter::split("fuzz.md", text);
    let mut meta = adrsite::load::meta::RawMeta::default();
    let scan = adrsite::load::dialect::scan_body("fuzz.md", text, fm.body_start, &mut meta);
    if let Some(title) = scan.title {
        assert!(title.start <= title.end && title.end <= text.len());
    }
    let lines: Vec<(&str, u32)> = text.lines().zip(1..).collect();
    let _ = adrsite::load::meta_table::read(&lines);
});
