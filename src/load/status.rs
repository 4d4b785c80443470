//! Reading a status label: whatever a team wrote, mapped onto the closed set of [`Status`].
//!
//! Input: a raw label such as `✅ Accepted`, `Accepted.`, `Implemented (Swift 5.9)`,
//! `superseded by [ADR-0019](0019-x.md)` or `implementable # provisional|implementable`.
//! Output: a [`ParsedStatus`] with the normalised [`Status`], the label to display and, for
//! supersession, the raw reference to the successor.

use crate::vocab::Status;

/// The words teams write for each status. Matched against the first words of a cleaned label.
const WORDS: &[(&str, Status)] = &[
    ("accepted", Status::Accepted),
    ("accept", Status::Accepted),
    ("approved", Status::Accepted),
    ("adopted", Status::Accepted),
    ("agreed", Status::Accepted),
    ("decided", Status::Accepted),
    ("implementable", Status::Accepted),
    // A recommended approach is the one in force (Ember's last stage: `stage: recommended`).
    ("recommended", Status::Accepted),
    ("active", Status::Active),
    ("living", Status::Active),
    ("implemented", Status::Implemented),
    ("complete", Status::Implemented),
    ("completed", Status::Implemented),
    ("done", Status::Implemented),
    ("shipped", Status::Implemented),
    ("stable", Status::Implemented),
    ("stabilized", Status::Implemented),
    ("released", Status::Implemented),
    // Perl's PPCs: the change is part of the language.
    ("incorporated", Status::Implemented),
    ("final", Status::Final),
    ("current", Status::Current),
    ("published", Status::Current),
    ("proposed", Status::Proposed),
    ("proposal", Status::Proposed),
    ("pending", Status::Proposed),
    // To be decided: the decision is still open.
    ("tbd", Status::Proposed),
    ("undecided", Status::Proposed),
    ("provisional", Status::Proposed),
    ("open", Status::Proposed),
    ("review", Status::Proposed),
    ("discussion", Status::Proposed),
    ("exploring", Status::Proposed),
    ("submitted", Status::Proposed),
    // `In progress`: `in` is a qualifier, and what is in progress is not decided yet.
    ("progress", Status::Proposed),
    ("draft", Status::Draft),
    ("wip", Status::Draft),
    ("incomplete", Status::Draft),
    // An experiment that was approved, or a feature shipped as experimental (`Experimental in 2.x`).
    ("experimental", Status::Accepted),
    ("postponed", Status::Postponed),
    ("deferred", Status::Postponed),
    ("hold", Status::Postponed),
    ("paused", Status::Postponed),
    ("frozen", Status::Postponed),
    ("dormant", Status::Postponed),
    ("deprecated", Status::Deprecated),
    ("obsolete", Status::Deprecated),
    ("retired", Status::Deprecated),
    ("removed", Status::Deprecated),
    ("reverted", Status::Deprecated),
    ("discontinued", Status::Deprecated),
    // Crossplane's designs that no longer apply, implemented or not.
    ("defunct", Status::Deprecated),
    ("superseded", Status::Superseded),
    ("superceded", Status::Superseded),
    ("replaced", Status::Superseded),
    ("rejected", Status::Rejected),
    ("declined", Status::Rejected),
    ("denied", Status::Rejected),
    ("withdrawn", Status::Withdrawn),
    ("abandoned", Status::Withdrawn),
    ("inactive", Status::Withdrawn),
    ("closed", Status::Withdrawn),
    // A proposal nobody carried forward in time (Perl's PPCs).
    ("expired", Status::Withdrawn),
    ("archived", Status::Archived),
    // The same words in the languages decision records are most often written in besides English
    // (MADR's translations): French, Spanish, Portuguese, German, Italian.
    ("accepté", Status::Accepted),
    ("acceptée", Status::Accepted),
    ("approuvé", Status::Accepted),
    ("approuvée", Status::Accepted),
    ("aceptado", Status::Accepted),
    ("aceptada", Status::Accepted),
    ("aprobado", Status::Accepted),
    ("aprobada", Status::Accepted),
    ("aceito", Status::Accepted),
    ("aceita", Status::Accepted),
    ("aprovado", Status::Accepted),
    ("aprovada", Status::Accepted),
    ("akzeptiert", Status::Accepted),
    ("angenommen", Status::Accepted),
    ("genehmigt", Status::Accepted),
    ("beschlossen", Status::Accepted),
    ("accettato", Status::Accepted),
    ("accettata", Status::Accepted),
    ("approvato", Status::Accepted),
    ("approvata", Status::Accepted),
    ("implémenté", Status::Implemented),
    ("implémentée", Status::Implemented),
    ("implementado", Status::Implemented),
    ("implementada", Status::Implemented),
    ("implementiert", Status::Implemented),
    ("umgesetzt", Status::Implemented),
    ("implementato", Status::Implemented),
    ("proposé", Status::Proposed),
    ("proposée", Status::Proposed),
    ("propuesto", Status::Proposed),
    ("propuesta", Status::Proposed),
    ("proposto", Status::Proposed),
    ("proposta", Status::Proposed),
    ("vorgeschlagen", Status::Proposed),
    ("brouillon", Status::Draft),
    ("borrador", Status::Draft),
    ("rascunho", Status::Draft),
    ("entwurf", Status::Draft),
    ("bozza", Status::Draft),
    ("reporté", Status::Postponed),
    ("reportée", Status::Postponed),
    ("pospuesto", Status::Postponed),
    ("adiado", Status::Postponed),
    ("zurückgestellt", Status::Postponed),
    ("rinviato", Status::Postponed),
    ("déprécié", Status::Deprecated),
    ("dépréciée", Status::Deprecated),
    ("obsolète", Status::Deprecated),
    ("obsoleto", Status::Deprecated),
    ("obsoleta", Status::Deprecated),
    ("veraltet", Status::Deprecated),
    ("deprecato", Status::Deprecated),
    ("remplacé", Status::Superseded),
    ("remplacée", Status::Superseded),
    ("reemplazado", Status::Superseded),
    ("reemplazada", Status::Superseded),
    ("substituído", Status::Superseded),
    ("substituída", Status::Superseded),
    ("ersetzt", Status::Superseded),
    ("sostituito", Status::Superseded),
    ("rejeté", Status::Rejected),
    ("rejetée", Status::Rejected),
    ("refusé", Status::Rejected),
    ("refusée", Status::Rejected),
    ("rechazado", Status::Rejected),
    ("rechazada", Status::Rejected),
    ("rejeitado", Status::Rejected),
    ("rejeitada", Status::Rejected),
    ("abgelehnt", Status::Rejected),
    ("verworfen", Status::Rejected),
    ("rifiutato", Status::Rejected),
    ("respinto", Status::Rejected),
    ("abandonné", Status::Withdrawn),
    ("abandonnée", Status::Withdrawn),
    ("retirado", Status::Withdrawn),
    ("retirada", Status::Withdrawn),
    ("zurückgezogen", Status::Withdrawn),
    ("ritirato", Status::Withdrawn),
];

