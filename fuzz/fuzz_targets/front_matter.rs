//! The front-matter splitter and its line-by-line recovery: any text, never a panic, and the
//! body always starts inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let fm = adrsite::load::front_matter::split("fuzz.md", text);
    assert!(fm.body_start <= text.len());
    assert!(text.is_char_boundary(fm.body_start));
    if let Some(d) = fm.diagnostic {
        assert!(d.line >= 1 && d.column >= 1);
    }
});
