//! `adrsite.toml`: the optional site configuration.
//!
//! Input: the file's text (absent is fine: every key has a default). Output: a validated
//! [`Config`] plus `config` diagnostics for unknown keys (with a "did you mean") and bad values.
//! A file that is not TOML at all is an operational error (exit code 2).

use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::vocab::CustomStatuses;
use crate::vocab::{DocKind, Status};
use anyhow::Context as _;
use jiff::Span;
use serde::Deserialize;
use std::path::Path;

pub mod sources;
pub use sources::{SourceConfig, SourceLocation};

/// The file name looked for in the site directory.
pub const FILE_NAME: &str = "adrsite.toml";

const TOP_KEYS: &[&str] = &[
    "title",
    "base_url",
    "repository",
    "branch",
    "exclude",
    "collections",
    "statuses",
    "attention",
    "search",
    "cache_dir",
    "max_file_size",
    "allow_raw_html",
    "people",
    "show_emails",
    "sources",
];
const SEARCH_KEYS: &[&str] = &["aliases", "related"];
const COLLECTION_KEYS: &[&str] =
    &["path", "kind", "name", "id_prefix", "default_status", "review_every", "stagnant_after"];
const ATTENTION_KEYS: &[&str] = &["review_every", "stagnant_after", "stale_blocker_after", "severity"];

/// Words a site adds to search (`[search]`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchWords {
    /// A word and the words that mean the same: each matches as the word itself (`aliases`).
    pub aliases: std::collections::BTreeMap<String, Vec<String>>,
    /// Groups of words and phrases that stand in for one another: a weaker match (`related`).
    pub related: Vec<Vec<String>>,
}

/// The configuration as written, before validation.
#[derive(Debug, Default, Deserialize)]
struct RawConfig {
    title: Option<String>,
    base_url: Option<String>,
    repository: Option<String>,
    branch: Option<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    collections: Vec<RawCollection>,
    #[serde(default)]
    statuses: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    attention: RawAttention,
    #[serde(default)]
    search: RawSearch,
    cache_dir: Option<String>,
    max_file_size: Option<toml::Value>,
    #[serde(default)]
    allow_raw_html: bool,
    #[serde(default)]
    people: std::collections::BTreeMap<String, Vec<String>>,
    #[serde(default)]
    show_emails: bool,
}

