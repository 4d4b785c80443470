//! Search questions as typed: never a panic, and what the parse returns is well formed: concepts
//! are non-empty and distinct, required indexes point at concepts, at most the last word is a
//! prefix, and every weight is a topic word's or less; identifier parts are in bounds; edit
//! distance is symmetric and bounded; a word's inflection bases and unprefixed forms are shorter
//! than it, non-empty and distinct.
#![no_main]

use adrsite::search::{analysis, spelling, split};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let aliases = analysis::alias_table(&Default::default());
    let q = analysis::parse(text, &aliases);
    for c in &q.concepts {
        assert!(!c.word.is_empty() && (c.surfaces.contains(&c.word) || aliases.contains_key(&c.word)));
    }
    for (i, c) in q.concepts.iter().enumerate() {
        assert!(q.concepts[..i].iter().all(|d| d.word != c.word));
    }
    assert!(q.required.iter().all(|&i| i < q.concepts.len()));
    assert!(q.concepts.iter().filter(|c| c.prefix).count() <= 1);
    // A contrast clause or a number lowers a weight; nothing raises it or drops it to nothing.
    assert!(q.concepts.iter().all(|c| (1..=adrsite::search::weight::WORD_WEIGHT).contains(&c.weight)));
    for word in text.split_whitespace().take(8) {
        for (from, to) in split::identifier_parts(word) {
            assert!(from < to && to <= word.len() && word.is_char_boundary(from) && word.is_char_boundary(to));
        }
    }
    for c in &q.concepts {
        let bases = spelling::inflection_bases(&c.word);
        let rests = spelling::unprefixed(&c.word);
        for (i, w) in bases.iter().chain(&rests).enumerate() {
            assert!(!w.is_empty() && *w != c.word, "{w:?} from {:?}", c.word);
            assert!(w.chars().count() <= c.word.chars().count() + 1, "{w:?} from {:?}", c.word);
            assert!(i >= bases.len() || !bases[..i].contains(w));
        }
        let forms = spelling::other_forms(&c.word);
        for (i, w) in forms.iter().enumerate() {
            assert!(!w.is_empty() && *w != c.word && !forms[..i].contains(w), "{w:?} from {:?}", c.word);
            assert!(w.chars().count() <= c.word.chars().count() + 4, "{w:?} from {:?}", c.word);
        }
    }
    if let Some((a, b)) = text.split_once('|') {
        let a: String = a.chars().take(32).collect();
        let b: String = b.chars().take(32).collect();
        let d = spelling::distance(&a, &b);
        assert_eq!(d, spelling::distance(&b, &a));
        assert!(d <= a.chars().count().max(b.chars().count()));
    }
});
