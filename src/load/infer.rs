//! What a document outside every collection is, and why: the kind (and series) inferred from its
//! folders at any depth, its name and its content.
//!
//! Input: a read [`SourceDoc`]. Output: an [`Inferred`] kind, series prefix and the [`Why`] that
//! `-v` reports. Signals, strongest first: a series id in the name or metadata (`CIP-0001/`,
//! `CIP: 1`); a folder's index page whose folder says what it holds (`decisions/README.md`
//! introduces the decisions, it is not one: a page); the innermost folder whose name says what
//! it holds (`design-meeting-minutes/`, `BiweeklyMeetings/`, `proposals/`, `adr/`); the file name
//! (`adr-004-x.md`); the content (a status key or section means a decision, a date with
//! attendees, an agenda or action items a meeting).

use crate::load::SourceDoc;
use crate::vocab::{DocKind, Role};

/// The inferred kind of a document and its series prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inferred {
    /// The kind.
    pub kind: DocKind,
    /// A series of its own (`CIP`), when its name or metadata states one.
    pub series: Option<String>,
    /// Why.
    pub why: Why,
}

/// What decided a document's kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// Its name or metadata states a series id (`CIP-0001`).
    SeriesId(String),
    /// A folder's name says what it holds.
    Folder(String),
    /// It is the index page of a folder whose name says what it holds: it introduces those
    /// documents and is not one of them.
    Introduces(String),
    /// A folder is named by a proposal's status (`proposed/`, `accepted/`).
    StatusFolder(String),
    /// Its file name (`adr-004-x.md`, `rfc-100-x.md`).
    FileName,
    /// RFC header keys (`RFC PR`, `Feature name`).
    RfcHeader,
    /// A status key or a `## Status` section.
    Status,
    /// A lifecycle stage that names a status (`stage: accepted`), what proposal processes track.
    Stage,
    /// A date with attendees, an agenda or action items.
    Meeting,
    /// Nothing said otherwise.
    Default,
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Why::SeriesId(id) => write!(f, "its name or metadata states the series id {id}"),
            Why::Folder(name) => write!(f, "the folder `{name}` says what it holds"),
            Why::Introduces(name) => write!(f, "it is the index page of the folder `{name}`, which it introduces"),
            Why::StatusFolder(name) => write!(f, "the folder `{name}` names a proposal's status"),
            Why::FileName => f.write_str("its file name says what it is"),
            Why::RfcHeader => f.write_str("it has RFC header keys"),
            Why::Status => f.write_str("it states a status"),
            Why::Stage => f.write_str("it states a proposal's stage"),
            Why::Meeting => f.write_str("it has a date and attendees, an agenda or action items"),
            Why::Default => f.write_str("nothing marks it as a decision, proposal or meeting"),
        }
    }
}

/// The kind a folder's name says its documents are, from the words in it
/// (`design-meeting-minutes`, `BiweeklyMeetings`, `architecture-decisions`). `top` says whether
/// the folder is at the top of the site: only there does `design/` mean design documents (below,
/// it is usually a design team's pages).
pub fn folder_kind(name: &str, top: bool) -> Option<DocKind> {
    let words = words(name);
    // `rfc-2229/`, `kep-1234/`: one document's folder (or a group named after it), not a folder
    // of documents of that kind.
    if words.len() == 2 && words[1].bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let has = |w: &[&str]| words.iter().any(|x| w.contains(&x.as_str()));
    if has(&["meeting", "meetings", "minutes", "standup", "standups", "retro", "retros"])
        || (has(&["weekly", "daily"]) && has(&["updates", "notes"]))
    {
        return Some(DocKind::Standup);
    }
    if has(&["adr", "adrs", "decisions"]) || (has(&["decision"]) && has(&["record", "records", "log"])) {
        return Some(DocKind::Adr);
    }
    let whole = words.join("-");
    if has(&["rfc", "rfcs", "proposal", "proposals", "kep", "keps", "pep", "peps", "enhancements"])
        || matches!(whole.as_str(), "design-docs" | "design-documents")
        || (top && matches!(whole.as_str(), "design" | "designs"))
    {
        return Some(DocKind::Rfc);
    }
    has(&["handbook"]).then_some(DocKind::Handbook)
}

/// Whether a folder's name is a status only proposals have (`proposed`, `Accepted`).
fn proposal_folder(name: &str) -> bool {
    crate::vocab::status::PROPOSAL_FOLDERS.contains(&name.to_lowercase().as_str())
}