/// Headings of a status section: `Status` (also German and Dutch), and its French, Spanish,
/// Portuguese and Italian names.
const STATUS_HEADINGS: &[&str] = &["status", "decision status", "statut", "estado", "stato", "état"];

/// Whether a heading, as lowercase plain text without a trailing colon, opens a status section.
pub fn is_status_heading(plain: &str) -> bool {
    STATUS_HEADINGS.contains(&plain)
}

/// Phrases whose first word alone would say something else: a review that is active is not a
/// decision in force.
const PHRASES: &[(&str, Status)] = &[
    ("active review", Status::Proposed),
    ("active discussion", Status::Proposed),
    ("final comment period", Status::Proposed),
    ("final comment", Status::Proposed),
    ("final comments", Status::Proposed),
    ("last call", Status::Proposed),
    ("request for comments", Status::Proposed),
    ("call for comments", Status::Proposed),
    // A proposal's place in a review queue (Swift Evolution and its like).
    ("awaiting review", Status::Proposed),
    ("scheduled for review", Status::Proposed),
    ("ready for review", Status::Proposed),
    ("awaiting decision", Status::Proposed),
    ("vote requested", Status::Proposed),
    // A proposal whose pull request is being reviewed (Tekton's TEPs).
    ("pr review", Status::Proposed),
    ("pull request review", Status::Proposed),
    // Accepted, its implementation still to come (Scala's SIPs).
    ("waiting for implementation", Status::Accepted),
    ("awaiting implementation", Status::Accepted),
    // Dapr's proposals: approved, or waiting to be.
    ("ready for implementation", Status::Accepted),
    ("waiting for approval", Status::Proposed),
    ("awaiting approval", Status::Proposed),
    ("returned for revision", Status::Draft),
    ("accepted for experimentation", Status::Accepted),
    ("not accepted", Status::Rejected),
];

