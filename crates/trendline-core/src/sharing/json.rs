//! A minimal strict JSON reader and writer (RFC 8259), for scenario files: errors say where
//! (line and column) and what was expected, and `serde_json`, which would add about 15 KB
//! (gzip) to the wasm download, stays out of the app.

use std::fmt;

/// Deepest nesting of arrays and objects [`parse`] accepts.
pub const MAX_DEPTH: usize = 64;

/// A JSON value (RFC 8259). Objects keep their members in document order (duplicates included;
/// [`Json::get`] returns the last, as JavaScript does).
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number (always finite when parsed).
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, members in document order.
    Object(Vec<(String, Json)>),
}

/// Why a text is not JSON: where (1-based line and column, columns counted in characters) and
/// what was expected there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What was wrong, e.g. `expected ',' or '}' after an object member, found 'x'`.
    pub message: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for JsonError {}

/// Parses one JSON text (RFC 8259, strictly): a single value surrounded by optional whitespace
/// (space, tab, LF, CR); objects, arrays, strings (every escape, `\uXXXX` included, surrogate
/// pairs combined, lone surrogates and raw control characters rejected), numbers
/// (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, finite as `f64`), `true`, `false`, `null`.
/// Nesting deeper than [`MAX_DEPTH`] and anything after the value are errors. Never panics.
///
/// ```
/// use trendline_core::sharing::json::{parse, Json};
/// assert_eq!(parse(" [1, \"\\u00e9\\ud83d\\ude00\"] ").unwrap(),
///            Json::Array(vec![Json::Number(1.0), Json::String("é😀".into())]));
/// let e = parse("{\"a\": 1,\n \"b\" 2}").unwrap_err();
/// assert_eq!(e.to_string(), "line 2, column 6: expected ':' after the member name, found '2'");
/// ```
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut p = Parser {
        text,
        b: text.as_bytes(),
        i: 0,
    };
    p.ws();
    let v = p.value(0)?;
    p.ws();
    if p.i < p.b.len() {
        return Err(p.err_here("expected the end of the text after the JSON value"));
    }
    Ok(v)
}

