//! Metadata as found in a source, before normalisation.
//!
//! Every dialect — YAML or TOML front matter, `kep.yaml` sidecars, `* Status:` bullets, RFC header
//! bullets, `Date:` lines, a `## Status` section, a status row in a table — feeds the same
//! [`RawMeta`] through [`RawMeta::set`]. The first source to set a field wins, so callers feed them
//! in order of authority (front matter first). Values stay raw text with their location; the
//! assemble stage parses statuses, dates and numbers.

use crate::load::front_matter::FieldValue;
use crate::vocab::DateKey;
use crate::vocab::{RelationKind, Role};

/// A raw value and where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    /// The text as written.
    pub value: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// The file it came from when that is not the document itself (a `kep.yaml` sidecar).
    pub file: Option<String>,
}

/// What a metadata key means, whatever its spelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// The title.
    Title,
    /// A name that stands in for a title nobody wrote (`name`, `sidebar_label`).
    AltTitle,
    /// The status label.
    Status,
    /// A lifecycle stage (`stage: accepted` in Ember's RFCs): the status when no status is stated
    /// and the stage names one; a maturity (`stage: alpha`) or a number (TC39's `stage: 3`) does not.
    Stage,
    /// The document's date; lower rank wins (`date` before `start date` before `last updated`).
    Date(u8),
    /// The number or id.
    Number,
    /// People in a role.
    People(Role),
    /// Tags.
    Tags,
    /// A relation to another document.
    Relation(RelationKind),
    /// A named date or duration.
    Dated(DateKey),
    /// Shown in the metadata panel under this label.
    Info(&'static str),
    /// A path the published site serves the page at, now or before.
    Address(Address),
}

/// Which path a page's address key gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Address {
    /// Where the page is served now (`permalink`): from the output's root even without a
    /// leading `/` (Jekyll, Eleventy), and the base its relative links resolve against.
    Current,
    /// Where it was served before (`redirect_from`), from the output's root.
    Former,
    /// Hugo's `aliases`, which are relative to the page's section unless written from `/`.
    Alias,
}