#[derive(Debug, Default, Deserialize)]
struct RawSearch {
    #[serde(default)]
    aliases: std::collections::BTreeMap<String, Vec<String>>,
    #[serde(default)]
    related: Vec<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
struct RawAttention {
    review_every: Option<String>,
    stagnant_after: Option<String>,
    stale_blocker_after: Option<String>,
    #[serde(default)]
    severity: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
struct RawCollection {
    path: String,
    kind: String,
    name: Option<String>,
    id_prefix: Option<String>,
    default_status: Option<String>,
    review_every: Option<String>,
    stagnant_after: Option<String>,
}

/// A configured collection: a folder of documents of one kind.
#[derive(Clone, Debug)]
pub struct CollectionConfig {
    /// Folder relative to the site directory, `/`-separated, without a trailing slash.
    pub path: String,
    /// The kind of every document in it.
    pub kind: DocKind,
    /// Display name; defaults to the kind's plural label.
    pub name: Option<String>,
    /// Prefix of ids written in prose (`ADR`, `RFC`, `KEP`); defaults by kind.
    pub id_prefix: Option<String>,
    /// The status of a document that states none, for processes where being in the folder is
    /// the status (every merged RFC is accepted).
    pub default_status: Option<String>,
    /// Review interval of this collection's handbook pages; default `[attention] review_every`.
    pub review_every: Option<jiff::Span>,
    /// Stagnation window of this collection's proposals; default `[attention] stagnant_after`.
    pub stagnant_after: Option<jiff::Span>,
}

/// `[attention]`: when documents need attention, and how loudly each finding is reported.
#[derive(Clone, Debug)]
pub struct AttentionConfig {
    /// Review interval of handbook pages without their own `review_every`. Default: 180 days.
    pub review_every: jiff::Span,
    /// How long a proposal or draft may sit unchanged. Default: 90 days.
    pub stagnant_after: jiff::Span,
    /// How long a standup blocker may stay open before it is `stale-blocker`. Default: 7 days.
    pub stale_blocker_after: jiff::Span,
    /// Severity per diagnostic code; `None` turns a code off. Codes not listed keep their default.
    pub severity: std::collections::BTreeMap<Code, Option<crate::diagnostic::Severity>>,
}

impl Default for AttentionConfig {
    fn default() -> Self {
        AttentionConfig {
            review_every: jiff::Span::new().days(180),
            stagnant_after: jiff::Span::new().days(90),
            stale_blocker_after: jiff::Span::new().days(7),
            severity: Default::default(),
        }
    }
}

/// The validated configuration.
#[derive(Clone, Debug)]
pub struct Config {
    /// Site title. Default: the site directory's name.
    pub title: Option<String>,
    /// Absolute URL the site is published at, used for canonical links and the sitemap.
    /// Default: none (every link stays relative).
    pub base_url: Option<String>,
    /// Repository web URL (`https://github.com/org/repo`) for edit links. Default: none.
    pub repository: Option<String>,
    /// Branch for edit links. Default: the checked-out branch, else `main`.
    pub branch: Option<String>,
    /// Glob patterns, relative to the site directory, of files and folders to leave out.
    pub exclude: Vec<String>,
    /// Collections; empty means "detect the usual layouts".
    pub collections: Vec<CollectionConfig>,
    /// Labels mapped onto built-in statuses, keyed by lowercase label.
    pub statuses: CustomStatuses,
    /// Attention rules.
    pub attention: AttentionConfig,
    /// The site's additions to search's vocabulary (`[search]`).
    pub search: SearchWords,
    /// Where the search index is kept, relative to the site directory. Default `.adrsite-cache`.
    pub cache_dir: Option<String>,
    /// Documents larger than this many bytes are reported and not rendered (`max_file_size`).
    pub max_file_size: u64,
    /// Keep documents' raw HTML as written instead of sanitising it (`allow_raw_html`).
    pub allow_raw_html: bool,
    /// Other spellings of people: a name and how else they are written (`[people]`).
    pub people: std::collections::BTreeMap<String, Vec<String>>,
    /// Show people as written, email addresses included (`show_emails`); by default an address
    /// only tells people apart.
    pub show_emails: bool,
    /// The repositories an organisation's site is built from (`[[sources]]`); empty for the
    /// site of one repository.
    pub sources: Vec<SourceConfig>,
}

/// The default `max_file_size`: 10 MB. Larger Markdown is generated, not written, and parsing it
/// costs tens of times its size in memory.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10_000_000;

impl Default for Config {
    fn default() -> Self {
        Config {
            title: None,
            base_url: None,
            repository: None,
            branch: None,
            exclude: Vec::new(),
            collections: Vec::new(),
            statuses: CustomStatuses::default(),
            attention: AttentionConfig::default(),
            search: Default::default(),
            cache_dir: None,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            allow_raw_html: false,
            people: Default::default(),
            show_emails: false,
            sources: Vec::new(),
        }
    }
}

impl Config {
    /// The attention policy, with per-collection overrides in the order of `collections`.
    pub fn policy(&self) -> Policy {
        Policy {
            review_every: self.attention.review_every,
            stagnant_after: self.attention.stagnant_after,
            collections: self.collections.iter().map(|c| (c.review_every, c.stagnant_after)).collect(),
            stale_blocker_after: self.attention.stale_blocker_after,
        }
    }
}

impl Config {
    /// Reads `DIR/adrsite.toml` if it exists.
    pub fn load(dir: &Path) -> anyhow::Result<(Config, Vec<Diagnostic>)> {
        let path = dir.join(FILE_NAME);
        match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((Config::default(), Vec::new())),
            Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
        }
    }

