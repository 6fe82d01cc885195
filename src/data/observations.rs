//! The validated observation table: columnar, strings interned, every row traceable to file and line.
use hashbrown::HashMap;

use super::issue::Issue;
use super::schema::{Column, ColumnMap};

/// Marker for "no value" in an interned optional text column.
pub const NONE: u32 = u32::MAX;

/// Marker in the stored `year_end` column: the row ends in the year it starts.
const SAME_YEAR: i32 = i32::MIN;

/// A string pool: each distinct text is stored once and referred to by a `u32` id.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    ids: HashMap<Box<str>, u32>,
    texts: Vec<Box<str>>,
}

impl Interner {
    /// The id of `text`, adding it to the pool if it is new.
    pub fn intern(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = self.texts.len() as u32;
        self.texts.push(text.into());
        self.ids.insert(text.into(), id);
        id
    }

    /// The id of `text` if it is in the pool.
    pub fn get(&self, text: &str) -> Option<u32> {
        self.ids.get(text).copied()
    }

    /// The text with id `id`.
    pub fn text(&self, id: u32) -> &str {
        &self.texts[id as usize]
    }

    /// Number of distinct texts.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// True when the pool holds no text.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }
}

/// An optional column that costs nothing until its first non-missing value.
#[derive(Debug, Clone, PartialEq)]
pub struct Sparse<T: Copy> {
    values: Vec<T>,
}

impl<T: Copy> Default for Sparse<T> {
    fn default() -> Self {
        Sparse { values: Vec::new() }
    }
}

impl<T: Copy + PartialEq> Sparse<T> {
    /// Appends `value` as row `row`; `missing` is the column's "no value" marker.
    fn push(&mut self, row: usize, value: T, missing: T) {
        // NaN marks a missing float, and NaN != NaN: compare bit patterns via `same`.
        if self.values.is_empty() && same(value, missing) {
            return;
        }
        if self.values.len() < row {
            self.values.resize(row, missing);
        }
        self.values.push(value);
    }

    fn get(&self, row: usize, missing: T) -> T {
        self.values.get(row).copied().unwrap_or(missing)
    }
}

/// Which of the ids `0..count` occur in `ids` (flags indexed by id; no hashing per row).
pub fn used_ids(ids: &[u32], count: usize) -> Vec<bool> {
    let mut used = vec![false; count];
    for &id in ids {
        used[id as usize] = true;
    }
    used
}

/// Equality that also holds for two NaN markers.
fn same<T: Copy + PartialEq>(a: T, b: T) -> bool {
    #[allow(clippy::eq_op)]
    let a_is_nan = a != a;
    #[allow(clippy::eq_op)]
    let b_is_nan = b != b;
    a == b || (a_is_nan && b_is_nan)
}

/// How a row dates its amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Dating {
    /// A single calendar year (`year`).
    Year,
    /// A total over `period_start..=period_end`.
    Period,
    /// One year's share of a period total, after spreading (see `periods`).
    Spread,
}

/// Where a row came from: which loaded file (index into `Observations::files`) and line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    /// Index into `Observations::files`.
    pub file: u32,
    /// 1-based line in that file.
    pub line: u32,
}

