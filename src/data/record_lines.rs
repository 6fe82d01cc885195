//! The true first line of each CSV record, which the csv crate's record position does not give.
//!
//! `csv::ByteRecord::position` is where the parser began reading the record: before any
//! blank lines that precede it and, in CRLF files, on the previous line's `\n`. So a record
//! on line 4 after a blank line is reported on line 3, and every row of a CRLF file one
//! line early. `BreakRecorder` wraps the reader the csv crate reads from and notes where
//! the line-break bytes are; `Breaks::first_line` then skips the breaks at the start of a
//! record and counts lines to its first real byte. A line ends at LF, CRLF or a lone CR
//! (the csv crate's record terminators), so old Mac files are counted right too. Only
//! breaks not yet passed by the parser are kept (a read-ahead buffer's worth).
use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::Read;
use std::rc::Rc;

/// Line breaks seen by a `BreakRecorder` and not yet passed by the parser.
#[derive(Debug, Default)]
pub struct Breaks {
    /// (byte offset, whether the byte ends a line) of each '\r' or '\n' not yet passed;
    /// the '\n' of a CRLF pair does not (its '\r' did).
    pending: VecDeque<(u64, bool)>,
    /// Line ends already passed.
    newlines_passed: u64,
}

impl Breaks {
    /// The 1-based line of the first byte at or after `start` that is not a line break:
    /// the first line of the record the csv crate reports at byte `start`. Calls must come
    /// with non-decreasing `start`.
    pub fn first_line(&mut self, start: u64) -> u64 {
        let mut cursor = start;
        while let Some(&(at, newline)) = self.pending.front() {
            if at > cursor {
                break;
            }
            if at == cursor {
                cursor += 1;
            }
            self.newlines_passed += u64::from(newline);
            self.pending.pop_front();
        }
        1 + self.newlines_passed
    }

    /// `first_line` of the record at csv `position` (0 if the record has no position).
    pub fn line_of(&mut self, position: Option<&csv::Position>) -> u64 {
        position.map_or(0, |p| self.first_line(p.byte()))
    }
}

/// A reader that records the offsets of the line breaks it passes on.
pub struct BreakRecorder<R> {
    inner: R,
    offset: u64,
    /// Whether the last byte passed on was '\r' (a CRLF pair may span two reads).
    after_cr: bool,
    breaks: Rc<RefCell<Breaks>>,
}

impl<R: Read> BreakRecorder<R> {
    /// Wraps `inner`, whose first byte has offset 0; the shared `Breaks` answer queries.
    pub fn new(inner: R) -> (BreakRecorder<R>, Rc<RefCell<Breaks>>) {
        let breaks = Rc::new(RefCell::new(Breaks::default()));
        (BreakRecorder { inner, offset: 0, after_cr: false, breaks: breaks.clone() }, breaks)
    }
}

impl<R: Read> Read for BreakRecorder<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut breaks = self.breaks.borrow_mut();
        for i in memchr::memchr2_iter(b'\r', b'\n', &buf[..n]) {
            let follows_cr = if i == 0 { self.after_cr } else { buf[i - 1] == b'\r' };
            let ends_line = buf[i] == b'\r' || !follows_cr;
            breaks.pending.push_back((self.offset + i as u64, ends_line));
        }
        if n > 0 {
            self.after_cr = buf[n - 1] == b'\r';
        }
        self.offset += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::BreakRecorder;

    /// First lines of the records of `text` as the csv reader finds them, via `Breaks`.
    fn lines(text: &str) -> Vec<u64> {
        let (reader, breaks) = BreakRecorder::new(text.as_bytes());
        let mut csv = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(reader);
        let mut record = csv::ByteRecord::new();
        let mut out = Vec::new();
        while csv.read_byte_record(&mut record).unwrap() {
            out.push(breaks.borrow_mut().first_line(record.position().unwrap().byte()));
        }
        out
    }

    #[test]
    fn records_get_the_line_they_start_on() {
        assert_eq!(lines("h\na\nb\n"), [1, 2, 3]);
        assert_eq!(lines("h\r\na\r\nb\r\n"), [1, 2, 3]);
        assert_eq!(lines("h\n\na\nb\n"), [1, 3, 4]);
        assert_eq!(lines("h\na\n\n\nb\nc"), [1, 2, 5, 6]);
        assert_eq!(lines("h\r\na\r\n\r\nb\r\n"), [1, 2, 4]);
        assert_eq!(lines("\n\nh\na\n"), [3, 4]);
        // A quoted field over two lines: the next record starts two lines later.
        assert_eq!(lines("h,x\n\"a\nb\",1\nc,2\n"), [1, 2, 4]);
        assert_eq!(lines("h,x\r\n\"a\r\nb\",1\r\nc,2\r\n"), [1, 2, 4]);
        // CR-only line ends (old Mac files) count as lines too.
        assert_eq!(lines("h\ra\rb\r"), [1, 2, 3]);
        assert_eq!(lines("h\ra\r\rb\r"), [1, 2, 4]);
        assert_eq!(lines("h\ra\r\nb\nc"), [1, 2, 3, 4]);
    }

    #[test]
    fn long_files_keep_counting_across_reader_buffers() {
        let mut text = String::from("h\n");
        for i in 0..50_000 {
            text.push_str(if i % 7 == 0 { "row\r\n\r\n" } else { "row\n" });
        }
        let got = lines(&text);
        let mut expected = vec![1];
        let mut line = 2;
        for i in 0..50_000 {
            expected.push(line);
            line += if i % 7 == 0 { 2 } else { 1 };
        }
        assert_eq!(got, expected);
    }
}