    /// Parses and validates the text of `adrsite.toml`.
    pub fn parse(text: &str) -> anyhow::Result<(Config, Vec<Diagnostic>)> {
        let mut diags = Vec::new();
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let (line, col) = e.span().map_or((1, 1), |s| crate::diagnostic::line_col(text, s.start));
            anyhow::anyhow!("{FILE_NAME}:{line}:{col}: {}", e.message())
        })?;
        for key in table.keys() {
            if !TOP_KEYS.contains(&key.as_str()) {
                diags.push(unknown_key(text, key, TOP_KEYS));
            }
        }
        if let Some(toml::Value::Table(t)) = table.get("search") {
            for key in t.keys().filter(|k| !SEARCH_KEYS.contains(&k.as_str())) {
                diags.push(unknown_key(text, key, SEARCH_KEYS));
            }
        }
        if let Some(toml::Value::Table(t)) = table.get("attention") {
            for key in t.keys().filter(|k| !ATTENTION_KEYS.contains(&k.as_str())) {
                diags.push(unknown_key(text, key, ATTENTION_KEYS));
            }
        }
        if let Some(toml::Value::Array(cols)) = table.get("collections") {
            for col in cols {
                if let toml::Value::Table(t) = col {
                    for key in t.keys().filter(|k| !COLLECTION_KEYS.contains(&k.as_str())) {
                        diags.push(unknown_key(text, key, COLLECTION_KEYS));
                    }
                }
            }
        }
        if let Some(toml::Value::Array(entries)) = table.get("sources") {
            for t in entries.iter().filter_map(toml::Value::as_table) {
                for key in t.keys().filter(|k| !sources::SOURCE_KEYS.contains(&k.as_str())) {
                    diags.push(unknown_key(text, key, sources::SOURCE_KEYS));
                }
            }
        }
        let source_entries = match table.get("sources") {
            Some(toml::Value::Array(entries)) => entries.clone(),
            Some(_) => {
                diags.push(
                    Diagnostic::error(
                        FILE_NAME,
                        key_line(text, "sources"),
                        1,
                        Code::Config,
                        "`sources` is not a list of tables".to_string(),
                    )
                    .with_help("write each source as a [[sources]] table with a name and a path, git or site"),
                );
                Vec::new()
            }
            None => Vec::new(),
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let (line, col) = e.span().map_or((1, 1), |s| crate::diagnostic::line_col(text, s.start));
            anyhow::anyhow!("{FILE_NAME}:{line}:{col}: {}", e.message().trim())
        })?;

        let mut config = Config {
            title: raw.title,
            base_url: raw.base_url.map(|u| u.trim_end_matches('/').to_string()).filter(|u| !u.is_empty()),
            repository: raw.repository.map(|u| u.trim_end_matches('/').trim_end_matches(".git").to_string()),
            branch: raw.branch,
            exclude: raw.exclude,
            ..Config::default()
        };
        if let Some(url) = &config.base_url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            diags.push(
                Diagnostic::error(
                    FILE_NAME,
                    key_line(text, "base_url"),
                    1,
                    Code::Config,
                    format!("base_url `{url}` is not an absolute URL"),
                )
                .with_help("write it as https://example.org/path, or leave it out to keep every link relative"),
            );
            config.base_url = None;
        }
        for pattern in &config.exclude {
            if let Err(e) = globset::Glob::new(pattern) {
                diags.push(
                    Diagnostic::error(
                        FILE_NAME,
                        key_line(text, "exclude"),
                        1,
                        Code::Config,
                        format!("exclude pattern `{pattern}` is not a valid glob: {e}"),
                    )
                    .with_help("patterns are relative to the site directory, such as `drafts/**` or `**/*.draft.md`"),
                );
            }
        }
        for col in raw.collections {
            let kind = match parse_kind(&col.kind) {
                Some(kind) => kind,
                None => {
                    let mut d = Diagnostic::error(
                        FILE_NAME,
                        value_line(text, &col.kind),
                        1,
                        Code::Config,
                        format!("collection `{}` has unknown kind `{}`", col.path, col.kind),
                    );
                    d = match did_you_mean(&col.kind, KIND_NAMES.iter().map(|(n, _)| *n)) {
                        Some(s) => d.with_help(format!("did you mean `{s}`? kinds are adr, rfc, handbook and standup")),
                        None => d.with_help("kinds are adr, rfc, handbook and standup (meeting notes are standup)"),
                    };
                    diags.push(d);
                    continue;
                }
            };
            let path = col.path.trim_start_matches("./").trim_end_matches('/').to_string();
            let review_every = duration(text, "review_every", col.review_every.as_deref(), &mut diags);
            let stagnant_after = duration(text, "stagnant_after", col.stagnant_after.as_deref(), &mut diags);
            config.collections.push(CollectionConfig {
                path,
                kind,
                name: col.name,
                id_prefix: col.id_prefix,
                default_status: col.default_status,
                review_every,
                stagnant_after,
            });
        }
        for (label, status) in raw.statuses {
            let known = Status::ALL.iter().find(|s| s.as_str() == status.trim().to_lowercase());
            match known {
                Some(s) => {
                    config.statuses.insert(label.trim().to_lowercase(), *s);
                }
                None => {
                    let mut d = Diagnostic::error(
                        FILE_NAME,
                        value_line(text, &status),
                        1,
                        Code::Config,
                        format!("status `{label}` maps to `{status}`, which is not a built-in status"),
                    );
                    d = match did_you_mean(&status, Status::ALL.iter().map(|s| s.as_str())) {
                        Some(s) => d.with_help(format!("did you mean `{s}`?")),
                        None => d.with_help(format!(
                            "map it onto one of: {}",
                            Status::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                        )),
                    };
                    diags.push(d);
                }
            }
        }
        config.search = SearchWords { aliases: raw.search.aliases, related: raw.search.related };
        config.cache_dir = raw.cache_dir;
        config.allow_raw_html = raw.allow_raw_html;
        config.people = raw.people;
        config.show_emails = raw.show_emails;
        config.sources = sources::parse(FILE_NAME, text, &source_entries, &mut diags);
        if let Some(value) = raw.max_file_size {
            let parsed = match &value {
                toml::Value::Integer(n) => u64::try_from(*n).ok().filter(|n| *n > 0),
                toml::Value::String(s) => crate::text::parse_size(s),
                _ => None,
            };
            match parsed {
                Some(n) => config.max_file_size = n,
                None => diags.push(
                    Diagnostic::error(
                        FILE_NAME,
                        key_line(text, "max_file_size"),
                        1,
                        Code::Config,
                        format!("max_file_size `{value}` is not a size"),
                    )
                    .with_help("write a number of bytes or a size such as \"20MB\" or \"512 KiB\""),
                ),
            }
        }
        let attention = raw.attention;
        if let Some(span) = duration(text, "review_every", attention.review_every.as_deref(), &mut diags) {
            config.attention.review_every = span;
        }
        if let Some(span) = duration(text, "stagnant_after", attention.stagnant_after.as_deref(), &mut diags) {
            config.attention.stagnant_after = span;
        }
        if let Some(span) = duration(text, "stale_blocker_after", attention.stale_blocker_after.as_deref(), &mut diags)
        {
            config.attention.stale_blocker_after = span;
        }
        for (code, level) in attention.severity {
            let Some(c) = Code::ALL.iter().find(|c| c.as_str() == code) else {
                let d = Diagnostic::error(
                    FILE_NAME,
                    key_line(text, &code),
                    1,
                    Code::Config,
                    format!("unknown diagnostic code `{code}` in [attention.severity]"),
                );
                diags.push(match did_you_mean(&code, Code::ALL.iter().map(|c| c.as_str())) {
                    Some(s) => d.with_help(format!("did you mean `{s}`?")),
                    None => d.with_help("codes are printed in brackets after `warning` or `error`, such as `stagnant`"),
                });
                continue;
            };
            let severity = match level.to_lowercase().as_str() {
                "off" => None,
                "info" => Some(crate::diagnostic::Severity::Info),
                "warning" | "warn" => Some(crate::diagnostic::Severity::Warning),
                "error" => Some(crate::diagnostic::Severity::Error),
                _ => {
                    diags.push(
                        Diagnostic::error(
                            FILE_NAME,
                            key_line(text, &code),
                            1,
                            Code::Config,
                            format!("severity `{level}` for `{code}` is not off, info, warning or error"),
                        )
                        .with_help("write off, info, warning or error"),
                    );
                    continue;
                }
            };
            config.attention.severity.insert(*c, severity);
        }
        Ok((config, diags))
    }
}

