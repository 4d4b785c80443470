//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, otherwise Windows-1252 with a
//! warning. Line endings are normalised to `\n` so that every later stage counts lines the same way.

use crate::diagnostic::{Code, Diagnostic};

/// The outcome of decoding one file.
pub enum Decoded {
    /// Text, possibly with a warning about how it was decoded.
    Text(String, Option<Diagnostic>),
    /// A file with NUL bytes: not a text document.
    Binary(Diagnostic),
}

/// Decodes `bytes` read from `path` (relative, for diagnostics).
pub fn decode(path: &str, bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        if encoding == encoding_rs::UTF_8 {
            return utf8_or_latin1(path, &bytes[bom_len..]);
        }
        let (text, _, _) = encoding.decode(bytes);
        return Decoded::Text(normalise_newlines(&text), None);
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Decoded::Binary(
            Diagnostic::warning(path, 1, 1, Code::Encoding, "file contains NUL bytes; it was not read as a document")
                .with_help("remove it from the documentation folder, or add it to `exclude` in adrsite.toml"),
        );
    }
    utf8_or_latin1(path, bytes)
}

fn utf8_or_latin1(path: &str, bytes: &[u8]) -> Decoded {
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded::Text(normalise_newlines(text), None),
        Err(e) => {
            let good = e.valid_up_to();
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            let prefix = normalise_newlines(&String::from_utf8_lossy(&bytes[..good]));
            let (line, col) = crate::diagnostic::line_col(&prefix, prefix.len());
            let diag = Diagnostic::warning(
                path,
                line,
                col,
                Code::Encoding,
                format!("byte 0x{:02X} is not valid UTF-8; the file was read as Windows-1252 (Latin-1)", bytes[good]),
            )
            .with_help("save the file as UTF-8 so every tool reads it the same way");
            Decoded::Text(normalise_newlines(&text), Some(diag))
        }
    }
}

/// `\r\n` and lone `\r` become `\n`.
fn normalise_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> (String, Option<Diagnostic>) {
        match decode("x.md", bytes) {
            Decoded::Text(t, d) => (t, d),
            Decoded::Binary(_) => panic!("binary"),
        }
    }

    #[test]
    fn bom_crlf_and_latin1() {
        assert_eq!(text(b"\xEF\xBB\xBF# T\r\nx").0, "# T\nx");
        let (t, d) = text(b"a\nCaf\xE9");
        assert_eq!(t, "a\nCafé");
        let d = d.unwrap();
        assert_eq!((d.line, d.column, d.code), (2, 4, Code::Encoding));
        assert_eq!(text(b"\xFF\xFEh\0i\0").0, "hi");
        assert!(matches!(decode("x", b"a\0b"), Decoded::Binary(_)));
    }
}