/// One row's validated content, borrowed from the reader, ready to be appended.
#[derive(Debug, Clone, Copy)]
pub struct RowInput<'a> {
    /// Whose portfolio is measured.
    pub subject: &'a str,
    /// Field of cooperation (arms, exercises, training, …).
    pub channel: &'a str,
    /// Canonical partner name.
    pub partner: &'a str,
    /// First year the row covers.
    pub year_start: i32,
    /// Last year the row covers (`year_start` for a single year).
    pub year_end: i32,
    /// How the row is dated: a year, a period total, or a spread share of one.
    pub dating: Dating,
    /// Non-negative amount (TIV, persons, exercises).
    pub value: f64,
    /// Lower bound of the coded value ("about", "more than"), if given.
    pub value_low: Option<f64>,
    /// Upper bound of the coded value, if given.
    pub value_high: Option<f64>,
    /// Unit of the channel (TIV_mn, persons, exercises, …).
    pub unit: Option<&'a str>,
    /// Multilateral framework (bilateral, CSTO, SCO, …), if given.
    pub framework: Option<&'a str>,
    /// Rows sharing it are one event (an exercise, a deal).
    pub event_id: Option<&'a str>,
    /// Recurring series of the event ("Steppe Eagle"): rows sharing it are one cluster of events.
    pub series: Option<&'a str>,
    /// Kinds of cooperation, `;`-separated (an exercise's missions and domains).
    pub kind: Option<&'a str>,
    /// Citation key of the source.
    pub source: Option<&'a str>,
    /// Where in the source (a line range, a deal id, a page).
    pub locator: Option<&'a str>,
    /// A verbatim quote from the cited source (provenance).
    pub quote: Option<&'a str>,
    /// Free-text note.
    pub note: Option<&'a str>,
}

/// The validated observations of one or more files, in input order.
#[derive(Debug, Clone, Default)]
pub struct Observations {
    /// Every text of the table, interned: the columns below hold ids into it.
    pub(crate) strings: Interner,
    /// The files read, in order.
    pub(crate) files: Vec<String>,
    /// Where each schema column sat in each file, for located messages.
    pub(crate) file_columns: Vec<ColumnMap>,
    pub(crate) subject: Vec<u32>,
    pub(crate) channel: Vec<u32>,
    pub(crate) partner: Vec<u32>,
    /// The (first) year of each row; `year_end(i)` gives the last.
    pub(crate) year_start: Vec<i32>,
    pub(crate) value: Vec<f64>,
    /// The last year of each row where it differs from `year_start` (period rows), else
    /// `SAME_YEAR`; costs nothing for a table of single years.
    year_end: Sparse<i32>,
    /// How each row is dated; costs nothing for a table of single years.
    dating: Sparse<Dating>,
    /// 1-based line of each row in its file. Empty while every row `i` sits on line
    /// `i + 2` of the one file read (a plain file read whole by the parallel reader).
    line: Vec<u32>,
    /// The first row of each file (rows of one file are contiguous).
    file_start: Vec<usize>,
    value_low: Sparse<f64>,
    value_high: Sparse<f64>,
    unit: Sparse<u32>,
    framework: Sparse<u32>,
    event_id: Sparse<u32>,
    series: Sparse<u32>,
    kind: Sparse<u32>,
    source: Sparse<u32>,
    locator: Sparse<u32>,
    quote: Sparse<u32>,
    note: Sparse<u32>,
}

