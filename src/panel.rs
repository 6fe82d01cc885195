//! Groups observations into subject × channel × window partner vectors (the panel engine).
//!
//! Rows with the same group and partner are summed. A group exists when at least one
//! row falls into it, so a window whose rows are all 0 is reported (total 0, flag
//! `empty`) while a window without rows (not coded) is not.
use std::sync::Arc;

use hashbrown::HashMap;
use rayon::prelude::*;

use crate::data::observations::Observations;
use crate::metrics::{self, Suite};

/// How years are pooled into windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Windowing {
    /// Aligned blocks [anchor + kN, anchor + kN + N − 1]; N = 1 is annual. Anchor
    /// defaults to the earliest year in the input.
    Blocks {
        /// N, the window length in years.
        size: i32,
        /// The year a block starts at; `None` for the earliest year in the input.
        anchor: Option<i32>,
    },
    /// Moving windows [y, y + N − 1] for every start year y of a group's coverage
    /// that gives a full window (one partial window if the coverage is shorter).
    Rolling {
        /// N, the window length in years.
        size: i32,
    },
}

impl Windowing {
    /// One window per calendar year (blocks of 1, anchored at the earliest year).
    pub const ANNUAL: Windowing = Windowing::Blocks { size: 1, anchor: None };

    /// N, the window length in years (at least 1).
    pub fn size(&self) -> i32 {
        match *self {
            Windowing::Blocks { size, .. } | Windowing::Rolling { size } => size.max(1),
        }
    }
}

/// Which of subject and channel separate groups (a pooled dimension shows as "(all)").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupBy {
    /// Separate groups by subject (otherwise subjects are pooled).
    pub subject: bool,
    /// Separate groups by channel (otherwise channels are pooled).
    pub channel: bool,
}

impl Default for GroupBy {
    fn default() -> Self {
        GroupBy { subject: true, channel: true }
    }
}

/// Label of a pooled dimension.
pub const ALL: &str = "(all)";

/// One group: whose, which channel, which window, and its partner vector.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The subject, or "(all)" when subjects are pooled; shared between the groups of a
    /// track (no string per group).
    pub subject: Arc<str>,
    /// The channel, or "(all)" when channels are pooled.
    pub channel: Arc<str>,
    /// First year of the window.
    pub year_start: i32,
    /// Last year of the window (inclusive).
    pub year_end: i32,
    /// The window reaches beyond the years covered by the group's data (flag `partial-window`).
    pub partial: bool,
    entries: std::ops::Range<usize>,
}

/// All groups of a table, with their partner vectors stored contiguously.
#[derive(Debug, Clone)]
pub struct Panel {
    /// The groups, sorted by subject, channel and window.
    pub groups: Vec<Group>,
    /// (partner id into the table's strings, summed value), sorted by partner id per group.
    entries: Vec<(u32, f64)>,
    /// Period rows that fit in no window whole (only with whole-period rows and blocks).
    pub dropped_period_rows: usize,
    /// How rows map to groups, kept for `row_groups`.
    layout: Layout,
}

/// The track (subject × channel) and window layout a panel was built with.
#[derive(Debug, Clone)]
struct Layout {
    by: GroupBy,
    windowing: Windowing,
    anchor: i64,
    tracks: Vec<Track>,
    track_of: HashMap<(u32, u32), u32>,
    /// Dense window id (track offset + k) → index in `groups`, or usize::MAX.
    group_of_window: Vec<usize>,
}

const POOLED: u32 = u32::MAX;

impl Layout {
    fn track_key(&self, obs: &Observations, i: usize) -> (u32, u32) {
        (if self.by.subject { obs.subject[i] } else { POOLED }, if self.by.channel { obs.channel[i] } else { POOLED })
    }
}

/// The windows (0-based, relative to the track's first window) that a row spanning
/// `ys..=ye` falls in entirely.
fn windows_of(windowing: Windowing, anchor: i64, t: &Track, ys: i32, ye: i32) -> std::ops::Range<i64> {
    let size = windowing.size() as i64;
    let (ys, ye) = (ys as i64, ye as i64);
    match windowing {
        Windowing::Blocks { .. } => {
            let (ks, ke) = ((ys - anchor).div_euclid(size), (ye - anchor).div_euclid(size));
            if ks == ke {
                ks - t.window_min..ks - t.window_min + 1
            } else {
                0..0
            }
        }
        Windowing::Rolling { .. } => {
            let lo = (ye - size + 1).max(t.window_min);
            let hi = ys.min(t.window_min + t.windows - 1);
            if lo <= hi {
                lo - t.window_min..hi - t.window_min + 1
            } else {
                0..0
            }
        }
    }
}

#[derive(Debug, Clone)]
struct Track {
    subject: u32,
    channel: u32,
    first: i32,
    last: i32,
    window_min: i64,
    windows: i64,
    offset: usize,
}

