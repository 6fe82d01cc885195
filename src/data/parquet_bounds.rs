//! Bounds on what a Parquet file's metadata can make the reader allocate: polars sizes its
//! buffers by the row counts, value counts and page sizes a file declares, so a 563-byte
//! file declaring 2e9 rows, or a page header whose value count is corrupt, made it
//! allocate gigabytes (or 2^61 bytes) and abort. Every declared size is checked against
//! the file's size and a documented limit before polars reads a row.
use std::io::Cursor;

use polars_parquet::parquet::metadata::ColumnChunkMetadata;
use polars_parquet::parquet::read::read_metadata;
use polars_parquet_format::thrift::protocol::TCompactInputProtocol;
use polars_parquet_format::PageHeader;

/// The most rows a Parquet file may declare (every row is held in memory, about 100 bytes each).
pub const MAX_PARQUET_ROWS: usize = 50_000_000;
/// The most rows a Parquet file may declare per byte of file: run-length encoding packs
/// many equal cells into few bytes, but a table of observations is far from this.
pub const MAX_ROWS_PER_BYTE: usize = 1_000;
/// The most bytes one page may decompress to, per byte of file (and at least 1 MiB).
pub const MAX_EXPANSION_PER_BYTE: usize = 1_000;

/// Checks the footer and every page header of the Parquet file `bytes`; the error says
/// which declared size exceeds which bound.
pub(crate) fn check(bytes: &[u8]) -> Result<(), String> {
    let file_len = bytes.len();
    let meta = read_metadata(&mut Cursor::new(bytes)).map_err(|e| format!("cannot read the Parquet footer: {e}"))?;
    let row_limit = MAX_PARQUET_ROWS.min(MAX_ROWS_PER_BYTE.saturating_mul(file_len));
    let group_rows = meta.row_groups.iter().fold(0usize, |sum, g| sum.saturating_add(g.num_rows()));
    let rows = meta.num_rows.max(group_rows);
    if rows > row_limit {
        return Err(format!(
            "the file declares {rows} rows in {file_len} bytes: expected at most {row_limit} (at most {MAX_PARQUET_ROWS} rows, and {MAX_ROWS_PER_BYTE} per byte of file)"
        ));
    }
    let page_limit = MAX_EXPANSION_PER_BYTE.saturating_mul(file_len).max(1 << 20);
    for (g, group) in meta.row_groups.iter().enumerate() {
        for (c, column) in group.parquet_columns().iter().enumerate() {
            check_column(bytes, column, group.num_rows(), page_limit).map_err(|e| format!("row group {}, column {}: {e}", g + 1, c + 1))?;
        }
    }
    Ok(())
}

/// The pages of one column chunk: each header readable within the chunk, sizes
/// non-negative, the compressed page inside the chunk, the uncompressed one at most
/// `page_limit` bytes, and no more values than the row group's `rows` (flat columns).
fn check_column(bytes: &[u8], column: &ColumnChunkMetadata, rows: usize, page_limit: usize) -> Result<(), String> {
    let range = column.byte_range();
    let (start, end) = (range.start as usize, range.end as usize);
    if start > end || end > bytes.len() {
        return Err(format!("declares bytes {start}-{end} of a {}-byte file", bytes.len()));
    }
    let declared = usize::try_from(column.num_values()).map_err(|_| format!("declares {} values", column.num_values()))?;
    if declared > rows {
        return Err(format!("declares {declared} values in a row group of {rows} rows"));
    }
    let mut cursor = Cursor::new(&bytes[..end]);
    cursor.set_position(start as u64);
    let mut values = 0usize;
    while (cursor.position() as usize) < end && values < declared {
        let remaining = end - cursor.position() as usize;
        let header = PageHeader::read_from_in_protocol(&mut TCompactInputProtocol::new(&mut cursor, remaining))
            .map_err(|e| format!("unreadable page header at byte {}: {e}", cursor.position()))?;
        let compressed = usize::try_from(header.compressed_page_size).map_err(|_| "a negative page size".to_string())?;
        let uncompressed = usize::try_from(header.uncompressed_page_size).map_err(|_| "a negative page size".to_string())?;
        let left = end - cursor.position() as usize;
        if compressed > left || uncompressed > page_limit {
            return Err(format!(
                "a page of {compressed} bytes ({uncompressed} uncompressed) where {left} bytes are left and at most {page_limit} may be uncompressed"
            ));
        }
        let page_values = [
            header.data_page_header.as_ref().map(|h| h.num_values),
            header.data_page_header_v2.as_ref().map(|h| h.num_values),
            header.dictionary_page_header.as_ref().map(|h| h.num_values),
        ];
        for count in page_values.into_iter().flatten() {
            let count = usize::try_from(count).map_err(|_| format!("a page declares {count} values"))?;
            if count > rows.max(uncompressed) {
                return Err(format!("a page declares {count} values in a row group of {rows} rows"));
            }
        }
        values = values.saturating_add(header.data_page_header.map_or(0, |h| h.num_values as usize));
        values = values.saturating_add(header.data_page_header_v2.map_or(0, |h| h.num_values as usize));
        cursor.set_position((cursor.position() as usize + compressed) as u64);
    }
    Ok(())
}
