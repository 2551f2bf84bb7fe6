//! Excel workbooks (`.xlsx`): XLSForm and the formats that must be recognised and refused.
//!
//! A workbook has no text positions, so every unit's `location` names its
//! cell (`survey!C7`) and its map is verbatim over the cell text. Before
//! calamine opens anything, every zip entry is decompressed once into a sink
//! with a hard cap, so a zip bomb (or an entry that lies about its size) is
//! refused without the memory to hold it.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use surveylint::{Document, Escape};

use crate::error::FormatError;
use crate::mapped::Mapped;
use crate::xlsform::{self, Cell, HeaderKind, Sheet};

/// The most a workbook may decompress to, in total.
pub(crate) const MAX_UNCOMPRESSED_BYTES: u64 = 64 * 1024 * 1024;

/// Reads an XLSForm workbook.
pub(crate) fn read(bytes: &[u8]) -> Result<Document, FormatError> {
    let sheets = open(bytes)?;
    let survey = sheets.get("survey");
    match survey.map(|survey| xlsform::classify_header(&survey.header())) {
        Some(HeaderKind::XlsForm) => {}
        _ => return Err(FormatError::unsupported(describe(&sheets))),
    }
    let survey = survey.ok_or_else(|| FormatError::unsupported(describe(&sheets)))?;
    xlsform::read(survey, sheets.get("choices"), sheets.get("settings"))
}

/// What a workbook is, by its sheets and headers.
pub(crate) fn kind_of(bytes: &[u8]) -> Result<HeaderKind, FormatError> {
    let sheets = open(bytes)?;
    if let Some(kind) = sheets.get("survey").map(|survey| xlsform::classify_header(&survey.header())) {
        if kind != HeaderKind::Other {
            return Ok(kind);
        }
    }
    let codebook = sheets.values().any(|sheet| xlsform::classify_header(&sheet.header()) == HeaderKind::Codebook);
    Ok(if codebook { HeaderKind::Codebook } else { HeaderKind::Other })
}

/// The Unsupported description of a workbook that is not an XLSForm.
fn describe(sheets: &HashMap<String, Sheet>) -> String {
    let headers: Vec<HeaderKind> = sheets.values().map(|sheet| xlsform::classify_header(&sheet.header())).collect();
    if headers.contains(&HeaderKind::Formr) {
        "a formr spreadsheet".to_owned()
    } else if headers.contains(&HeaderKind::Codebook) {
        "a bilingual codebook spreadsheet (question_dutch/question_english style columns)".to_owned()
    } else {
        "a spreadsheet that is not an XLSForm (expected a `survey` sheet with type, name and label columns)".to_owned()
    }
}

/// Opens the workbook and reads every sheet's cells.
fn open(bytes: &[u8]) -> Result<HashMap<String, Sheet>, FormatError> {
    check_zip(bytes)?;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|error| FormatError::InvalidEntry {
        place: "workbook".to_owned(),
        message: format!("not a readable .xlsx workbook: {error}"),
    })?;
    let mut sheets = HashMap::new();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).map_err(|error| FormatError::InvalidEntry {
            place: format!("sheet `{name}`"),
            message: format!("cannot be read: {error}"),
        })?;
        let (first_row, first_column) = range.start().unwrap_or((0, 0));
        let mut sheet = Sheet::default();
        // Rows above the used range are empty; keep the header at index 0 of the used range.
        for (row_offset, row) in range.rows().enumerate() {
            let cells = row
                .iter()
                .enumerate()
                .map(|(column_offset, data)| {
                    let text = match data {
                        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
                        Data::Int(number) => number.to_string(),
                        Data::Float(number) => number.to_string(),
                        Data::Bool(value) => value.to_string(),
                        _ => return None,
                    };
                    if text.trim().is_empty() {
                        return None;
                    }
                    let row_number = first_row as usize + row_offset + 1;
                    let column = column_name(first_column as usize + column_offset);
                    let location = format!("{}!{column}{row_number}", sheet_reference(&name));
                    Some(Cell { text: Mapped::verbatim(&text, 0), escape: Escape::None, location: Some(location) })
                })
                .collect();
            sheet.rows.push(cells);
        }
        sheets.insert(name.trim().to_lowercase(), sheet);
    }
    Ok(sheets)
}

/// A sheet name as a cell reference writes it: quoted when it has spaces or punctuation.
fn sheet_reference(name: &str) -> String {
    if name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        name.to_owned()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`.
fn column_name(index: usize) -> String {
    let mut name = Vec::new();
    let mut rest = index + 1;
    while rest > 0 {
        let digit = (rest - 1) % 26;
        name.push(b'A' + digit as u8);
        rest = (rest - 1) / 26;
    }
    name.reverse();
    String::from_utf8_lossy(&name).into_owned()
}

/// Refuses archives that are not zips, have too many entries, or decompress to more than the cap.
fn check_zip(bytes: &[u8]) -> Result<(), FormatError> {
    let invalid = |place: &str, message: String| FormatError::InvalidEntry { place: place.to_owned(), message };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|error| invalid("workbook", format!("not a readable .xlsx (zip) file: {error}")))?;
    if archive.len() > 10_000 {
        return Err(invalid("workbook", format!("has {} zip entries; a workbook has a few dozen", archive.len())));
    }
    let mut total: u64 = 0;
    let mut sink = vec![0u8; 64 * 1024];
    for index in 0..archive.len() {
        let mut entry = archive
            .by_index(index)
            .map_err(|error| invalid("workbook", format!("zip entry {index} is unreadable: {error}")))?;
        let name = entry.name().to_owned();
        let declared = entry.size();
        if total.saturating_add(declared) > MAX_UNCOMPRESSED_BYTES {
            return Err(invalid(
                &name,
                format!("the workbook decompresses to more than {} MiB", MAX_UNCOMPRESSED_BYTES >> 20),
            ));
        }
        // Read through the entry with a hard cap: the declared size may lie.
        let mut limited = (&mut entry).take(MAX_UNCOMPRESSED_BYTES - total + 1);
        loop {
            let read =
                limited.read(&mut sink).map_err(|error| invalid(&name, format!("cannot be decompressed: {error}")))?;
            if read == 0 {
                break;
            }
            total += read as u64;
            if total > MAX_UNCOMPRESSED_BYTES {
                return Err(invalid(
                    &name,
                    format!("the workbook decompresses to more than {} MiB", MAX_UNCOMPRESSED_BYTES >> 20),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(2), "C");
        assert_eq!(column_name(26), "AA");
        assert_eq!(sheet_reference("my sheet"), "'my sheet'");
    }
}
