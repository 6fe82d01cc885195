//! A parallel fast path for large, plain CSV panels (no quotes): same rows, same lines.
//!
//! The exact reader (`csv_source`) stays the reference. This path only accepts files
//! it can read with certainty — only the columns subject, channel, partner, year and
//! value, no quote characters, no blank lines, no lone CR, no ragged rows, valid UTF-8,
//! every row valid by the same cell rules (`fields`) — and returns `None` otherwise, so the caller falls back to the exact reader,
//! which then reports any problem with file, line and column.
//!
//! Chunks of whole lines are parsed in parallel straight into pre-sized columns, each
//! chunk with its own string pool; a final parallel pass maps the chunk-local string ids
//! to the table's ids. No row is copied twice. Every row `i` sits on line `i + 2` (blank
//! lines send the file to the exact reader), so no line column is stored.
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::csv_source::{parse_header, Header};
use super::fields::{parse_amount, parse_year, required_text, Cell};
use super::issue::IssueLog;
use super::observations::{Interner, Observations};
use super::schema::Column;
use crate::error::{Error, Result};

/// Files smaller than this are read by the exact reader alone.
pub const MIN_BYTES: u64 = 4 << 20;

/// The only header this path reads (in any order).
const PLAIN: [Column; 5] = [Column::Subject, Column::Channel, Column::Partner, Column::Year, Column::Value];

/// Reads `path` in parallel chunks if it is eligible; `None` means "use the exact reader".
pub fn try_read(path: &str) -> Result<Option<(Observations, Vec<String>)>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    // SAFETY: the map is read-only and private to this function; multivector never
    // writes its inputs. If another process truncated the file while it is read, the
    // mapping could fault; that is the documented limit of reading by mmap.
    let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| Error::io(path, e))?;
    let bytes: &[u8] = &map;
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Ok(None);
    }
    let Some(PlainHeader { end, text, header, position }) = plain_header(path, bytes) else {
        return Ok(None);
    };

    // Chunks of whole lines; a chunk's row count is its line count (blank lines fail).
    let pieces = line_chunks(&bytes[end + 1..]);
    let Some(rows_in) = rows_per_chunk(&pieces) else {
        return Ok(None);
    };
    let total: usize = rows_in.iter().sum();
    if total == 0 || memchr::memchr(b'"', text.as_bytes()).is_some() {
        return Ok(None);
    }

    let mut columns = PlainColumns::zeroed(total);
    let pools = columns.parse(&pieces, &rows_in, &position);
    drop(map);
    let Some(pools) = pools else {
        return Ok(None);
    };
    let strings = columns.remap_strings(&pools, &rows_in);
    let PlainColumns { subject, channel, partner, year, value } = columns;
    let out = Observations::from_plain_columns(path, header.columns.clone(), strings, subject, channel, partner, year, value);
    Ok(Some((out, header.unknown)))
}

/// A header of exactly the plain columns: where it ends, its text, and the positions of
/// the `PLAIN` columns.
struct PlainHeader<'a> {
    end: usize,
    text: &'a str,
    header: Header,
    position: Vec<usize>,
}

/// Reads the header line (after any BOM); `None` unless it is valid and names exactly the plain columns.
fn plain_header<'a>(path: &str, bytes: &'a [u8]) -> Option<PlainHeader<'a>> {
    let body_start = bytes.starts_with(&[0xEF, 0xBB, 0xBF]) as usize * 3;
    let end = memchr::memchr(b'\n', &bytes[body_start..]).map(|p| body_start + p)?;
    let text = std::str::from_utf8(&bytes[body_start..end]).ok()?;
    // A lone CR ends a record for the exact reader (and shifts every line number): leave
    // such a header to it, as `parse` does for rows.
    if text.strip_suffix('\r').unwrap_or(text).contains('\r') {
        return None;
    }
    let names: Vec<String> = text.trim_end_matches('\r').split(',').map(|n| n.trim().to_string()).collect();
    let mut log = IssueLog::new(1);
    let header = parse_header(path, &names, &mut log)?;
    if names.len() != PLAIN.len() || !PLAIN.iter().all(|c| header.columns.has(*c)) {
        return None;
    }
    let position: Vec<usize> = PLAIN.iter().map(|c| header.columns.get(*c).unwrap_or(0)).collect();
    Some(PlainHeader { end, text, header, position })
}