/// Words that qualify a status without changing it (`on hold`, `partly superseded`, `under review`).
const FILLER: &[&str] =
    &["on", "under", "in", "partly", "partially", "status", "is", "the", "this", "adr", "rfc", "now"];

/// Labels a team maps onto the built-in statuses (`[statuses]` in `adrsite.toml`), keyed by the
/// cleaned lowercase label.
pub use crate::vocab::CustomStatuses;

/// The result of reading a status label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedStatus {
    /// The normalised status, or `None` when the label is not recognised.
    pub status: Option<Status>,
    /// The label to display, cleaned of Markdown.
    pub label: String,
    /// The label as a `[statuses]` entry in `adrsite.toml` names it: its lowercase words, without
    /// punctuation or a parenthesised qualifier (`depreciated` for `Depreciated.`).
    pub key: String,
    /// For `superseded by X`: the raw reference to X (a link target, an id, a URL or a slug).
    pub successor: Option<String>,
    /// For an unrecognised label: the closest known word.
    pub suggestion: Option<&'static str>,
    /// Whether the label is a template placeholder (`[proposed | accepted | …]`).
    pub placeholder: bool,
}

/// Reads one status label.
pub fn parse_status(raw: &str, custom: &CustomStatuses) -> ParsedStatus {
    parse(raw, custom, true)
}

/// Whether `raw` reads as a status label, without looking for a suggestion when it does not
/// (cheap enough for every line a long history changed).
pub fn is_status(raw: &str) -> bool {
    // Most lines name no status word at all: say so before parsing any Markdown.
    let lower = raw.to_lowercase();
    let named = lower.split(|c: char| !c.is_alphanumeric()).any(|w| WORDS.iter().any(|(k, _)| *k == w))
        || PHRASES.iter().any(|(p, _)| lower.contains(p))
        || lower.contains("supersed")
        || lower.contains("superced");
    named && parse(raw, &CustomStatuses::default(), false).status.is_some()
}

