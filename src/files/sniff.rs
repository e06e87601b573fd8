//! A file's type, decided from its first bytes and never from its name or the type the client
//! claims: a program renamed `report.pdf` is still a program.

/// How many leading bytes are read before deciding (office documents are recognised by the
/// names of the first entries of their zip container, a few kilobytes in).
pub const SNIFF_BYTES: usize = 16 * 1024;

const TEXT: &str = "text/plain";

/// Image types a browser renders safely as a picture (never SVG, which can carry script).
const PREVIEWABLE: &[&str] = &["image/png", "image/jpeg", "image/gif", "image/webp"];

/// The media type of content starting with `head` (`head` is the whole file when shorter
/// than [`SNIFF_BYTES`]); `application/octet-stream` when nothing matches.
pub fn sniff(head: &[u8]) -> &'static str {
    if let Some(kind) = infer::get(head) {
        return kind.mime_type();
    }
    if looks_like_text(head) { TEXT } else { "application/octet-stream" }
}

/// UTF-8 without control characters other than whitespace (a multi-byte character cut off at
/// the end of the window still counts).
fn looks_like_text(head: &[u8]) -> bool {
    let valid = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(e) if e.error_len().is_none() && head.len() >= SNIFF_BYTES => {
            // Safe: `valid_up_to` is a character boundary.
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return false,
    };
    valid.chars().all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
}

/// Whether `mime` is a type [`sniff`] can answer, so a configured allow-list has no typos.
pub fn is_known_type(mime: &str) -> bool {
    mime == TEXT || infer::is_mime_supported(mime)
}

/// Whether a file of this type gets an inline preview.
pub fn is_previewable(mime: &str) -> bool {
    PREVIEWABLE.contains(&mime)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_not_the_name() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "image/png");
        assert_eq!(sniff(b"%PDF-1.7\n"), "application/pdf");
        let mut elf = b"\x7fELF\x02\x01\x01".to_vec();
        elf.resize(64, 0);
        assert_eq!(sniff(&elf), "application/x-executable");
        assert_eq!(sniff(b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff"), "application/vnd.microsoft.portable-executable");
        assert_eq!(sniff(b"#!/bin/sh\nrm -rf /\n"), "text/x-shellscript");
        assert_eq!(sniff(b"<html><script>alert(1)</script>"), "text/html");
    }

    #[test]
    fn plain_text_is_utf8_without_control_characters() {
        assert_eq!(sniff("Notes: café ✓\n\tindented\r\n".as_bytes()), TEXT);
        assert_eq!(sniff(b"abc\0def"), "application/octet-stream");
        assert_eq!(sniff(b"\xff\xfe\xfd"), "application/octet-stream");
        let mut cut = format!("a{}", "é".repeat(SNIFF_BYTES / 2 - 1)).into_bytes();
        cut.push(0xc3);
        assert_eq!(cut.len(), SNIFF_BYTES);
        assert_eq!(sniff(&cut), TEXT, "a character cut by the window is still text");
    }

    #[test]
    fn only_raster_images_preview() {
        assert!(is_previewable("image/png"));
        assert!(!is_previewable("image/svg+xml"));
        assert!(!is_previewable("application/pdf"));
    }

    #[test]
    fn known_types_are_those_sniffing_can_answer() {
        assert!(is_known_type("text/plain"));
        assert!(is_known_type("image/webp"));
        assert!(!is_known_type("image/svg+xml"));
        assert!(!is_known_type("application/x-made-up"));
    }
}
