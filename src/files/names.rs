//! File names as users gave them, made safe: no directories, no control or direction-changing
//! characters, no names a file system treats specially; and the `Content-Disposition` that
//! hands them back (RFC 6266, with the RFC 8187 UTF-8 form).

/// Longest kept name, in bytes (what common file systems allow).
const NAME_MAX_BYTES: usize = 255;

/// What is left of a client-supplied name when everything unsafe is removed.
pub fn sanitize_filename(raw: &str) -> String {
    // Only the last path component, whichever separator the client's system uses.
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !is_format_char(*c))
        .map(|c| if matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|') { '_' } else { c })
        .collect();
    let collapsed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    // Leading dots make hidden files (and `..`); trailing dots and spaces vanish on Windows.
    let trimmed = collapsed.trim_start_matches(['.', ' ']).trim_end_matches(['.', ' ']);
    let mut name = if trimmed.is_empty() { "file".to_owned() } else { trimmed.to_owned() };
    if is_reserved_windows_name(&name) {
        name.insert(0, '_');
    }
    truncate_keeping_extension(name)
}

/// Bidirectional overrides and other invisible formatting (`gpj.exe` shown as `exe.jpg`).
fn is_format_char(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

fn is_reserved_windows_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or_default().to_ascii_uppercase();
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit())
}

fn truncate_keeping_extension(name: String) -> String {
    if name.len() <= NAME_MAX_BYTES {
        return name;
    }
    let extension = name.rfind('.').map(|i| &name[i..]).filter(|e| e.len() <= 16).unwrap_or("");
    let mut stem_end = NAME_MAX_BYTES - extension.len();
    while !name.is_char_boundary(stem_end) {
        stem_end -= 1;
    }
    format!("{}{extension}", &name[..stem_end])
}

/// `attachment; filename="…"; filename*=UTF-8''…` (or `inline`): an ASCII stand-in for old
/// clients and the exact name, percent-encoded, for everyone else.
pub fn content_disposition(kind: &str, filename: &str) -> String {
    let ascii: String = filename
        .chars()
        .map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' })
        .collect();
    let mut encoded = String::new();
    for byte in filename.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_tricks_are_removed() {
        assert_eq!(sanitize_filename("../../etc/passwd"), "passwd");
        assert_eq!(sanitize_filename("C:\\Users\\bo\\report.pdf"), "report.pdf");
        assert_eq!(sanitize_filename(".."), "file");
        assert_eq!(sanitize_filename(".bashrc"), "bashrc");
        assert_eq!(sanitize_filename("a\u{0}b\nc.txt"), "abc.txt");
        assert_eq!(sanitize_filename("invoice\u{202E}fdp.exe"), "invoicefdp.exe");
        assert_eq!(sanitize_filename("what?<now>.txt"), "what__now_.txt");
        assert_eq!(sanitize_filename("  spaced   out .txt. "), "spaced out .txt");
        assert_eq!(sanitize_filename("CON.txt"), "_CON.txt");
        assert_eq!(sanitize_filename("lpt1"), "_lpt1");
        assert_eq!(sanitize_filename(""), "file");
    }

    #[test]
    fn long_names_keep_their_extension_and_whole_characters() {
        let long = format!("{}.pdf", "é".repeat(200));
        let kept = sanitize_filename(&long);
        assert!(kept.len() <= NAME_MAX_BYTES);
        assert!(kept.ends_with(".pdf"));
    }

    #[test]
    fn disposition_carries_an_ascii_stand_in_and_the_exact_name() {
        assert_eq!(
            content_disposition("attachment", "Résumé \"v2\".pdf"),
            "attachment; filename=\"R_sum_ _v2_.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22v2%22.pdf"
        );
    }
}
