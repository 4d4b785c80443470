//! The site model: documents with normalised metadata and the graph between them.
//!
//! Input: nothing but the types of the stages below. Output: the [`Site`], [`Doc`], [`Tag`] and
//! [`Person`] types that [`crate::model::assemble`] builds and search and render read.

use crate::diagnostic::Diagnostic;
use crate::load::discover::Collection;
use crate::load::standup::Notes;
use crate::vocab::{DateKey, DocId, DocKind, DocNumber, Relation, RelationKind, Role, Status};
use jiff::civil::Date;
use std::collections::{BTreeMap, BTreeSet};

pub use crate::model::links::{LinkTarget, PathIndex};

/// A named date from the metadata (deadline, last reviewed, …), parsed when possible.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NamedDate {
    /// Which date.
    pub key: DateKey,
    /// As written.
    pub raw: String,
    /// Parsed, when it is a date.
    pub date: Option<Date>,
    /// 1-based line where it is written.
    pub line: u32,
}

/// A document with normalised metadata and resolved links.
#[derive(Clone, Debug)]
pub struct Doc {
    /// Site-wide id; also the page path without `.html`.
    pub id: DocId,
    /// Source path relative to the site directory.
    pub source: String,
    /// Index into [`Site::collections`].
    pub collection: usize,
    /// Kind.
    pub kind: DocKind,
    /// Number, for ADRs and RFCs that have one.
    pub number: Option<DocNumber>,
    /// `ADR-0005`, when the document has a number and its collection a prefix.
    pub display_id: Option<String>,
    /// Title.
    pub title: String,
    /// Normalised status.
    pub status: Option<Status>,
    /// The status label as written (cleaned of Markdown), for display.
    pub status_label: Option<String>,
    /// Line of the status in the source (1 when none).
    pub status_line: u32,
    /// The document's date.
    pub date: Option<Date>,
    /// The date text when it could not be parsed.
    pub date_raw: Option<String>,
    /// People and their roles, in the order written.
    pub people: Vec<(Role, String)>,
    /// Tags as written.
    pub tags: Vec<String>,
    /// Other facts for the metadata panel.
    pub info: Vec<(&'static str, String)>,
    /// Named dates.
    pub dates: Vec<NamedDate>,
    /// Relations, both declared here and declared by the other side, sorted.
    pub relations: Vec<Relation>,
    /// `superseded by X` where X is not a document of the site.
    pub unresolved_successor: Option<String>,
    /// Every link destination as written → where it goes.
    pub links: BTreeMap<String, LinkTarget>,
    /// Every resolved id mention (`ADR-5`, `RFC-2094a`, normalised by [`mention_key`]) → document.
    pub mentions: BTreeMap<String, DocId>,
    /// Documents that link to, mention or relate to this one.
    pub backlinks: Vec<DocId>,
    /// The document text.
    pub text: std::sync::Arc<str>,
    /// Byte offset of the Markdown body.
    pub body_start: usize,
    /// Byte range of the heading that became the title (not rendered in the body).
    pub title_range: Option<(usize, usize)>,
    /// The body's outline (headings, decision, plain text, excerpt), read with the links.
    pub outline: std::sync::Arc<crate::load::outline::Outline>,
    /// The file's size when it is over `max_file_size`: `text` is then only its head, and the
    /// page links to the source instead of showing it.
    pub oversize: Option<u64>,
    /// Created and last-changed dates and last author from git, when trusted.
    pub git: Option<crate::load::git::FileHistory>,
    /// Each status it has had, oldest first, from git (decisions only).
    pub history: Vec<crate::model::history::Step>,
    /// What needs attention, from the attention rules.
    pub findings: Vec<crate::model::attention::Finding>,
    /// What a standup or meeting note says: entries, blockers, action items.
    pub notes: Option<Box<Notes>>,
}

impl Doc {
    /// The successor named by a `superseded-by` relation.
    pub fn successor(&self) -> Option<&DocId> {
        self.relations.iter().find(|r| r.kind == RelationKind::SupersededBy).map(|r| &r.target)
    }

