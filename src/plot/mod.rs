//! Charts (plotters, SVG and PNG, bundled font): one file per chart, a shared theme.
pub(crate) mod comparison;
pub(crate) mod concentration;
/// The numbers behind the charts.
pub mod data;
pub(crate) mod focal;
pub(crate) mod heatmap;
pub(crate) mod multiverse;
pub(crate) mod output;
pub mod power_surface;
pub mod reliability;
pub(crate) mod shares;
pub(crate) mod theme;

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::error::Result;
use data::ChartSet;

/// The charts multivector draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    /// Stacked partner shares per year, one panel per channel (the largest partners, then "others").
    Shares,
    /// HHI and effective number of partners per year with 95 % bootstrap bands.
    Concentration,
    /// The focal partner's share and rank against the next two partners, per year.
    Focal,
    /// A partner × year heatmap per channel (the largest partners).
    Heatmap,
    /// The specification curve: every specification's P(T2) and P(T1), with its coding choices.
    Multiverse,
}

impl Chart {
    /// Every chart, in the order the report draws them.
    pub const ALL: [Chart; 5] = [Chart::Shares, Chart::Concentration, Chart::Focal, Chart::Heatmap, Chart::Multiverse];

    /// The chart's name, as `--chart` takes it and as used in file names.
    pub fn name(self) -> &'static str {
        match self {
            Chart::Shares => "shares",
            Chart::Concentration => "concentration",
            Chart::Focal => "focal",
            Chart::Heatmap => "heatmap",
            Chart::Multiverse => "multiverse",
        }
    }

    /// The chart with this name, if any.
    pub fn parse(name: &str) -> Option<Chart> {
        Chart::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Pixel size: wide, one band per channel.
    fn size(self, set: &ChartSet) -> (u32, u32) {
        let rows = set.channels.len().max(1) as u32;
        match self {
            Chart::Multiverse => (theme::WIDTH, 900),
            Chart::Heatmap => (theme::WIDTH, 140 + rows * 380),
            _ => (theme::WIDTH, 120 + rows * 300),
        }
    }

    fn draw<DB: DrawingBackend>(self, area: &DrawingArea<DB, Shift>, set: &ChartSet) -> std::result::Result<(), String> {
        let body = output::with_caption(area, &set.caption)?;
        match self {
            Chart::Shares => shares::draw(&body, set),
            Chart::Concentration => concentration::draw(&body, set),
            Chart::Focal => focal::draw(&body, set),
            Chart::Heatmap => heatmap::draw(&body, set),
            Chart::Multiverse => multiverse::draw(&body, set),
        }
    }
}

/// Splits a caption into lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().expect("one line");
        if !last.is_empty() && last.len() + word.len() + 1 > width {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

/// Draws `chart` into `path` (.svg or .png).
pub fn render(chart: Chart, set: &ChartSet, path: &Path) -> Result<()> {
    render_as(chart, set, path, &path.display().to_string())
}

/// Draws `chart` into `path` (.svg or .png by `shown`), naming the file `shown` in
/// messages (the target, when `path` is a temporary file beside it).
pub fn render_as(chart: Chart, set: &ChartSet, path: &Path, shown: &str) -> Result<()> {
    output::render_drawing_as(&drawing(chart, set), path, shown)
}

/// `chart` drawn from `set`, for `render_drawing_as`.
pub fn drawing<'a>(chart: Chart, set: &'a ChartSet) -> impl output::Drawing + 'a {
    OfSet { chart, set }
}

/// One of the single-report charts with the data it draws.
struct OfSet<'a> {
    chart: Chart,
    set: &'a ChartSet,
}

impl output::Drawing for OfSet<'_> {
    fn name(&self) -> &str {
        self.chart.name()
    }

    fn size(&self) -> (u32, u32) {
        self.chart.size(self.set)
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> std::result::Result<(), String> {
        self.chart.draw(area, self.set)
    }
}

/// Vertical marks at the break years.
pub(crate) fn break_lines(breaks: &[i32], y: (f64, f64)) -> Vec<PathElement<(f64, f64)>> {
    breaks.iter().map(|b| PathElement::new(vec![(*b as f64 - 0.5, y.0), (*b as f64 - 0.5, y.1)], BLACK.mix(0.45).stroke_width(1))).collect()
}

/// The x range of a channel (years as numbers, half a year of margin).
pub(crate) fn year_range(years: &[i32]) -> std::ops::Range<f64> {
    let first = years.iter().copied().min().unwrap_or(2000) as f64;
    let last = years.iter().copied().max().unwrap_or(2000) as f64;
    (first - 0.6)..(last + 0.6)
}

/// Splits yearly points into runs of consecutive years, so that lines are not drawn
/// across years without a value (a gap is not an interpolation).
pub(crate) fn consecutive_runs(points: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    for &p in points {
        match runs.last_mut() {
            Some(run) if run.last().is_some_and(|q| p.0 - q.0 <= 1.0 + 1e-9) => run.push(p),
            _ => runs.push(vec![p]),
        }
    }
    runs
}

/// "channel (unit)", or the channel alone when no unit is given.
pub(crate) fn channel_title(channel: &str, unit: &str) -> String {
    if unit.is_empty() {
        channel.to_string()
    } else {
        format!("{channel} ({unit})")
    }
}

pub(crate) fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}
