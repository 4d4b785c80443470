//! Template tags neutralised in every flavour: never a panic, the front matter untouched, and
//! every line kept (so diagnostics keep their line numbers).
#![no_main]

use adrsite::vocab::markdown_name::Flavour;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let fm = adrsite::load::front_matter::split("fuzz.md", text);
    for flavour in [Flavour::Plain, Flavour::Erb, Flavour::Mdx] {
        if let Some(out) = adrsite::load::template::neutralise(flavour, text, fm.body_start, &fm.fields) {
            assert_eq!(&out[..fm.body_start], &text[..fm.body_start]);
            assert_eq!(out.matches('\n').count(), text.matches('\n').count(), "{flavour:?}");
        }
    }
});