impl Panel {
    /// Builds the panel of `obs` under `by` and `windowing`.
    pub fn build(obs: &Observations, by: GroupBy, windowing: Windowing) -> Panel {
        let anchor = anchor_year(obs, windowing);
        // 1. subject × channel tracks and their year coverage.
        let (mut tracks, track_of, row_track) = collect_tracks(obs, by);
        // 2. Window ranges per track; group ids are contiguous per track.
        let total_windows = lay_out_windows(&mut tracks, windowing, anchor);
        // 3. Counting sort of (partner, value) contributions by group id.
        let (counts, mut entries, dropped_period_rows) = bucket_entries(obs, windowing, anchor, &tracks, &row_track, total_windows);
        drop(row_track);
        // 4. Per group: sort by partner, sum duplicates (in parallel), compact.
        let lengths = merge_partners(&mut entries, &counts);
        // 5. Groups in (subject, channel, window) order; only windows with rows.
        let (groups, group_of_window) = ordered_groups(obs, windowing, anchor, &tracks, &counts, &lengths);
        let layout = Layout { by, windowing, anchor, tracks, track_of, group_of_window };
        Panel { groups, entries, dropped_period_rows, layout }
    }

    /// The rows of `obs` (the table the panel was built from) that fall in each group.
    pub fn row_groups(&self, obs: &Observations) -> Vec<Vec<usize>> {
        let l = &self.layout;
        let mut rows = vec![Vec::new(); self.groups.len()];
        for i in 0..obs.len() {
            let Some(&t) = l.track_of.get(&l.track_key(obs, i)) else { continue };
            let track = &l.tracks[t as usize];
            for k in windows_of(l.windowing, l.anchor, track, obs.year_start[i], obs.year_end(i)) {
                let g = l.group_of_window[track.offset + k as usize];
                if g != usize::MAX {
                    rows[g].push(i);
                }
            }
        }
        rows
    }

    /// The partner vector of group `g`: (partner id, summed value), sorted by id.
    pub fn entries(&self, g: usize) -> &[(u32, f64)] {
        &self.entries[self.groups[g].entries.clone()]
    }

    /// The index suite of group `g`; `obs` is the table the panel was built from.
    pub fn suite(&self, g: usize, obs: &Observations, focal: &str) -> Suite {
        let mut suite = metrics::compute(self.entries(g), |p| obs.strings.text(p), focal);
        suite.flags.partial_window = self.groups[g].partial;
        suite
    }

    /// The index suite of every group, in group order (computed in parallel, deterministic).
    pub fn suites(&self, obs: &Observations, focal: &str) -> Vec<Suite> {
        (0..self.groups.len()).into_par_iter().map(|g| self.suite(g, obs, focal)).collect()
    }
}

/// The year that aligned blocks count from: the given anchor, else the earliest year in `obs`.
fn anchor_year(obs: &Observations, windowing: Windowing) -> i64 {
    match windowing {
        Windowing::Blocks { anchor: Some(a), .. } => a as i64,
        _ => obs.year_start.iter().copied().min().unwrap_or(0) as i64,
    }
}

/// (subject, channel) → track number.
type TrackIndex = HashMap<(u32, u32), u32>;

/// The subject × channel tracks with their year coverage, the track index by key, and
/// each row's track.
fn collect_tracks(obs: &Observations, by: GroupBy) -> (Vec<Track>, TrackIndex, Vec<u32>) {
    let mut track_of: HashMap<(u32, u32), u32> = HashMap::new();
    let mut tracks: Vec<Track> = Vec::new();
    let mut row_track: Vec<u32> = Vec::with_capacity(obs.len());
    let mut last_key = (POOLED - 1, POOLED - 1);
    let mut last_track = 0u32;
    for i in 0..obs.len() {
        let key = (if by.subject { obs.subject[i] } else { POOLED }, if by.channel { obs.channel[i] } else { POOLED });
        if key != last_key {
            last_track = *track_of.entry(key).or_insert_with(|| {
                tracks.push(Track {
                    subject: key.0,
                    channel: key.1,
                    first: i32::MAX,
                    last: i32::MIN,
                    window_min: 0,
                    windows: 0,
                    offset: 0,
                });
                (tracks.len() - 1) as u32
            });
            last_key = key;
        }
        let t = &mut tracks[last_track as usize];
        t.first = t.first.min(obs.year_start[i]);
        t.last = t.last.max(obs.year_end(i));
        row_track.push(last_track);
    }
    (tracks, track_of, row_track)
}