/// The lower-case words of a name: `BiweeklyMeetings` → `biweekly`, `meetings`.
fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            out.extend((!word.is_empty()).then(|| std::mem::take(&mut word)));
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower {
            out.push(std::mem::take(&mut word));
        }
        prev_lower = c.is_lowercase();
        word.extend(c.to_lowercase());
    }
    out.extend((!word.is_empty()).then_some(word));
    out
}

/// A series id in a name, unless its number reads as a year (`OSPP-2024` names an event, not the
/// 2024th proposal; `CIP-0001` and `CIP-1694` are ids).
fn series_name(name: &str) -> Option<crate::vocab::series::SeriesId> {
    crate::vocab::series::from_name(name)
        .filter(|s| !(s.number.digits.len() == 4 && (1990..=2099).contains(&s.number.value)))
}

/// Whether `doc` is the index page of a folder of decisions, proposals or notes
/// (`decisions/README.md`, `minutes/design-meeting/_index.md`) rather than a document's own folder
/// (`keps/sig-node/1234-quotas/README.md`, `ADR-001-x/README.md`, `CIP-0001/README.md`): the
/// folder's name says it holds them and carries no number or date (a folder named with one is one
/// document's), or it is `root`, the folder of a collection. An index page that states a
/// status, or records days under dated headings (a running log of standups), is a document of
/// the folder all the same. The name of the folder it introduces, when it does.
pub fn introduces(doc: &SourceDoc, root: Option<&str>) -> Option<String> {
    let (dirs, file) = doc.source.rsplit_once('/').unwrap_or(("", &doc.source));
    let (above, name) = dirs.rsplit_once('/').unwrap_or(("", dirs));
    // mdBook's and GitBook's table of contents (`text/SUMMARY.md`) introduces its folder too, and
    // so does a page named as its folder (`ADRs/ADRs.md`, Docusaurus's category page).
    let stem = crate::vocab::markdown_name::stem(file);
    let named_as_folder = !name.is_empty() && stem.eq_ignore_ascii_case(name);
    if !crate::vocab::markdown_name::is_folder_index(file) && file != "SUMMARY.md" && !named_as_folder {
        return None;
    }
    let holds = !name.contains(|c: char| c.is_ascii_digit())
        && (folder_kind(name, above.is_empty()).is_some_and(|k| k != DocKind::Handbook) || proposal_folder(name));
    // `meetings/2018/README.md`: the index of a year of the documents above it.
    let year = name.len() == 4 && name.parse::<u16>().is_ok_and(|y| (1990..=2099).contains(&y));
    let parent = above.rsplit('/').next().unwrap_or(above);
    let year_of_documents = year
        && (root == Some(above) || folder_kind(parent, !above.contains('/')).is_some_and(|k| k != DocKind::Handbook));
    if root != Some(dirs) && !holds && !year_of_documents {
        return None;
    }
    let states = doc.meta.stated_status().is_some()
        || doc.has_status_section
        || doc.outline.headings.lines().any(|h| crate::date::date_in_text(h, None).is_some());
    (!states).then(|| name.to_string())
}

/// Whether a name starts with a record's number, bare or after a short series prefix in
/// capitals: `0007-x`, `A1-x`, `LID-0002-x` (`v2-x` names a version).
fn numbered_name(stem: &str) -> bool {
    let letters = stem.bytes().take_while(u8::is_ascii_uppercase).count();
    let rest = stem[letters..].trim_start_matches(['-', '_']);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    letters <= 6 && digits > 0 && rest[digits..].chars().next().is_none_or(|c| matches!(c, '-' | '_' | '.' | ' '))
}