/// Parses an optional duration value, reporting a bad one.
fn duration(text: &str, key: &str, value: Option<&str>, diags: &mut Vec<Diagnostic>) -> Option<jiff::Span> {
    let value = value?;
    let span = crate::date::parse_duration(value);
    if span.is_none() {
        diags.push(
            Diagnostic::error(
                FILE_NAME,
                value_line(text, value),
                1,
                Code::Config,
                format!("{key} `{value}` is not a duration"),
            )
            .with_help("write durations as `90d`, `6 months` or `1y`"),
        );
    }
    span
}

const KIND_NAMES: &[(&str, DocKind)] = &[
    ("adr", DocKind::Adr),
    ("decision", DocKind::Adr),
    ("decisions", DocKind::Adr),
    ("rfc", DocKind::Rfc),
    ("rfcs", DocKind::Rfc),
    ("design", DocKind::Rfc),
    ("kep", DocKind::Rfc),
    ("handbook", DocKind::Handbook),
    ("standup", DocKind::Standup),
    ("standups", DocKind::Standup),
    ("meeting-notes", DocKind::Standup),
    ("minutes", DocKind::Standup),
];

fn parse_kind(s: &str) -> Option<DocKind> {
    let s = s.trim().to_lowercase();
    KIND_NAMES.iter().find(|(n, _)| *n == s).map(|(_, k)| *k)
}

