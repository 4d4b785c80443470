//! What a decision that names its option by label only (`Chosen option: A.`, MADR's `Chosen
//! option: "option 2", because …`) chose: the option of that label, as the document lists it.
//!
//! Input: the lines that may name an option (a list item or a heading: `Option A - Implement
//! WebAuthn`, `[option 2] Use protobuf`, `A. nx`), one at a time, then the decision's first
//! sentence. Output: that sentence with the option's words after its label, so that an excerpt
//! or a search hit says what was decided.

/// A label and the words that name the option (`2`, `Use protobuf`), from a line that lists one.
/// A label without the word *option* counts only as a letter or number followed by `.`, `:` or
/// `)` (`A. nx`), so that prose is never read as an option.
pub fn listed_option(line: &str) -> Option<(String, String)> {
    let line = line.trim();
    let bracketed = line.strip_prefix('[');
    let rest = bracketed.unwrap_or(line);
    let (worded, rest) = match rest.get(..7) {
        Some(w) if w.eq_ignore_ascii_case("option ") => (true, &rest[7..]),
        _ => (false, rest),
    };
    let len = rest.chars().take_while(char::is_ascii_alphanumeric).count();
    if !(1..=2).contains(&len) {
        return None;
    }
    let (label, rest) = rest.split_at(len);
    // Bare, a label is a capital (`A.`) or a number (`2)`), never a word (`No. 5`).
    let bare_label =
        label.bytes().all(|b| b.is_ascii_digit()) || (len == 1 && label.bytes().all(|b| b.is_ascii_uppercase()));
    if !worded && bracketed.is_none() && !bare_label {
        return None;
    }
    let rest = if bracketed.is_some() { rest.strip_prefix(']')? } else { rest };
    let words = match rest.chars().next()? {
        '.' | ':' | ')' => &rest[1..],
        ',' | ' ' | '-' | '–' | '—' if worded || bracketed.is_some() => rest,
        _ => return None,
    };
    let words = words.trim_start_matches([' ', ',', '-', '–', '—', ':']).trim();
    (!words.is_empty()).then(|| (label.to_lowercase(), words.to_string()))
}

/// `sentence` with the words of the option it names by label only put after that label:
/// `Chosen option: A.` → `Chosen option: A (nx).` `None` when it names no listed option, or says
/// what it chose already (`Chosen option: "option 2", disable squash and merge, because …`).
pub fn name_the_option(sentence: &str, options: &[(String, String)]) -> Option<String> {
    let lead = "chosen option:";
    let head = sentence.get(..lead.len()).filter(|h| h.eq_ignore_ascii_case(lead))?;
    let after = &sentence[head.len()..];
    let spaced = after.trim_start();
    let quote = spaced.starts_with('"');
    let inner = spaced.trim_start_matches('"');
    let inner = match inner.get(..7) {
        Some(w) if w.eq_ignore_ascii_case("option ") => &inner[7..],
        _ => inner,
    };
    let len = inner.chars().take_while(char::is_ascii_alphanumeric).count();
    if !(1..=2).contains(&len) {
        return None;
    }
    let label = inner[..len].to_lowercase();
    let mut rest = &inner[len..];
    if quote {
        rest = rest.strip_prefix('"')?;
    }
    // Only a label, then the end of the sentence or its reason.
    let ends = rest.trim_end().is_empty() || rest.starts_with('.') || rest.starts_with(", because");
    if !ends {
        return None;
    }
    // The first listing of the label: the list of considered options comes before their pros
    // and cons.
    let (_, words) = options.iter().find(|(l, _)| *l == label)?;
    let named = &sentence[..sentence.len() - rest.len()];
    Some(format!("{named} ({}){rest}", words.trim_end_matches(['.', ',', ';', ':'])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_that_list_an_option() {
        let l = |s| listed_option(s).map(|(l, w)| format!("{l}|{w}"));
        assert_eq!(l("A. nx").as_deref(), Some("a|nx"));
        assert_eq!(l("[option 2] Use protobuf").as_deref(), Some("2|Use protobuf"));
        assert_eq!(l("Option A - Implement WebAuthn").as_deref(), Some("a|Implement WebAuthn"));
        assert_eq!(l("Option C, per-page containers").as_deref(), Some("c|per-page containers"));
        assert_eq!(l("Option 2: Improve CRD handling").as_deref(), Some("2|Improve CRD handling"));
        for prose in ["A good idea", "Options considered", "No. 5", "Option", "Go with it", "B."] {
            assert_eq!(listed_option(prose), None, "{prose}");
        }
    }

    #[test]
    fn a_label_only_is_named() {
        let options: Vec<(String, String)> =
            ["A. nx", "B. Turborepo", "[option 2] Only ask for a password when keys are needed"]
                .iter()
                .filter_map(|l| listed_option(l))
                .collect();
        let n = |s| name_the_option(s, &options);
        assert_eq!(n("Chosen option: A.").as_deref(), Some("Chosen option: A (nx)."));
        assert_eq!(
            n("Chosen option: \"option 2\", because it asks less.").as_deref(),
            Some("Chosen option: \"option 2\" (Only ask for a password when keys are needed), because it asks less.")
        );
        assert_eq!(n("Chosen option: \"option 2\", disable squash and merge, because x."), None, "named already");
        assert_eq!(n("Chosen option: \"PostgreSQL\", because JSONB."), None);
        assert_eq!(n("Chosen option: C."), None, "no such option listed");
        assert_eq!(n("We chose A."), None);
    }
}