/// Cuts the body into about four chunks per thread, each of whole lines.
fn line_chunks(body: &[u8]) -> Vec<&[u8]> {
    let chunks = (rayon::current_num_threads() * 4).max(1);
    let mut starts = vec![0usize];
    for k in 1..chunks {
        let target = body.len() * k / chunks;
        let at = memchr::memchr(b'\n', &body[target..]).map_or(body.len(), |p| target + p + 1);
        if at > *starts.last().unwrap_or(&0) && at < body.len() {
            starts.push(at);
        }
    }
    starts.push(body.len());
    starts.windows(2).map(|w| &body[w[0]..w[1]]).collect()
}

/// Rows per chunk, or `None` if any chunk holds a quote (then the exact reader decides);
/// one parallel pass, so the file's pages are also brought in by every thread.
fn rows_per_chunk(pieces: &[&[u8]]) -> Option<Vec<usize>> {
    let counted: Vec<Option<usize>> = pieces
        .par_iter()
        .map(|p| {
            let quoted = memchr::memchr(b'"', p).is_some();
            (!quoted).then(|| memchr::memchr_iter(b'\n', p).count() + usize::from(!p.ends_with(b"\n") && !p.is_empty()))
        })
        .collect();
    counted.into_iter().collect::<Option<Vec<usize>>>()
}

/// The table's columns, filled chunk by chunk.
struct PlainColumns {
    subject: Vec<u32>,
    channel: Vec<u32>,
    partner: Vec<u32>,
    year: Vec<i32>,
    value: Vec<f64>,
}

impl PlainColumns {
    /// Columns of `total` zeroed rows.
    fn zeroed(total: usize) -> PlainColumns {
        PlainColumns {
            subject: vec![0u32; total],
            channel: vec![0u32; total],
            partner: vec![0u32; total],
            year: vec![0i32; total],
            value: vec![0f64; total],
        }
    }

    /// Parses the chunks in parallel into the columns; each chunk's string pool, or `None` at the first doubt.
    fn parse(&mut self, pieces: &[&[u8]], rows_in: &[usize], position: &[usize]) -> Option<Vec<Interner>> {
        let failed = AtomicBool::new(false);
        let mut jobs = Vec::with_capacity(pieces.len());
        {
            let (mut s, mut c, mut p, mut y, mut v) =
                (&mut self.subject[..], &mut self.channel[..], &mut self.partner[..], &mut self.year[..], &mut self.value[..]);
            for (piece, &n) in pieces.iter().zip(rows_in) {
                let (s1, s2) = s.split_at_mut(n);
                let (c1, c2) = c.split_at_mut(n);
                let (p1, p2) = p.split_at_mut(n);
                let (y1, y2) = y.split_at_mut(n);
                let (v1, v2) = v.split_at_mut(n);
                jobs.push(Chunk { text: piece, subject: s1, channel: c1, partner: p1, year: y1, value: v1 });
                (s, c, p, y, v) = (s2, c2, p2, y2, v2);
            }
        }
        let pools: Vec<Option<Interner>> = jobs.into_par_iter().map(|job| job.parse(position, &failed)).collect();
        if failed.load(Ordering::Relaxed) || pools.iter().any(Option::is_none) {
            return None;
        }
        Some(pools.into_iter().flatten().collect())
    }