fn unknown_key(text: &str, key: &str, known: &[&str]) -> Diagnostic {
    let d = Diagnostic::warning(FILE_NAME, key_line(text, key), 1, Code::Config, format!("unknown key `{key}`"));
    match did_you_mean(key, known.iter().copied()) {
        Some(s) => d.with_help(format!("did you mean `{s}`?")),
        None => d.with_help(format!("known keys here: {}", known.join(", "))),
    }
}

/// The line on which `key = …` or `[key]` is written (1 when not found).
fn key_line(text: &str, key: &str) -> u32 {
    text.lines()
        .position(|l| {
            let l = l.trim_start().trim_start_matches('[').trim_start_matches('[');
            l.strip_prefix(key).is_some_and(|rest| {
                let rest = rest.trim_start();
                rest.starts_with('=') || rest.starts_with(']')
            })
        })
        .map_or(1, |i| i as u32 + 1)
}

/// The line on which a string value appears (1 when not found).
fn value_line(text: &str, value: &str) -> u32 {
    text.lines().position(|l| l.contains(&format!("\"{value}\""))).map_or(1, |i| i as u32 + 1)
}

/// How long things may wait before they need attention.
#[derive(Clone, Debug)]
pub struct Policy {
    /// Review interval of handbook pages without their own `review_every`. Default 180 days.
    pub review_every: Span,
    /// How long a proposal or draft may sit unchanged. Default 90 days.
    pub stagnant_after: Span,
    /// Per collection (by index): overrides of the two above.
    pub collections: Vec<(Option<Span>, Option<Span>)>,
    /// How long a standup blocker may stay open. Default 7 days.
    pub stale_blocker_after: Span,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            review_every: Span::new().days(180),
            stagnant_after: Span::new().days(90),
            collections: Vec::new(),
            stale_blocker_after: Span::new().days(7),
        }
    }
}

impl Policy {
    /// The review interval of handbook pages in the collection at `collection`.
    pub fn review_every_in(&self, collection: usize) -> Span {
        self.collections.get(collection).and_then(|c| c.0).unwrap_or(self.review_every)
    }

    /// The stagnation window of proposals in the collection at `collection`.
    pub fn stagnant_after_in(&self, collection: usize) -> Span {
        self.collections.get(collection).and_then(|c| c.1).unwrap_or(self.stagnant_after)
    }
}

#[cfg(test)]
mod tests;