struct Parser<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    /// An error at byte offset `at`, with line and column computed from the text.
    fn err_at(&self, at: usize, message: String) -> JsonError {
        let at = at.min(self.b.len());
        let before = &self.b[..at];
        let line = before.iter().filter(|&&c| c == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |k| k + 1);
        // Characters = bytes that do not continue a UTF-8 sequence.
        let column = before[line_start..]
            .iter()
            .filter(|&&c| (c & 0xC0) != 0x80)
            .count()
            + 1;
        JsonError {
            line,
            column,
            message,
        }
    }

    /// "expected …, found …" at the current position.
    fn err_here(&self, expected: &str) -> JsonError {
        self.err_at(self.i, format!("{expected}, found {}", self.found()))
    }

    /// The character at the current position, quoted, or "the end of the text".
    fn found(&self) -> String {
        match self.text.get(self.i..).and_then(|s| s.chars().next()) {
            None => "the end of the text".to_string(),
            Some(c) if c.is_control() => format!("U+{:04X}", c as u32),
            Some(c) => format!("'{c}'"),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        match self.peek() {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            _ => Err(self
                .err_here("expected a value (object, array, string, number, true, false or null)")),
        }
    }

    fn literal(&mut self, word: &str, v: Json) -> Result<Json, JsonError> {
        if self.b[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            Ok(v)
        } else {
            Err(self.err_here(&format!("expected {word}")))
        }
    }

    fn enter(&self, depth: usize) -> Result<(), JsonError> {
        if depth > MAX_DEPTH {
            Err(self.err_at(
                self.i,
                format!("arrays and objects are nested more than {MAX_DEPTH} deep"),
            ))
        } else {
            Ok(())
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.enter(depth)?;
        self.i += 1; // '['
        let mut items = Vec::new();
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.ws();
            items.push(self.value(depth)?);
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.err_here("expected ',' or ']' after an array element")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.enter(depth)?;
        self.i += 1; // '{'
        let mut members = Vec::new();
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return Err(self.err_here("expected a member name in double quotes"));
            }
            let key = self.string()?;
            self.ws();
            if self.peek() != Some(b':') {
                return Err(self.err_here("expected ':' after the member name"));
            }
            self.i += 1;
            self.ws();
            let v = self.value(depth)?;
            members.push((key, v));
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Json::Object(members));
                }
                _ => return Err(self.err_here("expected ',' or '}' after an object member")),
            }
        }
    }

    /// Four hex digits after `\u`, as a number.
    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return Err(self.err_here("expected four hex digits after \\u")),
            };
            v = v * 16 + u32::from(d);
            self.i += 1;
        }
        Ok(v)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        let open = self.i;
        self.i += 1; // '"'
        let mut out = String::new();
        let mut run = self.i;
        loop {
            let Some(c) = self.peek() else {
                return Err(self.err_at(
                    self.i,
                    format!(
                        "expected '\"' to close the string opened at column {}, found the end of the text",
                        self.err_at(open, String::new()).column
                    ),
                ));
            };
            match c {
                b'"' => {
                    out.push_str(self.text.get(run..self.i).unwrap_or_default());
                    self.i += 1;
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(self.text.get(run..self.i).unwrap_or_default());
                    let esc_at = self.i;
                    self.i += 1;
                    let e = self.peek();
                    self.i += 1;
                    match e {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let hi = self.hex4()?;
                            let cp = if (0xD800..0xDC00).contains(&hi) {
                                if !self.b[self.i..].starts_with(b"\\u") {
                                    return Err(self.err_at(
                                        esc_at,
                                        format!("expected a low surrogate \\uDC00–\\uDFFF after the high surrogate \\u{hi:04X}"),
                                    ));
                                }
                                self.i += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.err_at(
                                        esc_at,
                                        format!("expected a low surrogate \\uDC00–\\uDFFF after the high surrogate \\u{hi:04X}, found \\u{lo:04X}"),
                                    ));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else if (0xDC00..0xE000).contains(&hi) {
                                return Err(self.err_at(
                                    esc_at,
                                    format!("expected a character, found the lone low surrogate \\u{hi:04X}"),
                                ));
                            } else {
                                hi
                            };
                            match char::from_u32(cp) {
                                Some(ch) => out.push(ch),
                                None => {
                                    return Err(self.err_at(
                                        esc_at,
                                        format!("expected a character, found \\u{cp:04X}"),
                                    ))
                                }
                            }
                        }
                        _ => {
                            self.i -= 1;
                            return Err(self.err_here(
                                "expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX after a backslash",
                            ));
                        }
                    }
                    run = self.i;
                }
                0x00..=0x1F => {
                    return Err(self.err_here(
                        "expected a printable character in the string (control characters must be escaped)",
                    ))
                }
                _ => self.i += 1,
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.i += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self
                        .err_here("expected '.', 'e' or the end of the number after a leading 0"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.err_here("expected a digit")),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return Err(self.err_here("expected a digit after the decimal point"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(self.err_here("expected a digit in the exponent"));
            }
        }
        let t = self.text.get(start..self.i).unwrap_or_default();
        match crate::data::number::parse_f64(t) {
            Some(v) if v.is_finite() => Ok(Json::Number(v)),
            _ => Err(self.err_at(
                start,
                format!("expected a number within ±1.8e308, found {t}"),
            )),
        }
    }
}

/// Appends `s` as a JSON string literal: `"` and `\` escaped, control characters U+0000–U+001F
/// as `\b \f \n \r \t` or `\u00XX` (RFC 8259 §7); everything else as is (UTF-8).
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

impl Json {
    /// Compact JSON text (no whitespace). Numbers are `f64` `Display` (shortest round-trip, no
    /// exponent); a non-finite number, which JSON cannot express, is written `null`. Strings are
    /// escaped per RFC 8259 (`"`, `\` and control characters).
    ///
    /// ```
    /// use trendline_core::sharing::json::Json;
    /// let v = Json::Object(vec![("a\"b".into(), Json::Array(vec![Json::Number(0.5), Json::Null]))]);
    /// assert_eq!(v.write(), r#"{"a\"b":[0.5,null]}"#);
    /// ```
    pub fn write(&self) -> String {
        let mut out = String::new();
        self.write_into(&mut out, None, 0);
        out
    }