/// Sets each track's window range and its offset in the dense window ids; returns the
/// number of windows of all tracks.
fn lay_out_windows(tracks: &mut [Track], windowing: Windowing, anchor: i64) -> usize {
    let size = windowing.size() as i64;
    let mut total_windows = 0usize;
    for t in tracks {
        let (lo, hi) = match windowing {
            Windowing::Blocks { .. } => ((t.first as i64 - anchor).div_euclid(size), (t.last as i64 - anchor).div_euclid(size)),
            Windowing::Rolling { .. } => (t.first as i64, (t.last as i64 - size + 1).max(t.first as i64)),
        };
        t.window_min = lo;
        t.windows = hi - lo + 1;
        t.offset = total_windows;
        total_windows += t.windows as usize;
    }
    total_windows
}

/// Counting sort of the rows' (partner, value) contributions by dense window id: the
/// cumulative counts (window g holds `counts[g]..counts[g + 1]`), the entries, and how
/// many rows fit in no window.
fn bucket_entries(
    obs: &Observations,
    windowing: Windowing,
    anchor: i64,
    tracks: &[Track],
    row_track: &[u32],
    total_windows: usize,
) -> (Vec<usize>, Vec<(u32, f64)>, usize) {
    let mut counts = vec![0usize; total_windows + 1];
    let mut dropped_period_rows = 0;
    for i in 0..obs.len() {
        let t = &tracks[row_track[i] as usize];
        let w = windows_of(windowing, anchor, t, obs.year_start[i], obs.year_end(i));
        if w.is_empty() {
            dropped_period_rows += 1;
        }
        for k in w {
            counts[t.offset + k as usize + 1] += 1;
        }
    }
    for g in 1..counts.len() {
        counts[g] += counts[g - 1];
    }
    let mut cursor = counts.clone();
    let mut entries = vec![(0u32, 0.0f64); counts[total_windows]];
    for i in 0..obs.len() {
        let t = &tracks[row_track[i] as usize];
        for k in windows_of(windowing, anchor, t, obs.year_start[i], obs.year_end(i)) {
            let g = t.offset + k as usize;
            entries[cursor[g]] = (obs.partner[i], obs.value[i]);
            cursor[g] += 1;
        }
    }
    (counts, entries, dropped_period_rows)
}

/// Sorts each window's entries by partner and sums duplicates in place (in parallel);
/// returns each window's number of distinct partners.
fn merge_partners(entries: &mut [(u32, f64)], counts: &[usize]) -> Vec<usize> {
    let total_windows = counts.len() - 1;
    let mut slices: Vec<&mut [(u32, f64)]> = Vec::with_capacity(total_windows);
    let mut rest = entries;
    for g in 0..total_windows {
        let (head, tail) = rest.split_at_mut(counts[g + 1] - counts[g]);
        slices.push(head);
        rest = tail;
    }
    slices
        .into_par_iter()
        .map(|slice| {
            slice.sort_by_key(|e| e.0);
            let mut w = 0;
            for r in 0..slice.len() {
                if w > 0 && slice[w - 1].0 == slice[r].0 {
                    slice[w - 1].1 += slice[r].1;
                } else {
                    slice[w] = slice[r];
                    w += 1;
                }
            }
            w
        })
        .collect()
}

/// The groups in (subject, channel, window) order, only windows with rows, and the
/// group index of each dense window id (usize::MAX for none).
fn ordered_groups(
    obs: &Observations,
    windowing: Windowing,
    anchor: i64,
    tracks: &[Track],
    counts: &[usize],
    lengths: &[usize],
) -> (Vec<Group>, Vec<usize>) {
    let text = |id: u32| if id == POOLED { ALL } else { obs.strings.text(id) };
    let mut order: Vec<usize> = (0..tracks.len()).collect();
    order.sort_by(|&a, &b| {
        let (ta, tb) = (&tracks[a], &tracks[b]);
        (text(ta.subject), text(ta.channel)).cmp(&(text(tb.subject), text(tb.channel)))
    });
    let mut groups = Vec::new();
    let mut group_of_window = vec![usize::MAX; counts.len() - 1];
    for &ti in &order {
        let t = &tracks[ti];
        let (subject, channel): (Arc<str>, Arc<str>) = (text(t.subject).into(), text(t.channel).into());
        for k in 0..t.windows {
            let g = t.offset + k as usize;
            if counts[g + 1] == counts[g] {
                continue;
            }
            let (year_start, year_end) = window_span(windowing, anchor, t.window_min + k);
            group_of_window[g] = groups.len();
            groups.push(Group {
                subject: subject.clone(),
                channel: channel.clone(),
                year_start,
                year_end,
                partial: year_start < t.first || year_end > t.last,
                entries: counts[g]..counts[g] + lengths[g],
            });
        }
    }
    (groups, group_of_window)
}

/// The first and last year of window `index` (a block number for blocks, the start year
/// for rolling windows).
fn window_span(windowing: Windowing, anchor: i64, index: i64) -> (i32, i32) {
    let size = windowing.size() as i64;
    let start = match windowing {
        Windowing::Blocks { .. } => anchor + index * size,
        Windowing::Rolling { .. } => index,
    };
    (start as i32, (start + size - 1) as i32)
}