    /// People in `role`.
    pub fn people_in(&self, role: Role) -> impl Iterator<Item = &str> {
        self.people.iter().filter(move |(r, _)| *r == role).map(|(_, p)| p.as_str())
    }

    /// The people of the first of `roles` that names anyone.
    fn first_named(&self, roles: &[Role]) -> Vec<&str> {
        roles.iter().map(|r| self.people_in(*r).collect::<Vec<_>>()).find(|p| !p.is_empty()).unwrap_or_default()
    }

    /// Who answers for this document ([`Role::ACCOUNTABLE`]).
    pub fn accountable(&self) -> Vec<&str> {
        self.first_named(&Role::ACCOUNTABLE)
    }

    /// Who this document is by ([`Role::CREDITED`]); a standup's deciders are not its authors.
    pub fn credited(&self) -> Vec<&str> {
        // Notes are by who wrote them or owns them; nobody decides a standup.
        let roles = if self.kind == DocKind::Standup { &[Role::Author, Role::Owner][..] } else { &Role::CREDITED[..] };
        self.first_named(roles)
    }

    /// A bare document, for unit tests of rules.
    #[cfg(test)]
    pub fn for_test(id: &str, kind: DocKind, status: Option<Status>) -> Doc {
        Doc {
            id: DocId(id.into()),
            source: format!("{id}.md"),
            collection: 0,
            kind,
            number: None,
            display_id: None,
            title: id.into(),
            status,
            status_label: None,
            status_line: 1,
            date: None,
            date_raw: None,
            people: Vec::new(),
            tags: Vec::new(),
            info: Vec::new(),
            dates: Vec::new(),
            relations: Vec::new(),
            unresolved_successor: None,
            links: BTreeMap::new(),
            mentions: BTreeMap::new(),
            backlinks: Vec::new(),
            text: "".into(),
            body_start: 0,
            title_range: None,
            outline: Default::default(),
            oversize: None,
            git: None,
            history: Vec::new(),
            findings: Vec::new(),
            notes: None,
        }
    }
}

/// A tag and the documents that carry it.
#[derive(Clone, Debug, Default)]
pub struct Tag {
    /// The tag as first written.
    pub name: String,
    /// Documents, in id order.
    pub docs: Vec<DocId>,
}

/// A person and what they did.
#[derive(Clone, Debug, Default)]
pub struct Person {
    /// Name as first written.
    pub name: String,
    /// Roles per document, in id order.
    pub roles: Vec<(Role, DocId)>,
}

/// The whole site model.
#[derive(Clone, Debug)]
pub struct Site {
    /// Documents by id.
    pub docs: BTreeMap<DocId, Doc>,
    /// Collections; documents refer to them by index.
    pub collections: Vec<Collection>,
    /// Non-document files that documents link to; copied into the output.
    pub assets: BTreeSet<String>,
    /// Tags by slug.
    pub tags: BTreeMap<String, Tag>,
    /// People by slug.
    pub people: BTreeMap<String, Person>,
    /// Other keys of people (`ana` for `Ana Silva`) → their slug.
    pub aliases: BTreeMap<String, String>,
    /// The standup archive: weeks, entries, blockers and action items.
    pub archive: crate::model::archive::Archive,
    /// Diagnostics from loading and assembling, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Markdown-like files of the sources that are not pages, and why.
    pub skipped: Vec<(String, crate::load::skip::Skip)>,
    /// Which collection the documents of each folder outside every collection went to, and why.
    pub placements: Vec<crate::load::Placement>,
    /// How people are shown.
    pub names: Names,
    /// The sources of an organisation's site, in configuration order; empty for one repository.
    pub mounts: Vec<crate::load::federate::mount::Mount>,
}

impl Site {
    /// A site of no documents and no collections, for unit tests that fill in what they need.
    #[cfg(test)]
    pub fn for_test() -> Site {
        Site {
            docs: BTreeMap::new(),
            collections: Vec::new(),
            assets: BTreeSet::new(),
            tags: BTreeMap::new(),
            people: BTreeMap::new(),
            aliases: BTreeMap::new(),
            archive: Default::default(),
            diagnostics: Vec::new(),
            skipped: Vec::new(),
            placements: Vec::new(),
            names: Names::default(),
            mounts: Vec::new(),
        }
    }

