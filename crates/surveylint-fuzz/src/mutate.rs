//! Mutations of a seed file: byte-level changes plus splices of the tokens
//! that matter to surveylint's readers (escapes, entities, markup, line
//! endings, multi-byte characters, flagged phrases), so mutants reach the
//! position-mapping code instead of dying in the first parser check.

use crate::random::Random;

/// Tokens spliced into inputs: every escape and encoding layer the readers
/// decode, characters of every UTF-8 length, and wording the rules flag.
const DICTIONARY: &[&str] = &[
    "#",
    "## ",
    " #",
    " ##",
    "é",
    "ë",
    "ï",
    "€",
    "🙂",
    "👍🏽",
    "e\u{301}",
    "\u{200d}",
    "\u{feff}",
    "\r",
    "\r\n",
    "\n",
    "\n\n",
    "\t",
    " ",
    "&eacute;",
    "&amp;",
    "&#233;",
    "&#x1F642;",
    "&lt;p&gt;",
    "&nbsp;",
    "<![CDATA[",
    "]]>",
    "<p>",
    "</p>",
    "<br/>",
    "<b>",
    "</b>",
    "<!--",
    "-->",
    "\"",
    "\"\"",
    "\\\"",
    "\\u00e9",
    "\\ud83d",
    "\\ude00",
    "\\n",
    "\\\\",
    ",",
    ";",
    "'",
    "’",
    "“",
    "”",
    "- ",
    "* ",
    "1. ",
    "a) ",
    "[ ] ",
    "?",
    "!",
    ".",
    ":",
    "<!-- surveylint-disable-next-line -->",
    "<!-- surveylint-disable score-begging -->",
    "// surveylint-disable-next-line SL001",
    "<!-- surveylint-enable -->",
    "Verdienen we een 9 of 10?",
    "Geef ons 5 sterren!",
    "Hoe tevreden bent u over onze uitstekende service?",
    "How satisfied are you?",
    "Please give us a 10!",
    "Uw mening is van levensbelang.",
    "Vindt u ook niet dat",
    "geweldige fantastische uitstekende prachtige",
    "minder dan 10 uur",
    "minder dan 20 uur",
    "20 uur of meer",
    "less than 10",
    "9223372036854775807",
    "18-24",
    "65+",
    "Hoe waarschijnlijk is het dat u ons aanbeveelt?",
    "Zeer tevreden",
    "Helemaal mee eens",
];

/// Applies one to four random mutations to `input`, drawing splices from `others`.
pub fn mutate(input: &[u8], others: &[Vec<u8>], random: &mut Random) -> Vec<u8> {
    let mut bytes = input.to_vec();
    for _ in 0..1 + random.below(4) {
        mutate_once(&mut bytes, others, random);
    }
    bytes
}

fn mutate_once(bytes: &mut Vec<u8>, others: &[Vec<u8>], random: &mut Random) {
    let at = random.below(bytes.len() + 1);
    match random.below(10) {
        0 if !bytes.is_empty() => {
            let index = random.below(bytes.len());
            bytes[index] ^= 1 << random.below(8);
        }
        1 if !bytes.is_empty() => {
            let index = random.below(bytes.len());
            bytes[index] = random.next_u64() as u8;
        }
        2 if !bytes.is_empty() => {
            let length = 1 + random.below(16.min(bytes.len() - at.min(bytes.len()) + 1));
            let end = (at + length).min(bytes.len());
            bytes.drain(at.min(end)..end);
        }
        3 if !bytes.is_empty() => {
            // Duplicate a chunk: long lines, repeated units, deep nesting.
            let start = random.below(bytes.len());
            let end = (start + 1 + random.below(64)).min(bytes.len());
            let chunk = bytes[start..end].to_vec();
            let most = if random.one_in(20) { 200 } else { 3 };
            let repeat = 1 + random.below(most);
            for _ in 0..repeat {
                bytes.splice(at..at, chunk.iter().copied());
            }
        }
        4 => {
            if let Some(other) = random.pick(others) {
                if !other.is_empty() {
                    let start = random.below(other.len());
                    let end = (start + 1 + random.below(256)).min(other.len());
                    bytes.splice(at..at, other[start..end].iter().copied());
                }
            }
        }
        5 if !bytes.is_empty() => bytes.truncate(at),
        _ => {
            if let Some(token) = random.pick(DICTIONARY) {
                // Next to a line start or quote half the time, where readers make decisions.
                let at = if random.one_in(2) { snap_to_boundary(bytes, at) } else { at };
                bytes.splice(at..at, token.bytes());
            }
        }
    }
}

/// Moves `at` back to just after the nearest line break, quote or tag end.
fn snap_to_boundary(bytes: &[u8], at: usize) -> usize {
    bytes[..at]
        .iter()
        .rposition(|&byte| matches!(byte, b'\n' | b'"' | b'>' | b'\t' | b','))
        .map_or(0, |index| index + 1)
}
