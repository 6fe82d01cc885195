//! Writing many text rows fast and in order: parallel formatting, overlapped with writing.
use std::io::Write;
use std::ops::Range;

use rayon::prelude::*;

use crate::error::{Error, Result, UNNAMED_OUTPUT};

/// Rows per block formatted by one task, and blocks per batch handed to the writer.
const BLOCK_ROWS: usize = 4096;
const BATCH_BLOCKS: usize = 64;

/// Writes `rows` text rows: `format_block` turns a range of row indices into their bytes.
/// Blocks of rows are formatted in parallel while the previous batch is being written, and
/// written in row order, so the bytes do not depend on the thread count and at most two
/// batches are held in memory. The first formatting or write error is returned.
pub fn write_rows_pipelined(out: &mut dyn Write, rows: usize, format_block: impl Fn(Range<usize>) -> Result<Vec<u8>> + Sync) -> Result<()> {
    let io = |e: std::io::Error| Error::io(UNNAMED_OUTPUT, e);
    std::thread::scope(|scope| {
        let (batches, received) = std::sync::mpsc::sync_channel::<Result<Vec<Vec<u8>>>>(1);
        let format_block = &format_block;
        scope.spawn(move || {
            for first in (0..rows).step_by(BLOCK_ROWS * BATCH_BLOCKS) {
                let last = (first + BLOCK_ROWS * BATCH_BLOCKS).min(rows);
                let blocks: Result<Vec<Vec<u8>>> = (first..last)
                    .step_by(BLOCK_ROWS)
                    .collect::<Vec<usize>>()
                    .into_par_iter()
                    .map(|start| format_block(start..(start + BLOCK_ROWS).min(last)))
                    .collect();
                let failed = blocks.is_err();
                // The receiver is gone only after an error; stop formatting then.
                if batches.send(blocks).is_err() || failed {
                    return;
                }
            }
        });
        for blocks in received {
            for block in blocks? {
                out.write_all(&block).map_err(io)?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sink that fails once more than `limit` bytes were written.
    struct FailingSink {
        written: usize,
        limit: usize,
    }

    impl Write for FailingSink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.written + buf.len() > self.limit {
                return Err(std::io::Error::other("disk full"));
            }
            self.written += buf.len();
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn pipelined_rows_arrive_in_order_across_batches() {
        let rows = 2 * BLOCK_ROWS * BATCH_BLOCKS + 3 * BLOCK_ROWS + 17;
        let mut out = Vec::new();
        write_rows_pipelined(&mut out, rows, |block| Ok(block.flat_map(|i| format!("{i}\n").into_bytes()).collect())).unwrap();
        let expected: String = (0..rows).map(|i| format!("{i}\n")).collect();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn pipelined_write_error_is_returned_and_formatting_stops() {
        let rows = 4 * BLOCK_ROWS * BATCH_BLOCKS;
        let formatted = std::sync::atomic::AtomicUsize::new(0);
        let mut sink = FailingSink { written: 0, limit: 1000 };
        let result = write_rows_pipelined(&mut sink, rows, |block| {
            formatted.fetch_add(block.len(), std::sync::atomic::Ordering::Relaxed);
            Ok(block.flat_map(|i| format!("{i}\n").into_bytes()).collect())
        });
        assert!(matches!(result, Err(Error::Io { .. })), "{result:?}");
        // The writer failed on the first batch: at most the batches already in flight
        // (one written, one queued, one being formatted) were formatted, not all four.
        assert!(formatted.into_inner() <= 3 * BLOCK_ROWS * BATCH_BLOCKS);
    }
}
