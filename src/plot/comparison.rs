//! The two comparison charts of a batch report: the focal partner's share and the ENP per
//! year and subject as small multiples (with the period estimates and their intervals),
//! and the late-period focal share per subject as dots with intervals.
use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::output::{with_caption, Drawing};
use super::{break_lines, consecutive_runs, err, theme, year_range};
use crate::format::fixed;
use crate::theses::summary::{ChannelSummary, PeriodSummary, SubjectSummary};

/// Small multiples: one row per subject, the focal share left, the ENP right.
pub struct SeriesChart<'a> {
    pub rows: &'a [SubjectSummary],
    pub caption: String,
}

/// Dots and intervals: the late-period focal share of every subject and channel.
pub struct LateChart<'a> {
    pub rows: &'a [SubjectSummary],
    pub caption: String,
}

/// The focal partner's name when every analysis shares it.
fn focal_of(rows: &[SubjectSummary]) -> String {
    match rows.first() {
        Some(r) if rows.iter().all(|x| x.focal == r.focal) => r.focal.clone(),
        _ => "the focal partner".into(),
    }
}

/// Which number a small-multiple panel shows.
#[derive(Clone, Copy, PartialEq)]
enum Metric {
    Share,
    Enp,
}

impl Metric {
    fn yearly(self, y: &(i32, Option<f64>, Option<f64>)) -> Option<f64> {
        if self == Metric::Share {
            y.1
        } else {
            y.2
        }
    }

    fn period(self, p: &PeriodSummary) -> (Option<f64>, Option<(f64, f64)>) {
        match self {
            Metric::Share => (p.focal_share, p.focal_share_ci.map(|i| (i.low, i.high))),
            Metric::Enp => (p.enp, p.enp_ci.map(|i| (i.low, i.high))),
        }
    }

    /// One colour per metric for a single channel (as in the report's charts), else one per channel.
    fn colour(self, channels: usize, k: usize) -> RGBColor {
        match (channels, self) {
            (1, Metric::Share) => theme::PALETTE[0],
            (1, Metric::Enp) => theme::PALETTE[1],
            _ => theme::PALETTE[k % 7],
        }
    }
}

impl Drawing for SeriesChart<'_> {
    fn name(&self) -> &str {
        "comparison_series"
    }

    fn size(&self) -> (u32, u32) {
        (theme::WIDTH, 110 + 170 * self.rows.len().max(1) as u32)
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let body = with_caption(area, &self.caption)?;
        let title = format!(
            "{}'s share and effective number of partners per year (dots); bars: period estimate, boxes: its 95 % interval",
            focal_of(self.rows)
        );
        let body = body.titled(&title, (theme::FAMILY, 18)).map_err(err)?;
        let years: Vec<i32> = self.rows.iter().flat_map(|r| r.channels.iter().flat_map(|c| c.yearly.iter().map(|y| y.0))).collect();
        let enp_top = self
            .rows
            .iter()
            .flat_map(|r| r.channels.iter())
            .flat_map(|c| c.yearly.iter().filter_map(|y| y.2).chain(c.periods.iter().filter_map(|p| p.enp_ci.map(|i| i.high))))
            .fold(2.0f64, f64::max)
            * 1.05;
        let cells = body.split_evenly((self.rows.len().max(1), 2));
        for (k, row) in self.rows.iter().enumerate() {
            panel(&cells[2 * k], row, Metric::Share, year_range(&years), 1.05)?;
            panel(&cells[2 * k + 1], row, Metric::Enp, year_range(&years), enp_top)?;
        }
        Ok(())
    }
}

