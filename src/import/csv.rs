//! A spreadsheet export read into rows of located cells.
//!
//! The `csv` crate does the reading (quoting, doubled quotes, fields that
//! hold line breaks, blank lines); this module adds what it does not keep:
//! where each cell starts in the file, as a line and a column, so that a bad
//! cell is reported at `people.csv:LINE:COLUMN` like any YAML value. It also
//! drops a UTF-8 byte order mark (Excel writes one) and, unless the mapping
//! names one, picks the delimiter from the header line: spreadsheets in
//! locales that write decimal commas export with `;`.

use std::path::Path;

use crate::diagnostic::{Code, Diagnostic, Location};

/// One cell: its text as the spreadsheet holds it and where it starts.
#[derive(Clone, Debug)]
pub struct Cell {
    /// The text, unquoted.
    pub text: String,
    /// Where the cell starts in the file.
    pub at: Location,
}

/// One row below the header.
#[derive(Clone, Debug)]
pub struct Row {
    /// The row's number as a spreadsheet shows it: the header is row 1.
    pub number: usize,
    /// The cells, one per header column.
    pub cells: Vec<Cell>,
}

/// A whole export: the header's cells and the rows under it.
#[derive(Clone, Debug)]
pub struct Table {
    /// The column headers.
    pub header: Vec<Cell>,
    /// The rows, in file order.
    pub rows: Vec<Row>,
}

/// The text of a file without its byte order mark.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The delimiter the header line uses: whichever of `,`, `;` and tab occurs
/// most often outside quotes, `,` when none does.
pub fn detect_delimiter(text: &str) -> u8 {
    let mut quoted = false;
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    for byte in text.bytes() {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(count) = counts.iter_mut().find(|(d, _)| *d == byte) {
                    count.1 += 1;
                }
            }
            _ => {}
        }
    }
    counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(d, n)| (*n, *d == b','))
        .map_or(b',', |(d, _)| *d)
}

/// Reads `text` (BOM already removed) as a table separated by `delimiter`;
/// `file` names it in diagnostics. A row whose number of cells differs from
/// the header's is reported, as is a file with no header.
pub fn read(file: &Path, text: &str, delimiter: u8) -> Result<Table, Vec<Diagnostic>> {
    let starts = line_starts(text);
    let locate = |offset: usize, len: usize| {
        let line = starts.partition_point(|&s| s <= offset);
        let line_start = starts[line - 1];
        let column = text[line_start..offset].chars().count() + 1;
        Location::at(file, line as u32, column as u32, len.max(1) as u32)
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut header: Option<Vec<Cell>> = None;
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let at = error
                    .position()
                    .map_or_else(|| Location::file(file), |p| locate(p.byte() as usize, 1));
                problems.push(
                    Diagnostic::new(
                        Code::ImportCell,
                        format!("the file cannot be read as a table: {error}"),
                    )
                    .at(at)
                    .help("export the sheet again as CSV (UTF-8)"),
                );
                break;
            }
        };
        let Some(position) = record.position() else {
            continue;
        };
        // After a `\r\n` the reader's position is the `\n`: a record
        // itself never starts with a line break.
        let mut begins = position.byte() as usize;
        while matches!(text.as_bytes().get(begins), Some(b'\r' | b'\n')) {
            begins += 1;
        }
        let offsets = field_offsets(text, begins, delimiter, record.len());
        let cells: Vec<Cell> = record
            .iter()
            .zip(offsets)
            .map(|(value, (start, end))| {
                let first_line = text[start..end].lines().next().unwrap_or_default();
                Cell {
                    // A line break inside a quoted cell of a Windows export
                    // is `\r\n`; the value is the text, with plain breaks.
                    text: value.replace("\r\n", "\n"),
                    at: locate(start, first_line.chars().count()),
                }
            })
            .collect();
        let Some(columns) = header.as_ref().map(Vec::len) else {
            header = Some(cells);
            continue;
        };
        let number = position.record() as usize + 1;
        if cells.len() != columns {
            let at = locate(begins, 1);
            problems.push(
                Diagnostic::new(
                    Code::ImportCell,
                    format!(
                        "row {number} has {} cell(s), the header has {columns}",
                        cells.len()
                    ),
                )
                .at(at)
                .label(format!("row {number}"))
                .help(
                    "a cell that holds the delimiter or a line break must be in double quotes; \
                     export the sheet again, or set `delimiter` in the mapping",
                ),
            );
            continue;
        }
        rows.push(Row { number, cells });
    }
    let Some(header) = header else {
        problems.push(
            Diagnostic::new(Code::ImportCell, "the file has no header row")
                .at(Location::file(file))
                .help("the first row must name the columns, as a spreadsheet export does"),
        );
        return Err(problems);
    };
    if problems.is_empty() {
        Ok(Table { header, rows })
    } else {
        Err(problems)
    }
}

