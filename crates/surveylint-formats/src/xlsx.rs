//! Excel workbooks (`.xlsx`): XLSForm, formr spreadsheets and bilingual codebooks.
//!
//! A workbook has no text positions, so every unit's `location` names its
//! cell (`survey!C7`) and its map is verbatim over the cell text. Before
//! calamine opens anything, every zip entry is decompressed once into a sink
//! with a hard cap, so a zip bomb (or an entry that lies about its size) is
//! refused without the memory to hold it.

use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, Xlsx};
use surveylint::{Document, Escape};

use crate::error::FormatError;
use crate::mapped::Mapped;
use crate::xlsform::{self, Cell, HeaderKind, Sheet};
use crate::{codebook, formr, redcap};

/// The most a workbook may decompress to, in total.
pub(crate) const MAX_UNCOMPRESSED_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a workbook whose [`kind_of`] is `kind`: an XLSForm, a formr
/// spreadsheet or a bilingual codebook.
pub(crate) fn read(bytes: &[u8], kind: HeaderKind) -> Result<Document, FormatError> {
    let sheets = open(bytes)?;
    let found = classify(&sheets);
    if found != kind {
        return Err(FormatError::unsupported(describe(found, kind)));
    }
    let named = |name: &str| sheets.iter().find(|(sheet, _)| sheet == name).map(|(_, sheet)| sheet);
    match kind {
        HeaderKind::XlsForm => {
            let survey = named("survey").ok_or_else(|| FormatError::unsupported(describe(found, kind)))?;
            xlsform::read(survey, named("choices"), named("settings"))
        }
        HeaderKind::Formr => {
            let survey =
                sheets.iter().find(|(_, sheet)| xlsform::classify_header(&sheet.header()) == HeaderKind::Formr);
            let (_, survey) = survey.ok_or_else(|| FormatError::unsupported(describe(found, kind)))?;
            Ok(formr::read(survey, named("choices")))
        }
        HeaderKind::Codebook => Ok(codebook::read(&sheets)),
        HeaderKind::RedCap => {
            let (_, sheet) = sheets
                .iter()
                .find(|(_, sheet)| xlsform::classify_header(&sheet.header()) == HeaderKind::RedCap)
                .ok_or_else(|| FormatError::unsupported(describe(found, kind)))?;
            Ok(redcap::read(sheet))
        }
        HeaderKind::Other => Err(FormatError::unsupported(describe(found, kind))),
    }
}

/// What a workbook is, by its sheets and headers.
pub(crate) fn kind_of(bytes: &[u8]) -> Result<HeaderKind, FormatError> {
    Ok(classify(&open(bytes)?))
}

/// An XLSForm has a `survey` sheet; formr reads the sheet with its header
/// wherever it is; a codebook has language columns on any sheet.
fn classify(sheets: &[(String, Sheet)]) -> HeaderKind {
    let kinds: Vec<(&str, HeaderKind)> =
        sheets.iter().map(|(name, sheet)| (name.as_str(), xlsform::classify_header(&sheet.header()))).collect();
    if kinds.contains(&("survey", HeaderKind::XlsForm)) {
        return HeaderKind::XlsForm;
    }
    for kind in [HeaderKind::Formr, HeaderKind::Codebook, HeaderKind::RedCap] {
        if kinds.iter().any(|&(_, found)| found == kind) {
            return kind;
        }
    }
    HeaderKind::Other
}

/// The Unsupported description of a workbook read as `wanted` that is `found`.
fn describe(found: HeaderKind, wanted: HeaderKind) -> String {
    match found {
        HeaderKind::Other => format!(
            "a spreadsheet that is not {} (expected a `survey` sheet with type, name and label columns)",
            wanted.describe()
        ),
        _ => format!("a spreadsheet that is {}, not {}", found.describe(), wanted.describe()),
    }
}

/// Excel's own limits on a sheet; a workbook claiming cells beyond them is not one Excel wrote.
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLUMNS: u32 = 16_384;

/// Opens the workbook and reads every sheet's cells.
///
/// Cells are read one by one (never as a dense range: two far-apart cells
/// would make calamine allocate the whole rectangle between them), and every
/// calamine call sits behind a panic boundary, since a malformed workbook can
/// make it index out of bounds (a shared-string index past the table).
fn open(bytes: &[u8]) -> Result<Vec<(String, Sheet)>, FormatError> {
    check_zip(bytes, "workbook", ".xlsx")?;
    let unreadable = |place: String, message: String| FormatError::InvalidEntry { place, message };
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_sheets(bytes)));
    read.unwrap_or_else(|_| {
        Err(unreadable("workbook".to_owned(), "is malformed: the spreadsheet reader failed on its contents".to_owned()))
    })
}