fn parse(raw: &str, custom: &CustomStatuses, suggest: bool) -> ParsedStatus {
    let raw = raw.trim();
    // A `# comment` (kep.yaml) and trailing explanation after a dash or sentence are qualifiers.
    let raw = raw.split(" # ").next().unwrap_or(raw).trim();
    let label = crate::text::plain_inline(raw);
    let label = label.trim().trim_matches(['*', '_', '`']).trim().to_string();
    let lower = label.to_lowercase();
    let placeholder =
        (lower.contains('|') && (lower.starts_with('[') || lower.starts_with('{'))) || lower.contains(" | ");

    let successor = find_successor(raw);
    let mut cleaned = clean_words(&lower);
    if cleaned.is_empty() {
        // `(DRAFT)`: a status written wholly in brackets is the status, not a qualifier.
        cleaned = clean_words(lower.trim_matches(['(', ')', '[', ']', ' ']));
    }
    let key = cleaned.join(" ");
    let mut parsed = ParsedStatus { status: None, label: label.clone(), key, successor, suggestion: None, placeholder };
    if placeholder {
        return parsed;
    }
    if let Some(status) = custom.get(&parsed.key) {
        parsed.status = Some(*status);
        return parsed;
    }
    if parsed.successor.is_some() || lower.contains("superseded") || lower.contains("superceded") {
        parsed.status = Some(Status::Superseded);
        return parsed;
    }
    // "This proposal was adopted for Go 1.4": the verb after `was` says what became of it.
    let after_verb = cleaned.iter().position(|w| matches!(w.as_str(), "was" | "been" | "got"));
    let from = after_verb.map_or(0, |i| i + 1);
    // `2020-03-05 proposed`: the day a status was reached, written before it, is no status.
    let number = |w: &str| w.chars().all(|c| c.is_ascii_digit());
    let meaningful: Vec<&str> =
        cleaned[from..].iter().map(String::as_str).skip_while(|w| FILLER.contains(w) || number(w)).collect::<Vec<_>>();
    let joined = meaningful.join(" ");
    if let Some((_, status)) = PHRASES.iter().find(|(p, _)| joined == *p || joined.starts_with(&format!("{p} "))) {
        parsed.status = Some(*status);
        return parsed;
    }
    // The first meaningful word decides: "Accepted (documenting an existing thing)" is accepted.
    if let Some(&word) = meaningful.first() {
        if let Some((_, status)) = WORDS.iter().find(|(w, _)| *w == word) {
            parsed.status = Some(*status);
            return parsed;
        }
        if let Some(custom) = custom.iter().find(|(k, _)| k.as_str() == word) {
            parsed.status = Some(*custom.1);
            return parsed;
        }
        if suggest {
            parsed.suggestion = crate::diagnostic::did_you_mean(word, WORDS.iter().map(|(w, _)| *w).chain(["on hold"]));
        }
    }
    parsed
}

/// Lowercase words of a label, without emoji, punctuation or parenthesised qualifiers. Square
/// brackets are a link's text (`was [adopted for Go 1.4]`), so their words count.
fn clean_words(lower: &str) -> Vec<String> {
    let mut depth = 0usize;
    let mut kept = String::with_capacity(lower.len());
    for c in lower.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_alphanumeric() => kept.push(c),
            _ => kept.push(' '),
        }
    }
    kept.split_whitespace().map(str::to_string).collect()
}

/// Finds the successor named in `superseded by X` / `replaced by X`, in any of the forms the
/// corpora use: a Markdown link (its target), an absolute URL, a bare id or a slug.
pub fn find_successor(raw: &str) -> Option<String> {
    let lower = raw.to_lowercase();
    let at = ["superseded by", "superceded by", "replaced by", "superseded-by"]
        .iter()
        .filter_map(|p| lower.find(p).map(|i| i + p.len()))
        .min()?;
    let rest = raw[at..].trim().trim_start_matches(':').trim();
    reference_target(rest)
}