    /// The source of an organisation's site that `path` (a document's source) belongs to.
    pub fn mount_of(&self, path: &str) -> Option<&crate::load::federate::mount::Mount> {
        self.mounts.iter().find(|m| path.strip_prefix(&m.namespace).is_some_and(|r| r.starts_with('/')))
    }
}

/// Where a chain of `superseded-by` relations leads.
#[derive(Debug)]
pub enum Chain<'a> {
    /// The document names no successor in the site.
    None,
    /// The decision in force now: the last document of the chain.
    End(&'a Doc),
    /// The chain comes back to a document it already passed; the documents in order, the first
    /// repeated at the end.
    Cycle(Vec<&'a Doc>),
}

/// Follows `doc`'s `superseded-by` relations through `docs` to the end of the chain.
pub fn supersede_chain<'a>(docs: &'a BTreeMap<DocId, Doc>, doc: &'a Doc) -> Chain<'a> {
    let Some(mut current) = doc.successor().and_then(|id| docs.get(id)) else { return Chain::None };
    let mut path = vec![doc];
    loop {
        if let Some(at) = path.iter().position(|d| d.id == current.id) {
            let mut cycle = path.split_off(at);
            cycle.push(current);
            return Chain::Cycle(cycle);
        }
        path.push(current);
        match current.successor().and_then(|id| docs.get(id)) {
            Some(next) => current = next,
            None => return Chain::End(current),
        }
    }
}

impl Site {
    /// The decision that replaced `doc` and is in force now: the end of its chain of successors
    /// (ADR-3 superseded by ADR-7, itself superseded by ADR-12, gives ADR-12). In a chain that
    /// comes round in a circle, the successor `doc` names.
    pub fn current_successor<'a>(&'a self, doc: &'a Doc) -> Option<&'a Doc> {
        match supersede_chain(&self.docs, doc) {
            Chain::None => None,
            Chain::End(end) => Some(end),
            Chain::Cycle(_) => doc.successor().and_then(|id| self.docs.get(id)),
        }
    }

    /// The page slug of a person named in any of the ways they are written, when they have a
    /// page.
    pub fn person_slug(&self, name: &str) -> Option<&str> {
        person_slug(&self.people, &self.aliases, name)
    }
}

pub(crate) fn person_slug<'a>(
    people: &'a BTreeMap<String, Person>,
    aliases: &'a BTreeMap<String, String>,
    name: &str,
) -> Option<&'a str> {
    let key = person_key(name);
    let key = aliases.get(&key).map_or(key.as_str(), String::as_str);
    people.get_key_value(key).map(|(k, _)| k.as_str())
}

/// How well a spelling names a person: a full name beats a capitalised one beats a handle.
pub(crate) fn name_rank(name: &str) -> (bool, bool, bool) {
    (name.contains(' '), name.chars().next().is_some_and(char::is_uppercase), !name.starts_with('@'))
}

/// The key under which an id mention is stored: `ADR-5`, `RFC-2094a`.
pub fn mention_key(prefix: &str, number: &DocNumber) -> String {
    format!("{}-{}{}", prefix.to_uppercase(), number.value, number.suffix.map(String::from).unwrap_or_default())
}

/// The key a person is known by: `Ana`, `@ana` and `**Ana**` are one person, and
/// `Alan Shaw (@alanshaw)` is `alanshaw`.
pub fn person_key(name: &str) -> String {
    let name = person_display(name).trim_matches(['*', '_']);
    if let Some((_, paren)) = name.split_once("(@") {
        return crate::text::slugify(paren.trim_end_matches(')'));
    }
    crate::text::slugify(name.trim_start_matches('@'))
}

