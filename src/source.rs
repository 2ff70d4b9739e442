//! Reading source text: size and encoding limits, and byte offset → line/column.

use crate::diag::{Diagnostic, Span};

/// Largest input accepted, in bytes. Real diagrams are a few KiB; the limit
/// keeps a stray multi-gigabyte file from being read into memory and parsed.
pub const MAX_INPUT_BYTES: usize = 2 * 1024 * 1024;

/// A named source text with a line index for reporting positions.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// Checks raw bytes against the input limits and decodes them.
    /// Errors point at the offending byte so the user can find it.
    /// On error, the returned file holds the readable prefix the diagnostic points into.
    pub fn from_bytes(
        name: impl Into<String>,
        bytes: &[u8],
    ) -> Result<SourceFile, Box<(SourceFile, Diagnostic)>> {
        let name = name.into();
        if bytes.len() > MAX_INPUT_BYTES {
            let diag = Diagnostic::error(
                "input.too-large",
                format!(
                    "file is {} bytes; the limit is {} bytes (2 MiB)",
                    bytes.len(),
                    MAX_INPUT_BYTES
                ),
                Span::new(0, 0),
            )
            .with_help("split the diagram into smaller files");
            return Err(Box::new((SourceFile::new(name, ""), diag)));
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => {
                // Report against the valid prefix so line/column stay meaningful.
                let at = err.valid_up_to();
                let prefix = String::from_utf8_lossy(&bytes[..at]).into_owned();
                let file = SourceFile::new(name, prefix);
                let diag = Diagnostic::error(
                    "input.not-utf8",
                    format!("invalid UTF-8 at byte {at}; is this a binary file?"),
                    Span::new(at, at),
                )
                .with_help("mlsd reads UTF-8 text files");
                return Err(Box::new((file, diag)));
            }
        };
        if let Some(at) = text.find('\0') {
            let file = SourceFile::new(name, &text[..at]);
            let diag = Diagnostic::error(
                "input.binary",
                format!("NUL byte at byte {at}; is this a binary file?"),
                Span::new(at, at),
            )
            .with_help("mlsd reads UTF-8 text files");
            return Err(Box::new((file, diag)));
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Ok(SourceFile::new(name, text))
    }

    /// Position of a byte offset; offsets past the end clamp to the end.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.text[start..floor_char_boundary(&self.text, offset)]
            .chars()
            .count()
            + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .map(|&e| e - 1)
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches('\r')
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let f = SourceFile::new("x", "ab\nçd e\n");
        assert_eq!(f.position(0), Position { line: 1, column: 1 });
        assert_eq!(f.position(3), Position { line: 2, column: 1 });
        // 'ç' is two bytes, one column.
        assert_eq!(f.position(5), Position { line: 2, column: 2 });
        assert_eq!(f.position(100), Position { line: 3, column: 1 });
        assert_eq!(f.line_text(2), "çd e");
    }

    #[test]
    fn rejects_binary_and_oversized_input() {
        let err = SourceFile::from_bytes("b", b"title \"x\"\n\xff\xfe").unwrap_err();
        assert_eq!(err.1.code, "input.not-utf8");
        assert_eq!(err.0.position(err.1.span.start).line, 2);
        let err = SourceFile::from_bytes("b", b"ok\n\0junk").unwrap_err();
        assert_eq!(err.1.code, "input.binary");
        let big = vec![b'#'; MAX_INPUT_BYTES + 1];
        assert_eq!(
            SourceFile::from_bytes("b", &big).unwrap_err().1.code,
            "input.too-large"
        );
    }
}