    /// One string pool for the table; maps each chunk's ids to it in parallel.
    fn remap_strings(&mut self, pools: &[Interner], rows_in: &[usize]) -> Interner {
        let mut strings = Interner::default();
        let maps: Vec<Vec<u32>> =
            pools.iter().map(|pool| (0..pool.len() as u32).map(|id| strings.intern(pool.text(id))).collect()).collect();
        for column in [&mut self.subject, &mut self.channel, &mut self.partner] {
            let mut parts: Vec<&mut [u32]> = Vec::with_capacity(rows_in.len());
            let mut rest = &mut column[..];
            for n in rows_in {
                let (head, tail) = rest.split_at_mut(*n);
                parts.push(head);
                rest = tail;
            }
            parts.into_par_iter().zip(maps.par_iter()).for_each(|(part, map)| {
                for id in part.iter_mut() {
                    *id = map[*id as usize];
                }
            });
        }
        strings
    }
}

/// One chunk of lines and the column slices it fills.
struct Chunk<'a> {
    text: &'a [u8],
    subject: &'a mut [u32],
    channel: &'a mut [u32],
    partner: &'a mut [u32],
    year: &'a mut [i32],
    value: &'a mut [f64],
}

impl Chunk<'_> {
    /// Parses every line; returns the chunk's string pool, or `None` at the first doubt.
    fn parse(self, position: &[usize], failed: &AtomicBool) -> Option<Interner> {
        let mut pool = Interner::default();
        let mut last: [(Option<u32>, &[u8]); 3] = [(None, &[]), (None, &[]), (None, &[])];
        // Raw cell bytes → id, per column: each distinct name is checked and interned once.
        let mut known: [hashbrown::HashMap<&[u8], u32>; 3] = Default::default();
        let mut fields: [&[u8]; 5] = [&[]; 5];
        let mut rest = self.text;
        let mut row = 0usize;
        while !rest.is_empty() {
            if failed.load(Ordering::Relaxed) || row >= self.subject.len() {
                return fail(failed);
            }
            let end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
            let raw = &rest[..end];
            rest = if end < rest.len() { &rest[end + 1..] } else { &[] };
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            // A lone CR ends a record for the exact reader: leave such a file to it.
            if raw.is_empty() || memchr::memchr(b'\r', raw).is_some() {
                return fail(failed);
            }
            let mut count = 0;
            for field in raw.split(|&b| b == b',') {
                if count == 5 {
                    return fail(failed);
                }
                fields[count] = field;
                count += 1;
            }
            if count != 5 {
                return fail(failed);
            }
            // Text columns, with a one-entry cache per column (panels repeat names).
            let mut ids = [0u32; 3];
            for (k, &col) in [0usize, 1, 2].iter().enumerate() {
                let bytes = fields[position[col]];
                ids[k] = match last[k] {
                    (Some(id), prev) if prev == bytes => id,
                    _ => {
                        let id = match known[k].get(bytes) {
                            Some(&id) => id,
                            None => {
                                let Ok(text) = std::str::from_utf8(bytes) else { return fail(failed) };
                                let Ok(name) = required_text(PLAIN[col], Cell::from_text(text)) else { return fail(failed) };
                                let id = pool.intern(name);
                                known[k].insert(bytes, id);
                                id
                            }
                        };
                        last[k] = (Some(id), bytes);
                        id
                    }
                };
            }
            let text = |col: usize| std::str::from_utf8(fields[position[col]]).map(Cell::from_text);
            let (Ok(year_cell), Ok(value_cell)) = (text(3), text(4)) else { return fail(failed) };
            let (Ok(Some(year)), Ok(Some(value))) = (parse_year(Column::Year, year_cell), parse_amount(Column::Value, value_cell)) else {
                return fail(failed);
            };
            self.subject[row] = ids[0];
            self.channel[row] = ids[1];
            self.partner[row] = ids[2];
            self.year[row] = year;
            self.value[row] = value;
            row += 1;
        }
        if row != self.subject.len() {
            return fail(failed);
        }
        Some(pool)
    }
}

fn fail<T>(failed: &AtomicBool) -> Option<T> {
    failed.store(true, Ordering::Relaxed);
    None
}