/// How people are shown: without the addresses that tell them apart (the default), or as
/// written (`show_emails = true`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Names {
    /// `Ana Silva`.
    #[default]
    Plain,
    /// `Ana Silva <ana@example.org>`.
    AsWritten,
}

impl Names {
    /// `written` as this site shows a person.
    pub fn show(self, written: &str) -> &str {
        match self {
            Names::Plain => person_display(written),
            Names::AsWritten => written.trim(),
        }
    }
}

/// A person as written, without the email address or web address that identifies them, and
/// without what follows it: `Ana Silva <ana@example.org>`, `Ana Silva ana@example.org`,
/// `Leo https://github.com/leo42` → `Ana Silva`, `Leo`. An address is never a name: a bare
/// `ana@example.org` shows as `ana`, a bare profile URL as its last segment.
pub fn person_display(written: &str) -> &str {
    let written = written.trim();
    let Some((at, token)) = address_token(written) else { return written };
    let name = written[..at].trim_end().trim_end_matches(['<', '(', '[', ',', '-', ':']).trim_end();
    if !name.is_empty() {
        return name;
    }
    match person_email(token) {
        Some(email) => email.split('@').next().unwrap_or(email),
        None => token.trim_end_matches('/').rsplit('/').next().unwrap_or(token),
    }
}

/// The first email address, web address or other address in angle brackets in what was written,
/// with its byte offset, without the brackets around it.
fn address_token(written: &str) -> Option<(usize, &str)> {
    let mut from = 0;
    for token in written.split_whitespace() {
        let at = from + written[from..].find(token)?;
        from = at + token.len();
        let bare = token.trim_matches(['<', '>', '(', ')', '[', ']', ',']);
        // `<pergu(at)it(dot)uu(dot)se>`: an address written so that crawlers miss it is one too;
        // `<@fnando>` is a handle, which stays.
        let bracketed = token.len() > 2 && token.starts_with('<') && token.ends_with('>') && !token.starts_with("<@");
        if bare.contains("://") || person_email(bare).is_some() || bracketed {
            return Some((at, bare));
        }
    }
    None
}

/// The email address in `Ana Silva <ana@example.org>`, `Ana Silva ana@example.org (Google)` or a
/// bare `ana@example.org`: the first word that is one.
pub fn person_email(written: &str) -> Option<&str> {
    written.split_whitespace().find_map(|word| {
        let email = word.trim_matches(['<', '>', '(', ')', '[', ']', ',']).trim_start_matches("mailto:");
        let (local, domain) = email.split_once('@')?;
        (!local.is_empty() && domain.contains('.') && !email.contains('/')).then_some(email)
    })
}

#[cfg(test)]
mod tests {
    use super::{person_display, person_email, person_key};

    #[test]
    fn addresses_identify_people_and_are_never_shown() {
        assert_eq!(person_display("Ana Silva <ana@example.org>"), "Ana Silva");
        assert_eq!(person_display("Michael Knyszek <mk@google.com> Last Updated: 2019-02-20"), "Michael Knyszek");
        assert_eq!(person_display("Leo https://github.com/leo42"), "Leo");
        assert_eq!(person_display("Ryan Wiley <https://x.com/Cerkoryn>"), "Ryan Wiley");
        assert_eq!(person_display("aaron@entropilabs.io"), "aaron");
        assert_eq!(person_display("Per Gustafsson <pergu(at)it(dot)uu(dot)se>"), "Per Gustafsson");
        assert_eq!(person_display("Nando Vieira <@fnando>"), "Nando Vieira <@fnando>");
        assert_eq!(person_display("https://github.com/leo42/"), "leo42");
        assert_eq!(person_display("@ana"), "@ana");
        assert_eq!(person_email("Michael Knyszek <mk@google.com> Last Updated"), Some("mk@google.com"));
        assert_eq!(person_key("Aaron Schmid <aaron@entropilabs.io>"), "aaron-schmid");
    }
}