/// One small multiple: every channel's yearly values and period estimates of `metric`.
fn panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    row: &SubjectSummary,
    metric: Metric,
    x: Range<f64>,
    top: f64,
) -> Result<(), String> {
    let caption = match metric {
        Metric::Share => format!("{}: {} share", row.subject, row.focal),
        Metric::Enp => format!("{}: effective number of partners", row.subject),
    };
    let mut chart = ChartBuilder::on(area)
        .caption(caption, (theme::FAMILY, 14))
        .margin(6)
        .margin_right(14)
        .x_label_area_size(22)
        .y_label_area_size(40)
        .build_cartesian_2d(x, 0.0..top)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_labels(8)
        .y_labels(4)
        .x_label_formatter(&|x| fixed(*x, 0))
        .y_label_formatter(&|y| if metric == Metric::Share { fixed(*y, 1) } else { fixed(*y, 0) })
        .label_style((theme::FAMILY, 11))
        .light_line_style(WHITE)
        .draw()
        .map_err(err)?;
    for (k, c) in row.channels.iter().enumerate() {
        let colour = metric.colour(row.channels.len(), k);
        draw_channel(&mut chart, c, metric, colour)?;
        if row.channels.len() > 1 && metric == Metric::Share {
            let (px, py) = (area.dim_in_pixel().0 as i32 - 150, 24 + 16 * k as i32);
            area.draw(&PathElement::new(vec![(px, py + 6), (px + 14, py + 6)], colour.stroke_width(3))).map_err(err)?;
            area.draw_text(&c.channel, &(theme::FAMILY, 11).into_font().color(&BLACK), (px + 20, py)).map_err(err)?;
        }
    }
    chart.draw_series(break_lines(&row.breaks, (0.0, top))).map_err(err)?;
    Ok(())
}

type Cartesian = Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>;

/// Period boxes (interval) and bars (estimate), then the yearly values as dots on a thin line.
fn draw_channel<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, Cartesian>,
    c: &ChannelSummary,
    metric: Metric,
    colour: RGBColor,
) -> Result<(), String> {
    for p in &c.periods {
        let (x0, x1) = (p.start as f64 - 0.5, p.end as f64 + 0.5);
        let (point, interval) = metric.period(p);
        if let Some((lo, hi)) = interval {
            chart.draw_series(std::iter::once(Rectangle::new([(x0, lo), (x1, hi)], colour.mix(0.15).filled()))).map_err(err)?;
        }
        match point {
            Some(v) => chart.draw_series(std::iter::once(PathElement::new(vec![(x0, v), (x1, v)], colour.stroke_width(3)))).map_err(err)?,
            // A period without any delivery (every rate 0): no share, no ENP; say so.
            None => {
                let middle = (p.start as f64 + p.end as f64) / 2.0;
                let style = (theme::FAMILY, 12).into_font().color(&BLACK.mix(0.6)).pos(Pos::new(HPos::Center, VPos::Center));
                let y = chart.y_range().end / 2.0;
                chart.draw_series(std::iter::once(Text::new("none recorded", (middle, y), style))).map_err(err)?
            }
        };
    }
    let points: Vec<(f64, f64)> = c.yearly.iter().filter_map(|y| metric.yearly(y).map(|v| (y.0 as f64, v))).collect();
    for run in consecutive_runs(&points) {
        chart.draw_series(LineSeries::new(run, colour.mix(0.45).stroke_width(1))).map_err(err)?;
    }
    // Hollow dots, so that a year on the period's bar stays visible.
    chart.draw_series(points.iter().map(|p| Circle::new(*p, 3, WHITE.filled()))).map_err(err)?;
    chart.draw_series(points.iter().map(|p| Circle::new(*p, 3, colour.stroke_width(1)))).map_err(err)?;
    Ok(())
}

/// One dot of the late-period chart.
struct Dot {
    label: String,
    period: String,
    share: Option<f64>,
    interval: Option<(f64, f64)>,
    verdict: &'static str,
    threshold: f64,
}

/// Every subject's and channel's late period, largest focal share first (undefined last).
fn dots(rows: &[SubjectSummary]) -> Vec<Dot> {
    let several = rows.iter().any(|r| r.channels.len() > 1);
    let mut dots: Vec<Dot> = rows
        .iter()
        .flat_map(|r| r.channels.iter().filter_map(move |c| c.late().map(|p| (r, c, p))))
        .map(|(r, c, p)| Dot {
            label: if several { format!("{} ({})", r.subject, c.channel) } else { r.subject.clone() },
            period: format!("{}-{}", p.start, p.end),
            share: p.focal_share,
            interval: p.focal_share_ci.map(|i| (i.low, i.high)),
            verdict: c.call.name(),
            threshold: r.focal_share_max,
        })
        .collect();
    dots.sort_by(|a, b| b.share.unwrap_or(-1.0).total_cmp(&a.share.unwrap_or(-1.0)).then_with(|| a.label.cmp(&b.label)));
    dots
}

