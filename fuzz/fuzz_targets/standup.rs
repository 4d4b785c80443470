//! The standup and meeting-notes reader: any body, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let date = jiff_date(text.len());
    let _ = adrsite::load::standup::read(text, 1, Some("ana"), date, Some(2026));
    let _ = adrsite::load::standup::read(text, 3, None, None, None);
});

fn jiff_date(seed: usize) -> Option<jiff::civil::Date> {
    jiff::civil::Date::new(2026, 1 + (seed % 12) as i8, 1 + (seed % 28) as i8).ok()
}