fn read_sheets(bytes: &[u8]) -> Result<Vec<(String, Sheet)>, FormatError> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|error| FormatError::InvalidEntry {
        place: "workbook".to_owned(),
        message: format!("not a readable .xlsx workbook: {error}"),
    })?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let cannot_read = |error: calamine::XlsxError| FormatError::InvalidEntry {
            place: format!("sheet `{name}`"),
            message: format!("cannot be read: {error}"),
        };
        let mut cells = workbook.worksheet_cells_reader(&name).map_err(cannot_read)?;
        let mut found: Vec<(u32, u32, String)> = Vec::new();
        while let Some(cell) = cells.next_cell().map_err(cannot_read)? {
            let (row, column) = cell.get_position();
            if row >= MAX_ROWS || column >= MAX_COLUMNS {
                return Err(FormatError::InvalidEntry {
                    place: format!("sheet `{name}`"),
                    message: format!(
                        "has a cell at row {}, column {}, beyond the {MAX_ROWS} rows and {MAX_COLUMNS} columns a sheet can have",
                        u64::from(row) + 1,
                        u64::from(column) + 1
                    ),
                });
            }
            let text = match cell.get_value() {
                DataRef::String(text) | DataRef::DateTimeIso(text) | DataRef::DurationIso(text) => text.clone(),
                DataRef::SharedString(text) => (*text).to_owned(),
                DataRef::Int(number) => number.to_string(),
                DataRef::Float(number) => number.to_string(),
                DataRef::Bool(value) => value.to_string(),
                _ => continue,
            };
            if !text.trim().is_empty() {
                found.push((row, column, text));
            }
        }
        drop(cells);
        sheets.push((name.trim().to_lowercase(), sheet_of(&name, found)));
    }
    Ok(sheets)
}

/// Lays out a sheet's non-empty cells as rows starting at the first used row,
/// each row only as long as its last non-empty cell, so memory follows the
/// cells present rather than the rectangle they span.
fn sheet_of(name: &str, mut cells: Vec<(u32, u32, String)>) -> Sheet {
    cells.sort_by_key(|&(row, column, _)| (row, column));
    let first_row = cells.first().map_or(0, |&(row, _, _)| row);
    let first_column = cells.iter().map(|&(_, column, _)| column).min().unwrap_or(0);
    let mut sheet = Sheet::default();
    for (row, column, text) in cells {
        let row_index = (row - first_row) as usize;
        let column_index = (column - first_column) as usize;
        if sheet.rows.len() <= row_index {
            sheet.rows.resize_with(row_index + 1, Vec::new);
        }
        let cells = &mut sheet.rows[row_index];
        if cells.len() <= column_index {
            cells.resize_with(column_index + 1, || None);
        }
        let location = format!("{}!{}{}", sheet_reference(name), column_name(column as usize), u64::from(row) + 1);
        cells[column_index] =
            Some(Cell { text: Mapped::verbatim(&text, 0), escape: Escape::None, location: Some(location) });
    }
    sheet
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
pub(crate) fn column_name(index: usize) -> String {
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

/// Refuses archives that are not zips, have too many entries, or decompress
/// to more than the cap. `container` (`workbook`, `document`) and
/// `extension` (`.xlsx`, `.docx`) name the file in messages.
pub(crate) fn check_zip(bytes: &[u8], container: &str, extension: &str) -> Result<(), FormatError> {
    let invalid = |place: &str, message: String| FormatError::InvalidEntry { place: place.to_owned(), message };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|error| invalid(container, format!("not a readable {extension} (zip) file: {error}")))?;
    if archive.len() > 10_000 {
        return Err(invalid(container, format!("has {} zip entries; a {container} has a few dozen", archive.len())));
    }
    let mut total: u64 = 0;
    let mut sink = vec![0u8; 64 * 1024];
    for index in 0..archive.len() {
        let mut entry = archive
            .by_index(index)
            .map_err(|error| invalid(container, format!("zip entry {index} is unreadable: {error}")))?;
        let name = entry.name().to_owned();
        let declared = entry.size();
        if total.saturating_add(declared) > MAX_UNCOMPRESSED_BYTES {
            return Err(invalid(
                &name,
                format!("the {container} decompresses to more than {} MiB", MAX_UNCOMPRESSED_BYTES >> 20),
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
                    format!("the {container} decompresses to more than {} MiB", MAX_UNCOMPRESSED_BYTES >> 20),
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
