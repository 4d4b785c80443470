//! What an organisation's site reads from elsewhere: `adrsite.toml` with `[[sources]]`,
//! `adrsite.lock`, and a published site's `api/docs.json` turned into pages. Any text, never a
//! panic; every diagnostic has a place; no page escapes the source's folder.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok((_, diags)) = adrsite::config::Config::parse(text) {
        assert!(diags.iter().all(|d| d.line >= 1 && d.column >= 1));
    }
    let _ = adrsite::load::federate::lock::parse(text);
    if let Ok(docs) = serde_json::from_str::<serde_json::Value>(text) {
        let hits = docs["hits"].as_array().cloned().unwrap_or_default();
        for path in adrsite::load::federate::published::pages(&docs, &hits, "https://example.org/site").keys() {
            assert!(!path.starts_with('/') && !path.split('/').any(|p| p == ".."), "{path}");
        }
    }
});
