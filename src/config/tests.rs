//! Reading `adrsite.toml`: every key, and every mistake a diagnostic names.

use super::*;

#[test]
fn full_config() {
    let (c, d) = Config::parse(
        r#"title = "T"
base_url = "https://x.org/repo/"
[[collections]]
path = "./docs/adr/"
kind = "adr"
[statuses]
"On hold" = "postponed"
"#,
    )
    .unwrap();
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(c.base_url.as_deref(), Some("https://x.org/repo"));
    assert_eq!(c.collections[0].path, "docs/adr");
    assert_eq!(c.statuses.get("on hold"), Some(&Status::Postponed));
}

#[test]
fn unknown_keys_and_bad_values_are_diagnostics() {
    let (c, d) = Config::parse("titel = \"x\"\n[[collections]]\npath = \"a\"\nkind = \"adrr\"\n").unwrap();
    assert!(c.collections.is_empty());
    assert_eq!(d.len(), 2);
    assert_eq!((d[0].line, d[0].help.as_deref()), (1, Some("did you mean `title`?")));
    assert_eq!(d[1].line, 4);
    assert!(d[1].help.as_deref().unwrap().contains("`adr`"));
}

#[test]
fn max_file_size_takes_bytes_or_a_size() {
    assert_eq!(Config::default().max_file_size, 10_000_000);
    assert_eq!(Config::parse("max_file_size = 4096\n").unwrap().0.max_file_size, 4096);
    assert_eq!(Config::parse("max_file_size = \"2 MiB\"\n").unwrap().0.max_file_size, 2 * 1024 * 1024);
    let (c, d) = Config::parse("title = \"T\"\nmax_file_size = \"huge\"\n").unwrap();
    assert_eq!(c.max_file_size, DEFAULT_MAX_FILE_SIZE, "a bad value keeps the default");
    assert_eq!((d.len(), d[0].line), (1, 2), "{d:?}");
    assert!(d[0].message.contains("`\"huge\"` is not a size"), "{}", d[0].message);
    assert!(Config::parse("max_file_size = -1\n").unwrap().1.len() == 1);
}

#[test]
fn attention_policy_and_severities() {
    let (c, d) = Config::parse(
        "[attention]\nreview_every = \"90d\"\nseverity = { stagnant = \"off\", review-overdue = \"error\", stagant = \"off\" }\n[[collections]]\npath = \"h\"\nkind = \"handbook\"\nreview_every = \"1y\"\n",
    )
    .unwrap();
    assert_eq!(c.attention.review_every.get_days(), 90);
    assert_eq!(c.attention.severity.get(&Code::Stagnant), Some(&None));
    assert_eq!(c.attention.severity.get(&Code::ReviewOverdue), Some(&Some(crate::diagnostic::Severity::Error)));
    assert_eq!(c.policy().collections[0].0.map(|s| s.get_years()), Some(1));
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].help.as_deref(), Some("did you mean `stagnant`?"));
    let (_, d) = Config::parse("[attention]\nstagnant_after = \"soon\"\n").unwrap();
    assert!(d[0].message.contains("is not a duration"));
}

#[test]
fn syntax_error_is_fatal_with_location() {
    let e = Config::parse("title = \n").unwrap_err().to_string();
    assert!(e.starts_with("adrsite.toml:1:"), "{e}");
}