/// The target of the first reference in `s`: a Markdown link's destination, or the first word.
pub fn reference_target(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(open) = s.find("](") {
        let after = &s[open + 2..];
        let end = after.find(')')?;
        let dest = after[..end].trim().trim_matches(['<', '>']);
        if !dest.is_empty() {
            return Some(dest.to_string());
        }
    }
    // `[ADR-0019]` or `ADR-0019.` or `ADR #0033`: keep id-like text, stop at punctuation.
    let cleaned: String = s.trim_start_matches(['[', '*', '_', '`']).to_string();
    let mut words = cleaned.split_whitespace();
    let first = words.next()?;
    let mut target = first.trim_end_matches([']', '.', ',', ';', ')', '*', '_', '`']).to_string();
    // `ADR 19` and `RFC #42` are ids written in two words.
    if target.chars().all(|c| c.is_ascii_alphabetic())
        && let Some(second) = words.next()
    {
        let second = second.trim_end_matches([']', '.', ',', ';', ')', '*', '_', '`']);
        if second.trim_start_matches('#').chars().next().is_some_and(|c| c.is_ascii_digit()) {
            target = format!("{target} {second}");
        }
    }
    (!target.is_empty()).then_some(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(raw: &str) -> Option<Status> {
        parse_status(raw, &CustomStatuses::new()).status
    }

    #[test]
    fn every_label_of_the_shared_corpora_maps_as_pinned() {
        let table = include_str!("../../tests/fixtures/status-labels.tsv");
        let mut checked = 0;
        for line in table.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
            let mut cols = line.split('\t');
            let (label, want) = (cols.next().unwrap(), cols.next().unwrap());
            assert_eq!(st(label).map_or("-", Status::as_str), want, "{label}");
            checked += 1;
        }
        assert!(checked >= 60, "{checked}");
    }

    #[test]
    fn qualifiers_do_not_change_the_class() {
        assert_eq!(st("Stable in 1.1"), Some(Status::Implemented));
        assert_eq!(st("Experimental in 2.x"), Some(Status::Accepted));
        assert_eq!(st("Active review (July 17–31)"), Some(Status::Proposed));
        assert_eq!(st("Under review"), Some(Status::Proposed));
        assert_eq!(st("⏰ final comments"), Some(Status::Proposed));
        assert_eq!(st("Final"), Some(Status::Final));
        assert_eq!(st("This proposal was [adopted for the Go 1.4 release]"), Some(Status::Accepted));
        assert_eq!(st("Active"), Some(Status::Active));
        assert_eq!(st("TBD"), Some(Status::Proposed), "to be decided");
    }

    #[test]
    fn plain_labels_in_any_case_and_punctuation() {
        assert_eq!(st("Accepted"), Some(Status::Accepted));
        assert_eq!(st("accepted"), Some(Status::Accepted));
        assert_eq!(st("PROPOSED"), Some(Status::Proposed));
        assert_eq!(st("Accepted."), Some(Status::Accepted));
        assert_eq!(st("**Accepted**"), Some(Status::Accepted));
        assert_eq!(st("Proposed."), Some(Status::Proposed));
        assert_eq!(st("Draft."), Some(Status::Draft));
    }

    #[test]
    fn emoji_and_qualifiers() {
        assert_eq!(st("✅ Accepted"), Some(Status::Accepted));
        assert_eq!(st("🤔 Proposed"), Some(Status::Proposed));
        assert_eq!(st("❌ Rejected (see [019](019-Shared-Ingress.md))"), Some(Status::Rejected));
        assert_eq!(st("✅ Accepted (documenting an existing thing)"), Some(Status::Accepted));
        assert_eq!(st("Implemented (Swift 5.9)"), Some(Status::Implemented));
        assert_eq!(st("⌛️ Superseded by [036. Multi-cluster](036-Multi-cluster.md)"), Some(Status::Superseded));
        assert_eq!(st("Partly superseded"), Some(Status::Superseded));
        assert_eq!(st("on hold"), Some(Status::Postponed));
        assert_eq!(st("implementable # provisional|implementable|implemented"), Some(Status::Accepted));
        assert_eq!(st("Approved"), Some(Status::Accepted));
        assert_eq!(st("Pending"), Some(Status::Proposed));
        assert_eq!(st("(DRAFT)"), Some(Status::Draft));
        assert_eq!(st("Inactive (abandoned for lack of interest)"), Some(Status::Withdrawn));
        // A proposal's lifecycle stages (Ember's RFCs).
        assert_eq!(st("exploring"), Some(Status::Proposed));
        assert_eq!(st("released"), Some(Status::Implemented));
        assert_eq!(st("recommended"), Some(Status::Accepted));
        assert_eq!(st("discontinued"), Some(Status::Deprecated));
        assert_eq!(st("In Progress"), Some(Status::Proposed));
        assert_eq!(st("Submitted"), Some(Status::Proposed));
        assert_eq!(st("waiting-for-implementation"), Some(Status::Accepted));
        assert_eq!(st("in pr review"), Some(Status::Proposed));
        assert_eq!(st("Incorporated"), Some(Status::Implemented));
        assert_eq!(st("Expired"), Some(Status::Withdrawn));
        assert_eq!(st("Defunct"), Some(Status::Deprecated));
        assert_eq!(st("Ready for Implementation"), Some(Status::Accepted));
        assert_eq!(st("Waiting for approval to start implementation"), Some(Status::Proposed));
        assert_eq!(st("vote-requested"), Some(Status::Proposed));
    }

    #[test]
    fn successors_in_every_form() {
        let s = |raw| parse_status(raw, &CustomStatuses::new()).successor;
        assert_eq!(
            s("superseded by [ADR-0019](0019-push-metrics-via-thanos.md)").as_deref(),
            Some("0019-push-metrics-via-thanos.md")
        );
        assert_eq!(s("Superseded by ADR-0012").as_deref(), Some("ADR-0012"));
        assert_eq!(s("superseded by ADR 12.").as_deref(), Some("ADR 12"));
        assert_eq!(s("Superseded by [ADR #0033](0033-ip-ranges.md)").as_deref(), Some("0033-ip-ranges.md"));
        assert_eq!(
            s("superseded by https://github.com/o/r/blob/main/docs/adr/0007-x.md").as_deref(),
            Some("https://github.com/o/r/blob/main/docs/adr/0007-x.md")
        );
        assert_eq!(
            s("superseded by [20201016-use-the-adr-slug](20201016-use-the-adr-slug.md)").as_deref(),
            Some("20201016-use-the-adr-slug.md")
        );
        assert_eq!(s("Accepted"), None);
    }

    #[test]
    fn other_languages_a_date_before_the_status_and_review_queues() {
        for (label, status) in [
            ("Accepté", Status::Accepted),
            ("**Abgelehnt**", Status::Rejected),
            ("Propuesto", Status::Proposed),
            ("Substituído por ADR-0004", Status::Superseded),
            ("Entwurf", Status::Draft),
            ("2020-03-05 proposed", Status::Proposed),
            ("2020-03-25 accepted", Status::Accepted),
            ("**Awaiting review**", Status::Proposed),
            ("Scheduled for review (March 3...10)", Status::Proposed),
            ("Returned for revision", Status::Draft),
        ] {
            assert_eq!(parse_status(label, &CustomStatuses::new()).status, Some(status), "{label}");
        }
        assert!(is_status_heading("statut") && is_status_heading("estado") && !is_status_heading("state of play"));
    }

    #[test]
    fn unknown_gets_suggestion_and_placeholder_is_flagged() {
        let p = parse_status("imlpemented", &CustomStatuses::new());
        assert_eq!(p.status, None);
        assert_eq!(p.suggestion, Some("implemented"));
        // The key a `[statuses]` entry maps has no punctuation: `Depreciated.` is `depreciated`.
        let p = parse_status("Depreciated.", &CustomStatuses::new());
        assert_eq!((p.key.as_str(), p.suggestion), ("depreciated", Some("deprecated")));
        let custom: CustomStatuses = [(p.key.clone(), Status::Deprecated)].into_iter().collect();
        assert_eq!(parse_status("Depreciated.", &custom).status, Some(Status::Deprecated));
        let p = parse_status("[draft | proposed | rejected | accepted | deprecated]", &CustomStatuses::new());
        assert!(p.placeholder);
        assert_eq!(p.status, None);
    }

    #[test]
    fn custom_statuses_win() {
        let mut custom = CustomStatuses::new();
        custom.insert("parked".into(), Status::Postponed);
        assert_eq!(parse_status("Parked", &custom).status, Some(Status::Postponed));
    }
}
