//! Turns HTML (question texts in Qualtrics, LimeSurvey and SurveyJS `html`
//! elements) into the text a respondent reads, keeping positions.
//!
//! Inline tags (`<b>`, `<span>`) vanish so "ver<b>dienen</b>" stays one
//! word; block tags (`<p>`, `<br>`, `<div>`, `<li>`) become a line break so
//! two paragraphs never read as one sentence. Entities (`&eacute;`,
//! `&nbsp;`, `&#233;`, `&#xE9;`) decode to their character. Comments,
//! scripts and styles are dropped. Every decoded character maps back to the
//! markup it came from.

use crate::mapped::Mapped;

/// Decodes `html`; the result's source offsets index `html`.
pub(crate) fn to_text(html: &str) -> Mapped {
    let mut out = Mapped::default();
    let bytes = html.as_bytes();
    let mut position = 0;
    let mut run_start = 0;
    while position < bytes.len() {
        match bytes[position] {
            b'<' => {
                let Some(length) = markup_length(&html[position..]) else {
                    position += 1;
                    continue;
                };
                out.push_verbatim(&html[run_start..position], run_start);
                let tag = &html[position..position + length];
                let mut end = position + length;
                let name = tag_name(tag);
                if (name == "script" || name == "style") && !tag.starts_with("</") {
                    let closing = format!("</{name}");
                    end = find_ascii_case_insensitive(&html[end..], &closing).map_or(html.len(), |at| {
                        let close = end + at;
                        html[close..].find('>').map_or(html.len(), |gt| close + gt + 1)
                    });
                }
                if is_block(&name) {
                    out.push_markup("\n", position, end - position);
                } else if !(name.is_empty() || name == "script" || name == "style") {
                    out.skip_inline_markup();
                }
                position = end;
                run_start = end;
            }
            b'&' => {
                if let Some((decoded, length)) = entity(&html[position..]) {
                    out.push_verbatim(&html[run_start..position], run_start);
                    let mut buffer = [0; 4];
                    out.push_escaped(decoded.encode_utf8(&mut buffer), position, length);
                    position += length;
                    run_start = position;
                } else {
                    position += 1;
                }
            }
            _ => position += 1,
        }
    }
    out.push_verbatim(&html[run_start..], run_start);
    out
}

/// True when `text` contains anything `to_text` would change.
pub(crate) fn looks_like_html(text: &str) -> bool {
    text.contains('<') || text.contains('&')
}

/// The length of the tag, comment or declaration at the start of `text`, if it is one.
///
/// A tag ends at the first `>`; a `<` before it means the first `<` was
/// text ("5 < 6"). Quoted attribute values holding `>` are not special-cased:
/// survey HTML does not use them, and ignoring quotes keeps the scan linear
/// on hostile input (every byte is looked at a bounded number of times).
fn markup_length(text: &str) -> Option<usize> {
    if let Some(comment) = text.strip_prefix("<!--") {
        return Some(comment.find("-->").map_or(text.len(), |end| 4 + end + 3));
    }
    let after = text.as_bytes().get(1).copied()?;
    if !(after.is_ascii_alphabetic() || after == b'/' || after == b'!' || after == b'?') {
        return None;
    }
    let end = text[1..].find(['<', '>'])? + 1;
    (text.as_bytes()[end] == b'>').then_some(end + 1)
}

fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "br"
            | "div"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "blockquote"
            | "hr"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "dt"
            | "dd"
            | "pre"
            | "img"
    )
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    haystack.as_bytes().windows(needle.len()).position(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Decodes the entity at the start of `text` (which starts with `&`).
fn entity(text: &str) -> Option<(char, usize)> {
    let end = text.bytes().take(12).position(|byte| byte == b';')?;
    let body = &text[1..end];
    let decoded = if let Some(number) = body.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
    } else {
        named_entity(body)?
    };
    Some((decoded, end + 1))
}

/// The named entities survey texts use; unknown names stay as written.
fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "shy" => '\u{ad}',
        "hellip" => '…',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "euro" => '€',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "iexcl" => '¡',
        "iquest" => '¿',
        "szlig" => 'ß',
        "aacute" => 'á',
        "agrave" => 'à',
        "acirc" => 'â',
        "auml" => 'ä',
        "aring" => 'å',
        "ccedil" => 'ç',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "iacute" => 'í',
        "igrave" => 'ì',
        "icirc" => 'î',
        "iuml" => 'ï',
        "ntilde" => 'ñ',
        "oacute" => 'ó',
        "ograve" => 'ò',
        "ocirc" => 'ô',
        "ouml" => 'ö',
        "oslash" => 'ø',
        "uacute" => 'ú',
        "ugrave" => 'ù',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "yacute" => 'ý',
        "Aacute" => 'Á',
        "Agrave" => 'À',
        "Auml" => 'Ä',
        "Eacute" => 'É',
        "Egrave" => 'È',
        "Euml" => 'Ë',
        "Iuml" => 'Ï',
        "Oacute" => 'Ó',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_entities_map_back() {
        let html = "<p>Caf&eacute;&nbsp;<b>verdienen</b> we een 10?</p><!-- x --><br/>Tot&#x20;ziens";
        let text = to_text(html);
        assert_eq!(text.text, "\nCafé\u{a0}verdienen we een 10?\n\nTot ziens");
        let start = text.text.find("verdienen").unwrap_or(0);
        let range = text.source_range(start..start + "verdienen we".len());
        assert_eq!(&html[range], "verdienen</b> we");
        let e = text.text.find('é').unwrap_or(0);
        assert_eq!(&html[text.source_range(e..e + 2)], "&eacute;");
    }

    #[test]
    fn a_lone_angle_bracket_is_text() {
        assert_eq!(to_text("5 < 6 & 7 > 3").text, "5 < 6 & 7 > 3");
        assert_eq!(to_text("a<script>x<y</script>b").text, "ab");
    }
}