impl Drawing for LateChart<'_> {
    fn name(&self) -> &str {
        "comparison_late"
    }

    fn size(&self) -> (u32, u32) {
        (theme::WIDTH, (170 + 46 * dots(self.rows).len() as u32).max(420))
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let body = with_caption(area, &self.caption)?;
        let focal = focal_of(self.rows);
        let title = format!(
            "Late period: {focal}'s share per subject (dot) with 95 % interval (line); colour = outcome with P ≥ 90 % in the channel"
        );
        let body = body.titled(&title, (theme::FAMILY, 18)).map_err(err)?;
        let dots = dots(self.rows);
        let n = dots.len().max(1);
        let labels: Vec<String> = dots.iter().map(|d| format!("{} {}", d.label, d.period)).collect();
        let y_of = |k: usize| (n - 1 - k) as f64;
        let mut chart = ChartBuilder::on(&body)
            .margin(10)
            .margin_right(190)
            .x_label_area_size(40)
            .y_label_area_size(230)
            .build_cartesian_2d(0.0..1.0, -0.6..(n as f64 - 0.4))
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .x_desc(format!("{focal}'s share of the channel's late-period cooperation (dark tick: C5 threshold)"))
            .y_labels(n)
            .y_label_formatter(&|y| {
                let k = y.round();
                // No dots (every analysis failed): one empty row, no label.
                let label = (k >= 0.0 && (k as usize) < n).then(|| labels.get(n - 1 - k as usize)).flatten();
                if (y - k).abs() < 1e-6 {
                    label.cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .label_style((theme::FAMILY, 13))
            .light_line_style(WHITE)
            .draw()
            .map_err(err)?;
        draw_dots(&mut chart, &body, &dots, &y_of)
    }
}

/// Threshold ticks, intervals, dots (with a legend per call: the outcome with P >= 0.9) and the numbers at the right.
fn draw_dots<'a, DB: DrawingBackend + 'a>(
    chart: &mut ChartContext<'a, DB, Cartesian>,
    area: &DrawingArea<DB, Shift>,
    dots: &[Dot],
    y_of: &dyn Fn(usize) -> f64,
) -> Result<(), String> {
    let ticks = dots.iter().enumerate().map(|(k, d)| {
        PathElement::new(vec![(d.threshold, y_of(k) - 0.35), (d.threshold, y_of(k) + 0.35)], BLACK.mix(0.55).stroke_width(2))
    });
    chart.draw_series(ticks).map_err(err)?;
    for verdict in ["T1", "T2", "neither", "open"] {
        let colour = theme::verdict_colour(verdict);
        let mine: Vec<(usize, &Dot)> = dots.iter().enumerate().filter(|(_, d)| d.verdict == verdict).collect();
        if mine.is_empty() {
            continue;
        }
        let lines = mine
            .iter()
            .filter_map(|(k, d)| d.interval.map(|(lo, hi)| PathElement::new(vec![(lo, y_of(*k)), (hi, y_of(*k))], colour.stroke_width(3))));
        chart.draw_series(lines).map_err(err)?;
        let points = mine.iter().filter_map(|(k, d)| d.share.map(|s| Circle::new((s, y_of(*k)), 7, colour.filled())));
        chart.draw_series(points).map_err(err)?.label(verdict).legend(move |(x, y)| Circle::new((x + 5, y), 5, colour.filled()));
    }
    let base = area.get_base_pixel();
    let style = (theme::FAMILY, 13).into_font().color(&BLACK).pos(Pos::new(HPos::Left, VPos::Center));
    for (k, d) in dots.iter().enumerate() {
        let text = match (d.share, d.interval) {
            (Some(s), Some((lo, hi))) => format!("{} ({}-{})", fixed(s, 2), fixed(lo, 2), fixed(hi, 2)),
            (Some(s), None) => format!("{} (no interval)", fixed(s, 2)),
            _ => "no deliveries".to_string(),
        };
        let (px, py) = chart.backend_coord(&(1.0, y_of(k)));
        area.draw_text(&text, &style, (px - base.0 + 14, py - base.1)).map_err(err)?;
    }
    theme::legend(chart, SeriesLabelPosition::LowerRight)
}