/// Byte offsets where each line starts.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// The byte range of each of `count` fields of the record starting at
/// `start`, as written (quotes included): the reader gives only the record's
/// start, and each cell is reported where it is written.
fn field_offsets(text: &str, start: usize, delimiter: u8, count: usize) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut fields = Vec::with_capacity(count);
    let mut pos = start;
    for _ in 0..count {
        let field_start = pos;
        if bytes.get(pos) == Some(&b'"') {
            pos += 1;
            while pos < bytes.len() {
                if bytes[pos] == b'"' {
                    if bytes.get(pos + 1) == Some(&b'"') {
                        pos += 2;
                        continue;
                    }
                    pos += 1;
                    break;
                }
                pos += 1;
            }
        }
        while pos < bytes.len() && ![delimiter, b'\n', b'\r'].contains(&bytes[pos]) {
            pos += 1;
        }
        fields.push((field_start, pos));
        if bytes.get(pos) == Some(&delimiter) {
            pos += 1;
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_the_one_the_header_uses_most() {
        assert_eq!(detect_delimiter("a;b;\"c,d\"\n1,2,3"), b';');
        assert_eq!(detect_delimiter("a,b\n"), b',');
        assert_eq!(detect_delimiter("a\tb\n"), b'\t');
        assert_eq!(detect_delimiter("single\n"), b',');
    }

    #[test]
    fn a_cell_is_located_where_it_starts_even_after_a_quoted_line_break() {
        let text = "id,note,date\nada,\"two\nlines\",2026-01-05\nbo,x,bad\n";
        let table = read(Path::new("p.csv"), text, b',').unwrap_or_else(|_| panic!("read"));
        assert_eq!(table.rows[0].cells[1].text, "two\nlines");
        assert_eq!(table.rows[0].cells[2].at.to_string(), "p.csv:3:8");
        assert_eq!(table.rows[1].number, 3);
        assert_eq!(table.rows[1].cells[2].at.to_string(), "p.csv:4:6");
    }

    #[test]
    fn a_windows_export_is_located_and_read_as_a_unix_one() {
        let text = "id,note,date\r\nada,\"two\r\nlines\",2026-01-05\r\nbo,x,bad\r\n";
        let table = read(Path::new("p.csv"), text, b',').unwrap();
        assert_eq!(table.rows[0].cells[1].text, "two\nlines");
        assert_eq!(table.rows[0].cells[2].at.to_string(), "p.csv:3:8");
        assert_eq!(table.rows[1].cells[0].at.to_string(), "p.csv:4:1");
        assert_eq!(table.rows[1].cells[2].at.to_string(), "p.csv:4:6");
    }

    #[test]
    fn a_short_row_is_reported() {
        let problems = read(Path::new("p.csv"), "a,b\n1\n", b',')
            .err()
            .unwrap_or_default();
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].location.as_ref().map(ToString::to_string),
            Some("p.csv:2:1".to_string())
        );
    }
}
