//! A body marked into passage buckets at section starts (`search/passage.rs`): marking must never
//! panic, leave every term of the body as it was, and put each term in a bucket that never goes
//! back and that the body has; and each bucket's lead and pieces, with any code ranges cut out,
//! must never panic, be short and hold no separator.
#![no_main]

use adrsite::search::engine::body_analyzer;
use adrsite::search::passage::{BUCKETS, EVERYWHERE, LEAD_CHARS, PIECE, leads, mark, mask};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, Vec<u32>, Vec<(u32, u32)>)| {
    let (body, sections, code) = input;
    let (marked, buckets) = mark(body, &sections);
    assert!((1..=BUCKETS).contains(&buckets));
    let each = leads(body, &sections, &code);
    assert_eq!(each.len(), buckets as usize);
    assert!(each.iter().all(|pieces| !pieces.is_empty()), "every bucket has a lead");
    let short = |l: &String| l.chars().count() <= LEAD_CHARS + 2 && !l.contains(['\u{1e}', PIECE]);
    assert!(each.iter().flatten().all(short));
    let mut analyzer = body_analyzer();
    let mut terms = Vec::new();
    analyzer.token_stream(&marked).process(&mut |t| terms.push((t.text.clone(), t.position)));
    let mut plain = Vec::new();
    analyzer.token_stream(body).process(&mut |t| plain.push(t.text.clone()));
    assert_eq!(terms.iter().map(|(t, _)| t).collect::<Vec<_>>(), plain.iter().collect::<Vec<_>>());
    if buckets > 1 {
        assert!(terms.windows(2).all(|w| w[0].1 <= w[1].1), "buckets never go back");
        assert!(terms.iter().all(|(_, b)| (*b as u32) < buckets), "{buckets} buckets");
        let found = terms.iter().fold(0u32, |m, (_, b)| m | 1 << b);
        assert!([EVERYWHERE, found].contains(&mask(found, buckets)));
    }
});