impl Observations {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.value.len()
    }

    /// True when the table has no row.
    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }

    /// Registers a file name and returns its index for `Origin::file`.
    /// Registers a file; the rows pushed next belong to it.
    pub fn add_file(&mut self, name: &str, columns: ColumnMap) {
        self.files.push(name.to_string());
        self.file_columns.push(columns);
        self.file_start.push(self.len());
    }

    /// A table of one file from ready columns of year-dated rows without optional columns.
    #[allow(clippy::too_many_arguments)]
    pub fn from_plain_columns(
        file: &str,
        columns: ColumnMap,
        strings: Interner,
        subject: Vec<u32>,
        channel: Vec<u32>,
        partner: Vec<u32>,
        year: Vec<i32>,
        value: Vec<f64>,
    ) -> Observations {
        Observations {
            strings,
            files: vec![file.to_string()],
            file_columns: vec![columns],
            subject,
            channel,
            partner,
            year_start: year,
            value,
            file_start: vec![0],
            ..Observations::default()
        }
    }

    /// Reserves room for `rows` more rows in the required columns.
    pub fn reserve(&mut self, rows: usize) {
        self.subject.reserve_exact(rows);
        self.channel.reserve_exact(rows);
        self.partner.reserve_exact(rows);
        self.year_start.reserve_exact(rows);
        self.value.reserve_exact(rows);
        self.line.reserve_exact(rows);
    }

    /// Which file and line row `i` came from.
    pub fn origin(&self, i: usize) -> Origin {
        let file = self.file_start.partition_point(|&start| start <= i).saturating_sub(1);
        Origin { file: file as u32, line: self.line(i) }
    }

    /// Appends a row read from line `line` of the most recently added file.
    pub fn push(&mut self, row: RowInput<'_>, line: u32) {
        let i = self.len();
        let s = &mut self.strings;
        self.subject.push(s.intern(row.subject));
        self.channel.push(s.intern(row.channel));
        self.partner.push(s.intern(row.partner));
        self.year_start.push(row.year_start);
        let year_end = if row.year_end == row.year_start { SAME_YEAR } else { row.year_end };
        self.year_end.push(i, year_end, SAME_YEAR);
        self.dating.push(i, row.dating, Dating::Year);
        // -0.0 is stored as +0.0 so that output never shows "-0".
        self.value.push(row.value + 0.0);
        self.value_low.push(i, row.value_low.unwrap_or(f64::NAN), f64::NAN);
        self.value_high.push(i, row.value_high.unwrap_or(f64::NAN), f64::NAN);
        let mut opt = |col: &mut Sparse<u32>, text: Option<&str>| {
            let id = text.map_or(NONE, |t| s.intern(t));
            col.push(i, id, NONE);
        };
        opt(&mut self.unit, row.unit);
        opt(&mut self.framework, row.framework);
        opt(&mut self.event_id, row.event_id);
        opt(&mut self.series, row.series);
        opt(&mut self.kind, row.kind);
        opt(&mut self.source, row.source);
        opt(&mut self.locator, row.locator);
        opt(&mut self.quote, row.quote);
        opt(&mut self.note, row.note);
        if self.line.len() < i {
            // Lines were implicit until now (see `line`): write them out.
            self.line = (0..i as u32).map(|r| r + 2).collect();
        }
        self.line.push(line);
    }

    /// Appends every row of `other`, re-interning its strings.
    pub fn append(&mut self, other: &Observations) {
        let row_offset = self.len();
        self.files.extend(other.files.iter().cloned());
        self.file_columns.extend(other.file_columns.iter().cloned());
        self.file_start.extend(other.file_start.iter().map(|s| s + row_offset));
        self.reserve(other.len());
        for i in 0..other.len() {
            self.push(other.row(i), other.line(i));
        }
    }

    /// Row `i` with its strings resolved.
    /// Every row's value, in row order.
    pub fn values(&self) -> &[f64] {
        &self.value
    }

    /// The text behind an interned id (a partner, subject, channel … of this table).
    pub fn text(&self, id: u32) -> &str {
        self.strings.text(id)
    }

    /// Row `i` with its texts resolved (borrowed from the table).
    pub fn row(&self, i: usize) -> RowInput<'_> {
        let text = |col: &Sparse<u32>| {
            let id = col.get(i, NONE);
            (id != NONE).then(|| self.strings.text(id))
        };
        let number = |col: &Sparse<f64>| {
            let v = col.get(i, f64::NAN);
            (!v.is_nan()).then_some(v)
        };
        RowInput {
            subject: self.strings.text(self.subject[i]),
            channel: self.strings.text(self.channel[i]),
            partner: self.strings.text(self.partner[i]),
            year_start: self.year_start[i],
            year_end: self.year_end(i),
            dating: self.dating(i),
            value: self.value[i],
            value_low: number(&self.value_low),
            value_high: number(&self.value_high),
            unit: text(&self.unit),
            framework: text(&self.framework),
            event_id: text(&self.event_id),
            series: text(&self.series),
            kind: text(&self.kind),
            source: text(&self.source),
            locator: text(&self.locator),
            quote: text(&self.quote),
            note: text(&self.note),
        }
    }

    /// The last year of row `i` (its `year_start` unless it is a period row).
    pub fn year_end(&self, i: usize) -> i32 {
        match self.year_end.get(i, SAME_YEAR) {
            SAME_YEAR => self.year_start[i],
            end => end,
        }
    }

    /// How row `i` is dated.
    pub fn dating(&self, i: usize) -> Dating {
        self.dating.get(i, Dating::Year)
    }

    /// Whether any row is a whole-period total (`Dating::Period`).
    pub fn has_periods(&self) -> bool {
        self.dating.values.contains(&Dating::Period)
    }

    /// The 1-based line of row `i` in its file.
    pub fn line(&self, i: usize) -> u32 {
        self.line.get(i).copied().unwrap_or(i as u32 + 2)
    }

    /// The row's interned unit id (`NONE` when missing).
    pub fn unit_id(&self, i: usize) -> u32 {
        self.unit.get(i, NONE)
    }

    /// The row's interned framework id (`NONE` when missing).
    pub fn framework_id(&self, i: usize) -> u32 {
        self.framework.get(i, NONE)
    }

    /// The row's interned event id (`NONE` when missing).
    pub fn event_id(&self, i: usize) -> u32 {
        self.event_id.get(i, NONE)
    }

    /// The row's interned series id (`NONE` when missing): rows sharing it (within subject
    /// and channel) belong to one recurring series of events; `text(id)` gives its name.
    pub fn series(&self, i: usize) -> u32 {
        self.series.get(i, NONE)
    }

    /// The distinct partner names of the table, sorted.
    pub fn partner_names(&self) -> Vec<&str> {
        let mut ids = self.partner.clone();
        ids.sort_unstable();
        ids.dedup();
        let mut names: Vec<&str> = ids.into_iter().map(|id| self.strings.text(id)).collect();
        names.sort_unstable();
        names
    }

    /// The row's interned `kind` text (`NONE` when missing).
    pub fn kind_id(&self, i: usize) -> u32 {
        self.kind.get(i, NONE)
    }

    /// The row's kinds of cooperation (`kind`, split at `;`, trimmed, empty parts dropped).
    pub fn kinds(&self, i: usize) -> impl Iterator<Item = &str> {
        let id = self.kind_id(i);
        let text = if id == NONE { "" } else { self.strings.text(id) };
        text.split(';').map(str::trim).filter(|k| !k.is_empty())
    }

    /// A structural zero outside any event: value 0 with no upper bound above 0 and no
    /// event_id (SIPRI recorded no delivery). It marks its year as covered; in a group
    /// with events it is no unit of evidence, since nothing happened that could be drawn
    /// (docs/METHODS.md §1.4).
    pub fn is_structural_zero(&self, i: usize) -> bool {
        self.value[i] == 0.0 && self.event_id(i) == NONE && !(self.value_high.get(i, f64::NAN) > 0.0)
    }

    /// An issue located at row `i`, column `column` of its file.
    pub fn issue_at(&self, i: usize, column: Column, message: impl Into<String>) -> Issue {
        let o = self.origin(i);
        let position = self.file_columns[o.file as usize].get(column).map(|p| p + 1);
        Issue::at_cell(&self.files[o.file as usize], o.line as u64, position, column.name(), message)
    }

    /// "file:line" of row `i`, for messages.
    pub fn location(&self, i: usize) -> String {
        let o = self.origin(i);
        format!("{}:{}", self.files[o.file as usize], o.line)
    }

    /// Replaces every partner id through `map` (old id → new id); used by the registry.
    pub fn remap_partners(&mut self, map: &[u32]) {
        for p in &mut self.partner {
            *p = map[*p as usize];
        }
    }

    /// Rewrites each row's partner by a function of its text (canonicalisation).
    pub fn rename_partners(&mut self, mut rename: impl FnMut(&str) -> Option<String>) {
        let mut map: Vec<u32> = (0..self.strings.len() as u32).collect();
        let used = used_ids(&self.partner, self.strings.len());
        let mut changed = false;
        for id in (0..used.len() as u32).filter(|&id| used[id as usize]) {
            let text = self.strings.text(id).to_string();
            if let Some(new_name) = rename(&text) {
                map[id as usize] = self.strings.intern(&new_name);
                changed |= map[id as usize] != id;
            }
        }
        if changed {
            self.remap_partners(&map);
        }
    }
}
