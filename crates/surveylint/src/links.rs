//! Links and e-mail addresses in a matching view, which the phrase rules read
//! as the one word "link".
//!
//! Review requests point somewhere ("Leave a 5-star review at
//! www.example.com/review and get 10% off"), and the dots of an address
//! would end the sentence for every pattern that stays within one: the
//! reward after the link would no longer belong to the request before it.

use std::ops::Range;

/// What a link reads as.
pub(crate) const READ_AS: &str = "link";

/// The endings of a bare domain ("example.nl") that make it a link without
/// `www.` or a scheme. Common ones only: "a.s.a.p." or "t.a.v." must stay text.
const DOMAIN_ENDINGS: &[&str] = &["com", "nl", "be", "org", "net", "eu", "io", "uk", "info", "shop", "app"];

/// The byte ranges of the links and e-mail addresses in `view`: from their
/// first character to their last, without the sentence mark after them.
pub(crate) fn find(view: &str) -> Vec<Range<usize>> {
    let bytes = view.as_bytes();
    let mut found = Vec::new();
    // Every link holds a `.` or an `@`: only the tokens around those are
    // looked at, so a text without addresses costs one memchr pass.
    let mut next_token = 0;
    for at in memchr::memchr2_iter(b'.', b'@', bytes) {
        if at < next_token {
            continue;
        }
        let start = bytes[..at].iter().rposition(|&byte| ends_token(byte)).map_or(0, |space| space + 1);
        let end = bytes[at..].iter().position(|&byte| ends_token(byte)).map_or(bytes.len(), |offset| at + offset);
        next_token = end;
        let token = &view[start..end];
        // A mark after a link ends the sentence, not the link.
        let kept = token.trim_end_matches(['.', ',', '!', '?', ';', ':', '\'', '"']);
        if is_link(kept) {
            found.push(start..start + kept.len());
        }
    }
    found
}

/// White space and brackets end a token; a link has neither.
fn ends_token(byte: u8) -> bool {
    matches!(byte, b' ' | b'(' | b')' | b'<' | b'>' | b'[' | b']')
}

fn is_link(token: &str) -> bool {
    if token.starts_with("http://") || token.starts_with("https://") || token.starts_with("www.") {
        return token.len() > "www.".len();
    }
    let host = token.split('/').next().unwrap_or_default();
    let host = host.rsplit_once('@').map_or(host, |(_, domain)| domain);
    let Some((name, ending)) = host.rsplit_once('.') else { return false };
    let name_ok = name.len() >= 2
        && name.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'.')
        && !name.split('.').any(|part| part.len() < 2);
    name_ok && DOMAIN_ENDINGS.contains(&ending)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(view: &str) -> Vec<&str> {
        find(view).into_iter().map(|range| &view[range]).collect()
    }

    #[test]
    fn addresses_are_found_without_the_mark_after_them() {
        assert_eq!(links("leave a review at www.example.com/review and get 10% off."), ["www.example.com/review"]);
        assert_eq!(links("see https://g.page/r/abc123. thanks!"), ["https://g.page/r/abc123"]);
        assert_eq!(links("mail info@garage-jansen.nl, of bel ons."), ["info@garage-jansen.nl"]);
        assert_eq!(links("(kijk op jansen.be)"), ["jansen.be"]);
    }

    #[test]
    fn abbreviations_numbers_and_sentences_are_no_links() {
        assert!(links("t.a.v. de heer a.j. visser, z.s.m. graag.").is_empty());
        assert!(links("een 8.5 of hoger. ok.").is_empty());
        assert!(links("we are done.now we go").is_empty());
        assert!(links("www.").is_empty());
    }
}