    /// Like [`Json::write`], pretty-printed: one array element or object member per line,
    /// indented by two spaces per level, `": "` after member names; empty arrays and objects
    /// as `[]` and `{}`.
    pub fn write_pretty(&self) -> String {
        let mut out = String::new();
        self.write_into(&mut out, Some(2), 0);
        out
    }

    fn write_into(&self, out: &mut String, indent: Option<usize>, level: usize) {
        let newline = |out: &mut String, level: usize| {
            if let Some(n) = indent {
                out.push('\n');
                out.extend(std::iter::repeat_n(' ', n * level));
            }
        };
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(v) if v.is_finite() => out.push_str(&format!("{v}")),
            Json::Number(_) => out.push_str("null"),
            Json::String(s) => write_string(out, s),
            Json::Array(items) => {
                out.push('[');
                for (k, v) in items.iter().enumerate() {
                    if k > 0 {
                        out.push(',');
                    }
                    newline(out, level + 1);
                    v.write_into(out, indent, level + 1);
                }
                if !items.is_empty() {
                    newline(out, level);
                }
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (k, (name, v)) in members.iter().enumerate() {
                    if k > 0 {
                        out.push(',');
                    }
                    newline(out, level + 1);
                    write_string(out, name);
                    out.push_str(if indent.is_some() { ": " } else { ":" });
                    v.write_into(out, indent, level + 1);
                }
                if !members.is_empty() {
                    newline(out, level);
                }
                out.push('}');
            }
        }
    }

    /// The value of member `key` of an object (the last one when it repeats); `None` for
    /// other values or a missing key.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(m) => m.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(v) => Some(*v),
            _ => None,
        }
    }

    /// A short name of the value's type, for messages: `null`, `true`/`false`, `a number`, …
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(true) => "true",
            Json::Bool(false) => "false",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: f64) -> Json {
        Json::Number(v)
    }
    fn s(v: &str) -> Json {
        Json::String(v.into())
    }

    #[test]
    fn parses_every_kind_of_value() {
        let v = parse(
            " {\"a\": [1, -0.5, 2e3, 1E-2, 0], \"b\": {\"c\": null, \"d\": true, \"e\": false}, \"f\": \"x\"}\r\n",
        )
        .unwrap();
        assert_eq!(
            v,
            Json::Object(vec![
                (
                    "a".into(),
                    Json::Array(vec![n(1.0), n(-0.5), n(2000.0), n(0.01), n(0.0)])
                ),
                (
                    "b".into(),
                    Json::Object(vec![
                        ("c".into(), Json::Null),
                        ("d".into(), Json::Bool(true)),
                        ("e".into(), Json::Bool(false)),
                    ])
                ),
                ("f".into(), s("x")),
            ])
        );
        assert_eq!(parse("[]").unwrap(), Json::Array(vec![]));
        assert_eq!(parse("{ }").unwrap(), Json::Object(vec![]));
    }

    #[test]
    fn decodes_every_string_escape_and_surrogate_pairs() {
        let v =
            parse(r#""\" \\ \/ \b \f \n \r \t \u0041 \u00e9 \u20AC \ud83d\ude00 é😀""#).unwrap();
        assert_eq!(v, s("\" \\ / \u{8} \u{c} \n \r \t A é € 😀 é😀"));
    }

    #[test]
    fn rejects_malformed_text_saying_where_and_what_was_expected() {
        let cases: &[(&str, &str)] = &[
            ("", "line 1, column 1: expected a value"),
            ("[1,]", "line 1, column 4: expected a value"),
            ("[1 2]", "line 1, column 4: expected ',' or ']'"),
            ("{\"a\" 1}", "line 1, column 6: expected ':'"),
            (
                "{a: 1}",
                "line 1, column 2: expected a member name in double quotes",
            ),
            ("{\"a\": 1,}", "line 1, column 9: expected a member name"),
            (
                "01",
                "line 1, column 2: expected '.', 'e' or the end of the number",
            ),
            (
                "1.",
                "line 1, column 3: expected a digit after the decimal point",
            ),
            ("1e", "line 1, column 3: expected a digit in the exponent"),
            ("-", "line 1, column 2: expected a digit"),
            ("+1", "line 1, column 1: expected a value"),
            ("1e999", "line 1, column 1: expected a number within"),
            ("NaN", "line 1, column 1: expected a value"),
            ("tru", "line 1, column 1: expected true"),
            (
                "\"abc",
                "line 1, column 5: expected '\"' to close the string opened at column 1",
            ),
            (
                "\"a\tb\"",
                "line 1, column 3: expected a printable character",
            ),
            ("\"\\x\"", "line 1, column 3: expected one of"),
            ("\"\\u12G4\"", "line 1, column 6: expected four hex digits"),
            ("\"\\ud83d\"", "line 1, column 2: expected a low surrogate"),
            (
                "\"\\ud83d\\u0041\"",
                "line 1, column 2: expected a low surrogate",
            ),
            (
                "\"\\ude00\"",
                "line 1, column 2: expected a character, found the lone low surrogate",
            ),
            ("[1] [2]", "line 1, column 5: expected the end of the text"),
            (
                "{}\n\n  x",
                "line 3, column 3: expected the end of the text after the JSON value, found 'x'",
            ),
            ("[\"é\", x]", "line 1, column 7: expected a value"),
        ];
        for (text, want) in cases {
            let e = parse(text).unwrap_err().to_string();
            assert!(e.starts_with(want), "{text:?}: got {e:?}, want {want:?}");
        }
    }

    #[test]
    fn nesting_is_limited_to_64_levels_without_overflowing_the_stack() {
        let ok = format!("{}{}", "[".repeat(64), "]".repeat(64));
        assert!(parse(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(65), "]".repeat(65));
        let e = parse(&deep).unwrap_err();
        assert!(e.message.contains("nested more than 64 deep"), "{e}");
        assert!(parse(&"[{\"a\":".repeat(100_000)).is_err());
    }

    #[test]
    fn writing_escapes_per_rfc_8259_and_reads_back_the_same_value() {
        let v = Json::Object(vec![
            ("plain".into(), s("abc")),
            (
                "tricky \"key\"".into(),
                s("q\" b\\ n\n r\r t\t \u{1} \u{1f} \u{7f} é 😀 \u{2028}"),
            ),
            (
                "nums".into(),
                Json::Array(vec![
                    n(0.1 + 0.2),
                    n(-0.0),
                    n(1e300),
                    n(5e-324),
                    n(123456789.0),
                ]),
            ),
            (
                "nested".into(),
                Json::Array(vec![
                    Json::Object(vec![]),
                    Json::Array(vec![]),
                    Json::Null,
                    Json::Bool(true),
                ]),
            ),
        ]);
        let compact = v.write();
        assert!(
            compact.contains(r#""q\" b\\ n\n r\r t\t \u0001 \u001f"#),
            "{compact}"
        );
        assert_eq!(parse(&compact).unwrap(), v);
        assert_eq!(parse(&v.write_pretty()).unwrap(), v);
        assert_eq!(Json::Number(f64::NAN).write(), "null");
        assert_eq!(Json::Number(f64::INFINITY).write(), "null");
    }

    #[test]
    fn pretty_printing_indents_two_spaces() {
        let v = Json::Object(vec![
            ("a".into(), n(1.0)),
            ("b".into(), Json::Array(vec![s("x"), s("y")])),
            ("c".into(), Json::Object(vec![])),
        ]);
        assert_eq!(
            v.write_pretty(),
            "{\n  \"a\": 1,\n  \"b\": [\n    \"x\",\n    \"y\"\n  ],\n  \"c\": {}\n}"
        );
    }
}