/// `lastReviewed`, `last-reviewed`, `Last Reviewed`, `Author(s)` → `last_reviewed`, `authors`.
pub fn canonical_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    let mut prev_lower = false;
    for c in key.trim().chars() {
        if c.is_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        match c {
            '-' | ' ' | '.' => out.push('_'),
            '(' | ')' | '*' | '`' => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    while out.contains("__") {
        out = out.replace("__", "_");
    }
    out.trim_matches('_').to_string()
}

/// Maps a canonical key to its meaning; `None` for keys adrsite does not use.
pub fn classify(canonical: &str) -> Option<Key> {
    Some(match canonical {
        "title" => Key::Title,
        "name" | "sidebar_label" | "nav_title" | "short_title" => Key::AltTitle,
        "status" | "state" | "decision_status" | "statut" | "estado" | "stato" => Key::Status,
        "stage" => Key::Stage,
        "date" | "decision_date" | "date_decided" | "fecha" | "datum" => Key::Date(0),
        // Cilium's CFPs: `**Begin Design Discussion:** 2023-04-17`.
        "start_date" | "started" | "date_started" | "begin_design_discussion" | "discussion_started" => Key::Date(1),
        "creation_date" | "created" | "created_at" | "created_on" | "date_created" => Key::Date(2),
        "last_updated" | "updated" | "last_modified" | "date_updated" => Key::Dated(DateKey::LastUpdated),
        "number" | "id" | "kep_number" | "adr" | "adr_number" | "rfc_number" | "adr_id" | "proposal" => Key::Number,
        "deciders" | "decider" | "decision_makers" | "decision_maker" | "decided_by" | "approvers" | "décideurs"
        | "decisores" | "entscheider" | "decisori" => Key::People(Role::Decider),
        "consulted" | "reviewers" => Key::People(Role::Consulted),
        "informed" => Key::People(Role::Informed),
        "authors"
        | "author"
        | "authored_by"
        | "creator"
        | "creators"
        | "proposed_by"
        | "initially_proposed_by"
        | "originally_proposed_by"
        | "champion"
        | "champions"
        | "original_authors"
        | "original_author"
        | "primary_author"
        | "lead_author"
        | "written_by" => Key::People(Role::Author),
        "owner" | "owners" | "maintainer" | "maintainers" | "dri" | "editor" => Key::People(Role::Owner),
        "participants" | "attendees" | "attendance" | "present" => Key::People(Role::Participant),
        "tags" | "tag" | "keywords" | "labels" | "categories" | "topics" | "owning_sig" | "area" => Key::Tags,
        "supersedes" | "replaces" | "supercedes" => Key::Relation(RelationKind::Supersedes),
        "superseded_by" | "replaced_by" | "superceded_by" => Key::Relation(RelationKind::SupersededBy),
        "amends" | "amendment_of" => Key::Relation(RelationKind::Amends),
        "amended_by" => Key::Relation(RelationKind::AmendedBy),
        "relates_to" | "related" | "related_to" | "see_also" | "related_decisions" => {
            Key::Relation(RelationKind::RelatesTo)
        }
        "deadline" | "decision_deadline" | "decide_by" => Key::Dated(DateKey::Deadline),
        "comments_by" | "comment_by" | "comments_due" | "feedback_by" => Key::Dated(DateKey::CommentsBy),
        "review_by" | "revisit" | "revisit_by" | "review_date" | "next_review" | "revisit_date" => {
            Key::Dated(DateKey::ReviewBy)
        }
        "last_reviewed" | "reviewed" | "reviewed_on" | "last_review" | "last_reviewed_on" | "last_reviewed_at" => {
            Key::Dated(DateKey::LastReviewed)
        }
        "review_every" | "review_in" | "review_interval" | "review_cycle" => Key::Dated(DateKey::ReviewEvery),
        "permalink" => Key::Address(Address::Current),
        "redirect_from" => Key::Address(Address::Former),
        "aliases" => Key::Address(Address::Alias),
        "rfc_pr" | "pull_request" | "pr" => Key::Info("RFC PR"),
        "feature_name" | "feature" => Key::Info("Feature name"),
        "rust_issue" | "react_issue" | "tracking_issue" | "issue" => Key::Info("Tracking issue"),
        "discussion" | "discussion_at" | "discussions" => Key::Info("Discussion"),
        "technical_story" => Key::Info("Technical story"),
        "owning_team" | "team" => Key::Info("Team"),
        "owner_slack" | "slack_channel" | "contact" => Key::Info("Contact"),
        _ => return None,
    })
}

/// Metadata gathered from every dialect of one document.
#[derive(Clone, Debug, Default)]
pub struct RawMeta {
    /// Title.
    pub title: Option<Located>,
    /// A name to use when no title is written.
    pub alt_title: Option<Located>,
    /// Status label.
    pub status: Option<Located>,
    /// A stage that names a status, for when no status is stated.
    pub stage: Option<Located>,
    /// Date with its rank (lower wins).
    pub date: Option<(u8, Located)>,
    /// Number or id as written.
    pub number: Option<Located>,
    /// People by role, in the order written.
    pub people: Vec<(Role, String)>,
    /// Tags as written.
    pub tags: Vec<String>,
    /// Relations to other documents, raw references.
    pub relations: Vec<(RelationKind, Located)>,
    /// Named dates and durations.
    pub dates: Vec<(DateKey, Located)>,
    /// Other facts for the metadata panel (`RFC PR`, `Feature name`).
    pub info: Vec<(&'static str, String)>,
    /// Paths the published site serves the page at, now or before (`/travel-guide-faq/`), each
    /// from the site's root: links written to them find the page.
    pub addresses: Vec<String>,
    /// The one it is served at now (its `permalink`): the base of its relative links.
    pub served_at: Option<String>,
    /// The earliest date the document's change log opens an entry with (`- 2019 Jul 31: Initial
    /// draft`): when it was first written.
    pub logged: Option<Located>,
}

/// Whether a value says there is none: `N/A`, `n.a.`, `-`, `—`, `none`.
fn says_none(value: &str) -> bool {
    let v = value.trim().trim_matches(['*', '_', '`']).trim().to_ascii_lowercase();
    matches!(v.as_str(), "n/a" | "n.a." | "na" | "-" | "—" | "–" | "none" | "not applicable")
}

impl RawMeta {
    /// Every place a value was read from, to move them with their document (a source mounted
    /// under its namespace).
    pub fn locations_mut(&mut self) -> impl Iterator<Item = &mut Located> {
        let single = [&mut self.title, &mut self.alt_title, &mut self.status, &mut self.stage, &mut self.number]
            .into_iter()
            .flatten();
        single
            .chain(self.date.iter_mut().map(|(_, l)| l))
            .chain(self.logged.iter_mut())
            .chain(self.relations.iter_mut().map(|(_, l)| l))
            .chain(self.dates.iter_mut().map(|(_, l)| l))
    }

    /// The status the document states: its status, else a stage that names one.
    pub fn stated_status(&self) -> Option<&Located> {
        self.status.as_ref().or(self.stage.as_ref())
    }

    /// Records `value` for `key` unless an earlier source already did.
    pub fn set(&mut self, key: Key, value: &FieldValue, at: Located) {
        let scalar = || match value {
            FieldValue::Scalar(s) => s.trim().to_string(),
            FieldValue::List(items) => items.join(", "),
        };
        let list = || match value {
            FieldValue::Scalar(s) => split_list(s),
            FieldValue::List(items) => items.iter().flat_map(|i| split_list(i)).collect(),
        };
        // `Status: N/A`, `Date: -`: the document says it has none.
        if matches!(key, Key::Status | Key::Date(_)) && says_none(&scalar()) {
            return;
        }
        match key {
            Key::Title if self.title.is_none() => self.title = Some(Located { value: scalar(), ..at }),
            Key::AltTitle if self.alt_title.is_none() => self.alt_title = Some(Located { value: scalar(), ..at }),
            Key::Status if self.status.is_none() => self.status = Some(Located { value: scalar(), ..at }),
            Key::Stage if self.stage.is_none() && crate::load::status::is_status(&scalar()) => {
                self.stage = Some(Located { value: scalar(), ..at });
            }
            Key::Date(rank) if self.date.as_ref().is_none_or(|(r, _)| rank < *r) => {
                self.date = Some((rank, Located { value: scalar(), ..at }));
            }
            Key::Number if self.number.is_none() => self.number = Some(Located { value: scalar(), ..at }),
            Key::People(role) if !self.people.iter().any(|(r, _)| *r == role) => {
                self.people.extend(list().into_iter().map(|p| (role, without_affiliation(p))));
            }
            Key::Tags if self.tags.is_empty() => self.tags = list(),
            Key::Address(kind) => {
                let paths: Vec<String> = list().iter().filter_map(|a| published_path(a, kind)).collect();
                if kind == Address::Current && self.served_at.is_none() {
                    self.served_at = paths.first().cloned();
                }
                self.addresses.extend(paths);
            }
            Key::Relation(kind) => {
                let targets = match value {
                    FieldValue::Scalar(s) => vec![s.clone()],
                    FieldValue::List(items) => items.clone(),
                };
                for t in targets.into_iter().filter(|t| !is_placeholder(t)) {
                    self.relations.push((kind, Located { value: t, ..at.clone() }));
                }
            }
            Key::Dated(k) if !self.dates.iter().any(|(d, _)| *d == k) => {
                self.dates.push((k, Located { value: scalar(), ..at }));
            }
            Key::Info(label) if !self.info.iter().any(|(l, _)| *l == label) => {
                let v = scalar();
                if !v.is_empty() {
                    self.info.push((label, v));
                }
            }
            _ => {}
        }
    }
}

/// A path an address key names, from the site's root (`/manuals/go.html`); `None` for a
/// generator's pattern (`/:year/:title/`, `{{ page.fileSlug }}/`), Eleventy's `permalink: false`
/// (the page is not written) and a Hugo alias relative to its section.
fn published_path(value: &str, kind: Address) -> Option<String> {
    let value = value.trim();
    let pattern = value.contains(':') || value.contains('{');
    if pattern || value.is_empty() || value.contains(char::is_whitespace) || value == "false" {
        return None;
    }
    match value.strip_prefix('/') {
        Some(_) => Some(value.to_string()),
        None if kind == Address::Alias => None,
        None => Some(format!("/{value}")),
    }
}

/// Whether a value only says "nothing here": `n/a`, `none`, `TODO`, `-`.
pub fn is_placeholder(s: &str) -> bool {
    let t = s.trim().trim_matches(['"', '\'', '`', '*', '_']).trim().to_lowercase();
    t.is_empty() || matches!(t.as_str(), "n/a" | "na" | "none" | "tbd" | "todo" | "-" | "~" | "null" | "nil" | "[]")
}

/// Splits `Ana Silva, Ben Okafor and Chloe` into names; drops template placeholders.
pub fn split_list(s: &str) -> Vec<String> {
    let plain = crate::text::plain_inline(s);
    let plain = if plain.is_empty() { s.to_string() } else { plain };
    split_outside_brackets(&plain)
        .into_iter()
        .flat_map(|p| p.split(" and "))
        .map(|p| p.trim().trim_matches(['"', '\'', '`']).trim())
        // `Fredrik (potentially others who attended the meeting, but I can't remember)`: a long
        // remark in brackets after a name is not part of it.
        .map(|p| match p.split_once('(') {
            Some((name, _)) if p.len() >= 80 && !name.trim().is_empty() => name.trim(),
            _ => p,
        })
        // `@ana @ben`: handles written one after another are one person each.
        .flat_map(|p| {
            let handles = p.split_whitespace().count() > 1 && p.split_whitespace().all(|w| w.starts_with('@'));
            if handles { p.split_whitespace().collect() } else { vec![p] }
        })
        .map(str::to_string)
        .filter(|p| {
            !p.is_empty()
                && !p.starts_with(['[', '{', '<'])
                // `#ipfs-in-web-browsers`: a chat channel; `Attendee names…`: the template's prompt.
                && !p.starts_with('#')
                && !p.ends_with('…')
                && !p.ends_with("...")
                && p.len() < 80
                && !matches!(p.to_lowercase().as_str(), "none" | "n/a" | "tbd" | "-" | "todo")
        })
        .collect()
}

/// A person without the organisation written after a dash: `Adam Jones – Microsoft` is `Adam Jones`.
fn without_affiliation(person: String) -> String {
    match [" – ", " — ", " - "].iter().filter_map(|d| person.find(d)).min() {
        Some(at) if at > 0 => person[..at].trim_end().to_string(),
        _ => person,
    }
}

/// Splits a list at `,`, `;` and `&`, but not inside brackets: `Henry Duong <henry@sui.io, @hyd628>`
/// and `Ana (Google, Inc.)` are one person each.
fn split_outside_brackets(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in s.char_indices() {
        match c {
            '(' | '<' | '[' => depth += 1,
            ')' | '>' | ']' => depth = depth.saturating_sub(1),
            ',' | ';' | '&' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    // `Ana (lead, Ben`: a bracket never closed shelters nothing.
    if depth > 0 {
        return s.split([',', ';', '&']).collect();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_paths_from_the_sites_root() {
        assert_eq!(published_path("manuals/go.html", Address::Current).as_deref(), Some("/manuals/go.html"));
        assert_eq!(published_path("/old/", Address::Former).as_deref(), Some("/old/"));
        assert_eq!(published_path("/old/", Address::Alias).as_deref(), Some("/old/"));
        // Relative to a Hugo section, a pattern, or no page at all: nothing to find a page by.
        for (value, kind) in
            [("old/", Address::Alias), ("/:year/:title/", Address::Current), ("false", Address::Current)]
        {
            assert_eq!(published_path(value, kind), None, "{value}");
        }
        assert_eq!(published_path("{{ page.fileSlug }}/", Address::Current), None);
    }

    #[test]
    fn key_spellings() {
        for k in ["last_reviewed", "last-reviewed", "lastReviewed", "Last Reviewed"] {
            assert_eq!(classify(&canonical_key(k)), Some(Key::Dated(DateKey::LastReviewed)), "{k}");
        }
        assert_eq!(classify(&canonical_key("Author(s)")), Some(Key::People(Role::Author)));
        assert_eq!(classify(&canonical_key("Initially Proposed by")), Some(Key::People(Role::Author)));
        assert_eq!(classify(&canonical_key("decision-makers")), Some(Key::People(Role::Decider)));
        assert_eq!(classify(&canonical_key("RFC PR")), Some(Key::Info("RFC PR")));
        assert_eq!(classify(&canonical_key("kep-number")), Some(Key::Number));
        assert_eq!(classify(&canonical_key("review_in")), Some(Key::Dated(DateKey::ReviewEvery)));
        // Jupyter's JEPs.
        assert_eq!(classify(&canonical_key("date-started")), Some(Key::Date(1)));
        // Cilium's CFPs.
        assert_eq!(classify(&canonical_key("Begin Design Discussion")), Some(Key::Date(1)));
    }

    #[test]
    fn people_without_their_organisation() {
        let mut meta = RawMeta::default();
        let at = Located { value: String::new(), line: 1, column: 1, file: None };
        let list = FieldValue::Scalar("Adam Jones – Microsoft, Ben Wilson - Mozilla, Jean-Luc Picard".into());
        meta.set(Key::People(Role::Participant), &list, at);
        let names: Vec<&str> = meta.people.iter().map(|(_, p)| p.as_str()).collect();
        assert_eq!(names, ["Adam Jones", "Ben Wilson", "Jean-Luc Picard"]);
    }

    #[test]
    fn lists() {
        assert_eq!(split_list("Ana Silva, Ben Okafor and Chloe"), vec!["Ana Silva", "Ben Okafor", "Chloe"]);
        assert_eq!(split_list("[list everyone involved]"), Vec::<String>::new());
        assert_eq!(split_list("[Ana](https://x)"), vec!["Ana"]);
        assert_eq!(split_list("@justinfagnani @rictic"), vec!["@justinfagnani", "@rictic"]);
        assert_eq!(split_list("Ana Silva @ana"), vec!["Ana Silva @ana"]);
        assert_eq!(
            split_list("Henry Duong <henry@sui.io, @hyd628>, Ana"),
            vec!["Henry Duong <henry@sui.io, @hyd628>", "Ana"]
        );
        assert_eq!(split_list("Ana (Google, Inc.); Ben"), vec!["Ana (Google, Inc.)", "Ben"]);
        assert_eq!(split_list("Ana (lead, Ben"), vec!["Ana (lead", "Ben"]);
        let remark = "Emil, Fredrik (potentially others who attended the architecture meeting, but I can't remember)";
        assert_eq!(split_list(remark), vec!["Emil", "Fredrik"]);
        assert_eq!(split_list("_Attendee names…_, #ipfs-in-web-browsers, @alanshaw"), vec!["@alanshaw"]);
    }

    #[test]
    fn a_stage_that_names_a_status_stands_in_for_it() {
        let at = |line| Located { value: String::new(), line, column: 1, file: None };
        let read = |fields: &[(&str, &str)]| {
            let mut m = RawMeta::default();
            for (i, (k, v)) in fields.iter().enumerate() {
                m.set(classify(&canonical_key(k)).unwrap(), &FieldValue::Scalar(v.to_string()), at(i as u32 + 1));
            }
            m.stated_status().map(|s| (s.value.clone(), s.line))
        };
        assert_eq!(read(&[("stage", "recommended")]), Some(("recommended".into(), 1)));
        // A stated status wins wherever it is written.
        assert_eq!(read(&[("stage", "discontinued"), ("status", "accepted")]), Some(("accepted".into(), 2)));
        // A maturity or a number is no status.
        assert_eq!(read(&[("stage", "alpha")]), None);
        assert_eq!(read(&[("Stage", "3")]), None);
    }

    #[test]
    fn a_value_that_says_none_is_no_value() {
        let mut m = RawMeta::default();
        let at = |line| Located { value: String::new(), line, column: 1, file: None };
        m.set(Key::Status, &FieldValue::Scalar("N/A".into()), at(3));
        m.set(Key::Date(0), &FieldValue::Scalar("—".into()), at(4));
        assert!(m.status.is_none() && m.date.is_none());
        m.set(Key::Status, &FieldValue::Scalar("Accepted".into()), at(5));
        assert_eq!(m.status.map(|s| s.value).as_deref(), Some("Accepted"));
    }

    #[test]
    fn first_source_wins_and_date_rank() {
        let mut m = RawMeta::default();
        let at = |line| Located { value: String::new(), line, column: 1, file: None };
        m.set(Key::Status, &FieldValue::Scalar("accepted".into()), at(1));
        m.set(Key::Status, &FieldValue::Scalar("proposed".into()), at(2));
        m.set(Key::Date(2), &FieldValue::Scalar("2020-01-01".into()), at(3));
        m.set(Key::Date(0), &FieldValue::Scalar("2021-01-01".into()), at(4));
        assert_eq!(m.status.unwrap().value, "accepted");
        assert_eq!(m.date.unwrap().1.value, "2021-01-01");
    }
}

#[cfg(test)]
mod never_panic {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A list of people as any file writes it, brackets unbalanced and dashes anywhere.
        #[test]
        fn any_people_list(s in "[a-zé(),;&<>\\[\\] –-]{0,60}") {
            for p in split_list(&s) {
                let _ = without_affiliation(p);
            }
        }
    }
}