/// Infers the kind of a document that no collection holds.
pub fn infer(doc: &SourceDoc) -> Inferred {
    let path = doc.source.as_str();
    let (dirs, file) = path.rsplit_once('/').unwrap_or(("", path));
    let folders: Vec<&str> = if dirs.is_empty() { Vec::new() } else { dirs.split('/').collect() };
    let is_index = crate::vocab::markdown_name::is_folder_index(file);
    let stem = crate::vocab::markdown_name::stem(file);
    let inferred = |kind, series: Option<String>, why| Inferred { kind, series, why };

    // A series id: in the metadata (`CIP: 1`), the file name, or a folder (`CIP-0088/CIPs/…`).
    let series = doc
        .meta
        .number
        .as_ref()
        .and_then(|n| crate::vocab::series::from_value(&n.value))
        .or_else(|| (!is_index).then(|| series_name(stem)).flatten())
        .or_else(|| folders.iter().rev().find_map(|f| series_name(f)))
        .or_else(|| folders.last().and_then(|f| crate::vocab::series::from_plural_folder(f, stem)))
        .or_else(|| doc.title_heading.as_ref().and_then(|h| crate::vocab::series::from_heading(&h.text)))
        .or_else(|| doc.meta.title.as_ref().and_then(|t| crate::vocab::series::from_heading(&t.value)));
    if let Some(s) = series {
        let kind = if s.is_decision_records() { DocKind::Adr } else { DocKind::Rfc };
        let id = s.id();
        return inferred(kind, Some(s.prefix), Why::SeriesId(id));
    }
    if let Some(folder) = introduces(doc, None) {
        return inferred(DocKind::Handbook, None, Why::Introduces(folder));
    }
    let folder_kinds = folders.iter().enumerate().rev();
    if let Some((name, kind)) = folder_kinds.clone().find_map(|(i, f)| folder_kind(f, i == 0).map(|k| (*f, k))) {
        return inferred(kind, None, Why::Folder(name.to_string()));
    }
    // `proposed/x.md`, `accepted/2024/x.md`: what only proposals go through.
    if let Some(name) = folders.iter().rev().find(|f| proposal_folder(f)) {
        return inferred(DocKind::Rfc, None, Why::StatusFolder(name.to_string()));
    }
    let lower = file.to_lowercase();
    if lower.starts_with("adr-") || lower.starts_with("adr_") {
        return inferred(DocKind::Adr, None, Why::FileName);
    }
    if lower.starts_with("rfc-") {
        return inferred(DocKind::Rfc, None, Why::FileName);
    }
    if doc.meta.info.iter().any(|(l, _)| *l == "RFC PR" || *l == "Feature name") {
        return inferred(DocKind::Rfc, None, Why::RfcHeader);
    }
    // A record's number (`0007-x`, gRPC's `A1-x`), not a date: `2019-03-01_update.md` with
    // `[DRAFT]` in its title is a dated note in draft.
    let numbered = numbered_name(stem) && crate::date::date_in_name(stem).is_none();
    // Decision records state a status; proposal processes move a proposal through stages
    // (Ember's RFCs: `stage: accepted`, then `released`, `recommended`).
    if doc.meta.status.is_none() && doc.meta.stage.is_some() && numbered {
        return inferred(DocKind::Rfc, None, Why::Stage);
    }
    if doc.has_status_section || (doc.meta.stated_status().is_some() && numbered) {
        return inferred(DocKind::Adr, None, Why::Status);
    }
    let dated = doc.meta.date.is_some() || crate::date::date_in_path(path).is_some();
    let headings = doc.outline.headings.to_lowercase();
    let meeting_words = ["agenda", "attendees", "attendance", "action items", "minutes"];
    let attended = doc.meta.people.iter().any(|(r, _)| *r == Role::Participant);
    if dated && (attended || meeting_words.iter().any(|w| headings.contains(w))) {
        return inferred(DocKind::Standup, None, Why::Meeting);
    }
    inferred(DocKind::Handbook, None, Why::Default)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_words() {
        for (name, kind) in [
            ("design-meeting-minutes", Some(DocKind::Standup)),
            ("BiweeklyMeetings", Some(DocKind::Standup)),
            ("weekly-updates", Some(DocKind::Standup)),
            ("architecture-decisions", Some(DocKind::Adr)),
            ("decision-log", Some(DocKind::Adr)),
            ("proposals", Some(DocKind::Rfc)),
            ("design-docs", Some(DocKind::Rfc)),
            ("design-system", None),
            ("handbook", Some(DocKind::Handbook)),
            ("content", None),
            ("rfc-2229", None),
            ("2022-meetings", Some(DocKind::Standup)),
        ] {
            assert_eq!(folder_kind(name, false), kind, "{name}");
        }
        assert_eq!((folder_kind("design", true), folder_kind("design", false)), (Some(DocKind::Rfc), None));
        assert_eq!(words("BiweeklyMeetings"), vec!["biweekly", "meetings"]);
    }

    #[test]
    fn a_folder_index_introduces_a_folder_of_documents_not_its_own_document() {
        let doc = |source: &str, text: &str| {
            let rel = source.to_string();
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(&rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
            let (doc, _) = crate::load::read_document(dir.path(), &rel, &Default::default(), u64::MAX).unwrap();
            doc.unwrap()
        };
        let intro = "# About\n\nWhat these documents are.\n";
        for (source, root, introduces_it) in [
            ("docs/decisions/README.md", None, Some("decisions")),
            ("content/minutes/design-meeting/_index.md", None, Some("design-meeting")),
            ("BiweeklyMeetings/README.md", None, Some("BiweeklyMeetings")),
            ("docs/arch/index.md", Some("docs/arch"), Some("arch")),
            ("README.md", Some(""), Some("")),
            // An mdBook's table of contents.
            ("text/SUMMARY.md", Some("text"), Some("text")),
            // A page named as its folder, in Docusaurus's way.
            ("website/docs/contributing/ADRs/ADRs.md", None, Some("ADRs")),
            ("CIP-0001/CIP-0001.md", None, None),
            // A document's own folder: the page is the document.
            ("keps/sig-node/1234-pod-quotas/README.md", None, None),
            ("keps/sig-architecture/0000-kep-process/README.md", None, None),
            ("docs/adr/adr-001-use-pg/README.md", None, None),
            ("docs/adr/ADR-001-use-pg/README.md", Some("docs/adr"), None),
            ("minutes/meeting-2024-01-05/README.md", None, None),
            ("CIP-0001/README.md", None, None),
            ("working-groups/rfc-2229/_index.md", None, None),
            ("docs/decisions/0001-use-x.md", None, None),
            ("README.md", None, None),
            // A handbook's front page is a page already; below the top, `design/` is a team's.
            ("handbook/index.md", None, None),
            ("content/product/design/index.md", None, None),
            // A year's folder of meetings: its index introduces that year's.
            ("meetings/2018/README.md", Some("meetings"), Some("2018")),
            ("minutes/2018/index.md", None, Some("2018")),
            ("docs/2018/README.md", None, None),
        ] {
            assert_eq!(introduces(&doc(source, intro), root).as_deref(), introduces_it, "{source}");
        }
        // It states a status, or keeps a log of days: a document of its folder.
        assert_eq!(introduces(&doc("adr/README.md", "# Use ADRs\n\n## Status\n\nAccepted\n"), None), None);
        let log = "# Standups\n\n## 2024-01-05\n\n- Ana: fixed the queue\n";
        assert_eq!(introduces(&doc("standups/README.md", log), None), None);
    }

    #[test]
    fn a_status_makes_a_numbered_file_a_decision_but_not_a_dated_one() {
        let kind = |source: &str, text: &str| {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(source);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
            let (doc, _) = crate::load::read_document(dir.path(), source, &Default::default(), u64::MAX).unwrap();
            infer(&doc.unwrap()).kind
        };
        let draft = "# [DRAFT] Council update [DRAFT]\n\nWhat we did.\n";
        assert_eq!(kind("updates/0007-council-update.md", draft), DocKind::Adr);
        assert_eq!(kind("updates/2019-03-01_council-update.md", draft), DocKind::Handbook);
        let proposal = "## HTTP CONNECT Proxy Support\n\n* Status: Implemented\n";
        assert_eq!(kind("A1-http-connect-proxy-support.md", proposal), DocKind::Adr);
        assert_eq!(kind("http-connect-proxy-support.md", proposal), DocKind::Handbook);
        // A stage is what a proposal process tracks; a stated status still makes a record.
        let staged = "---\nstart-date: 2017-12-11\nstage: recommended\n---\n\n# Summary\n";
        assert_eq!(kind("text/0278-template-only-components.md", staged), DocKind::Rfc);
        let both = "---\nstage: recommended\nstatus: accepted\n---\n\n# Summary\n";
        assert_eq!(kind("text/0278-template-only-components.md", both), DocKind::Adr);
        let maturity = "---\nstage: alpha\n---\n\n# Summary\n";
        assert_eq!(kind("text/0278-template-only-components.md", maturity), DocKind::Handbook);
        // A folder named by a status only proposals have holds proposals; `archived/` may hold
        // any page.
        let design = "# Unified SDK configuration\n\nWhat we propose.\n";
        assert_eq!(kind("proposed/unified-config.md", design), DocKind::Rfc);
        assert_eq!(kind("accepted/2024/unified-config.md", design), DocKind::Rfc);
        assert_eq!(kind("archived/unified-config.md", design), DocKind::Handbook);
        assert_eq!(kind("proposed/README.md", design), DocKind::Handbook, "the folder's introduction");
        for (stem, numbered) in [
            ("0007-x", true),
            ("A1-x", true),
            ("LID-0002-x", true),
            ("x2", false),
            ("guide", false),
            ("1st-day", false),
        ] {
            assert_eq!(numbered_name(stem), numbered, "{stem}");
        }
    }
}
