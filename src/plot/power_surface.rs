//! The power surface of the calibration section: over a grid of the focal partner's
//! dominance and growth, the share of simulated worlds in which P(T2) and P(T1) reach 0.9,
//! as two heat maps per channel (T2 left, T1 right), with the null cell, the data's own
//! position and labelled example points marked.
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Serialize;

use super::output::{with_caption, Drawing};
use super::{err, theme};
use crate::format::{share_percent, trimmed};

/// One panel of the power surface: a channel or "overall".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurfacePanel {
    /// The panel's name, e.g. "arms" or "overall".
    pub title: String,
    /// The grid's dominance values (columns, x axis), ascending and positive, e.g. [0.5, 1, 1.5, 2, 3, 5, 10].
    pub dominance: Vec<f64>,
    /// The grid's growth values (rows, y axis), ascending and positive, e.g. [0.5, 1, 1.25, 1.5, 2, 4].
    pub growth: Vec<f64>,
    /// `[growth index][dominance index]`: the share of worlds with P(T2) ≥ 0.9, in [0, 1].
    pub rate_t2: Vec<Vec<f64>>,
    /// `[growth index][dominance index]`: the share of worlds with P(T1) ≥ 0.9, in [0, 1].
    pub rate_t1: Vec<Vec<f64>>,
    /// The data's own (dominance, growth), if known; may lie outside the grid or be +∞.
    pub observed: Option<(f64, f64)>,
    /// (dominance, growth) of the null cell (the thresholds); a grid value on both axes.
    pub null: (f64, f64),
    /// Labelled example points: (label, dominance, growth), e.g. ("clear T2", 10.0, 4.0).
    pub examples: Vec<(String, f64, f64)>,
}

/// The power surface: one row of two heat maps (P(T2) ≥ 0.9 left, P(T1) ≥ 0.9 right) per panel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PowerSurfaceChart {
    /// The panels, one row each, top to bottom.
    pub panels: Vec<SurfacePanel>,
    /// Sources and specification, drawn under the chart.
    pub caption: String,
    /// The subject (country), named in the title.
    pub subject: String,
    /// The focal partner, named in the axis labels.
    pub focal: String,
}

/// Blank margin around the grid, in cells: the strip in which points beyond the grid sit.
const PAD: f64 = 0.5;
/// How far beyond the grid's edge a point beyond the grid is drawn, in cells.
const OUTSIDE: f64 = 0.25;
/// Height of the title and legend above the rows, in pixels.
const HEADER: i32 = 62;

/// On which side of the grid a value lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Beyond {
    /// Between the first and the last grid value (inclusive).
    Inside,
    /// Below the first grid value.
    Below,
    /// Above the last grid value (or +∞).
    Above,
}

/// Where a value sits on a categorical axis of ascending grid values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct GridPosition {
    /// In cell units, cell k centred on k; between grid values interpolated on the log scale;
    /// a value beyond the grid is clamped to just outside its edge (−0.5 − OUTSIDE or n − 0.5 + OUTSIDE).
    pub(crate) at: f64,
    /// Whether the value lies beyond the grid, and on which side.
    pub(crate) beyond: Beyond,
}

/// The position of `value` on the axis of `grid` (ascending, positive): k + (ln v − ln v_k) /
/// (ln v_{k+1} − ln v_k) between grid values v_k and v_{k+1}; None for NaN or an empty grid.
pub(crate) fn grid_position(grid: &[f64], value: f64) -> Option<GridPosition> {
    let (first, last) = (*grid.first()?, *grid.last()?);
    if value.is_nan() {
        return None;
    }
    let n = grid.len() as f64;
    if value < first {
        return Some(GridPosition { at: -0.5 - OUTSIDE, beyond: Beyond::Below });
    }
    if value > last {
        return Some(GridPosition { at: n - 0.5 + OUTSIDE, beyond: Beyond::Above });
    }
    let Some(k) = grid.windows(2).position(|w| value <= w[1]) else {
        return Some(GridPosition { at: 0.0, beyond: Beyond::Inside });
    };
    let (a, b) = (grid[k], grid[k + 1]);
    let t = if !(b > a) {
        0.0
    } else if a > 0.0 {
        (value.ln() - a.ln()) / (b.ln() - a.ln())
    } else {
        (value - a) / (b - a)
    };
    Some(GridPosition { at: k as f64 + t, beyond: Beyond::Inside })
}

/// A point's label, with "dominance ∞ →" or "growth 0.3 ↓" added when it lies beyond the grid.
fn point_label(label: &str, value: (f64, f64), at: (GridPosition, GridPosition)) -> String {
    let note = |axis: &str, v: f64, beyond: Beyond, arrows: (&str, &str)| match beyond {
        Beyond::Inside => None,
        Beyond::Below => Some(format!("{axis} {} {}", trimmed(v, 2), arrows.0)),
        Beyond::Above => Some(format!("{axis} {} {}", trimmed(v, 2), arrows.1)),
    };
    let notes: Vec<String> = [note("dominance", value.0, at.0.beyond, ("←", "→")), note("growth", value.1, at.1.beyond, ("↓", "↑"))]
        .into_iter()
        .flatten()
        .collect();
    if notes.is_empty() {
        label.to_string()
    } else {
        format!("{label} ({})", notes.join(", "))
    }
}

/// Black or white text, whichever reads better on `background` (WCAG relative luminance).
fn ink(background: RGBColor) -> RGBColor {
    let linear = |c: u8| {
        let c = c as f64 / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * linear(background.0) + 0.7152 * linear(background.1) + 0.0722 * linear(background.2);
    if l > 0.179 {
        BLACK
    } else {
        WHITE
    }
}

/// The index of `value` among the grid values (relative tolerance 1e-6).
fn grid_index(grid: &[f64], value: f64) -> Option<usize> {
    grid.iter().position(|g| (g - value).abs() <= 1e-6 * g.abs().max(1.0))
}

/// Which of the two rates a heat map shows.
#[derive(Clone, Copy)]
enum Thesis {
    T2,
    T1,
}

impl Thesis {
    fn name(self) -> &'static str {
        match self {
            Thesis::T2 => "P(T2)",
            Thesis::T1 => "P(T1)",
        }
    }

    fn rates(self, panel: &SurfacePanel) -> &[Vec<f64>] {
        match self {
            Thesis::T2 => &panel.rate_t2,
            Thesis::T1 => &panel.rate_t1,
        }
    }
}

impl Drawing for PowerSurfaceChart {
    fn name(&self) -> &str {
        "power"
    }

    fn size(&self) -> (u32, u32) {
        (theme::WIDTH, 120 + 360 * self.panels.len().max(1) as u32)
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let body = with_caption(area, &self.caption)?;
        let (header, rows) = body.split_vertically(HEADER);
        draw_header(&header, &self.subject)?;
        let cells = rows.split_evenly((self.panels.len().max(1), 2));
        for (k, panel) in self.panels.iter().enumerate() {
            draw_map(&cells[2 * k], panel, Thesis::T2, &self.focal)?;
            draw_map(&cells[2 * k + 1], panel, Thesis::T1, &self.focal)?;
        }
        Ok(())
    }
}

/// One entry of the legend above the rows.
#[derive(Clone, Copy)]
enum Key {
    Ramp,
    Null,
    Observed,
    Example,
}

impl Key {
    /// The entry's symbol, drawn with its left end at `x` and centred on `y`; returns its width.
    fn draw<DB: DrawingBackend>(self, area: &DrawingArea<DB, Shift>, (x, y): (i32, i32)) -> Result<i32, String> {
        match self {
            Key::Ramp => {
                for k in 0..=10 {
                    let colour = theme::sequential(k as f64 / 10.0);
                    area.draw(&Rectangle::new([(x + 10 * k, y - 7), (x + 10 * k + 10, y + 7)], colour.filled())).map_err(err)?;
                }
                area.draw(&Rectangle::new([(x, y - 7), (x + 110, y + 7)], theme::GREY.stroke_width(1))).map_err(err)?;
                Ok(110)
            }
            Key::Null => {
                area.draw(&Rectangle::new([(x, y - 8), (x + 24, y + 8)], BLACK.stroke_width(3))).map_err(err)?;
                Ok(24)
            }
            Key::Observed => draw_observed_marker(area, (x + 8, y)).map(|_| 16),
            Key::Example => draw_example_marker(area, (x + 7, y)).map(|_| 14),
        }
    }
}

/// The title and a legend of the colour scale, the null outline and the markers.
fn draw_header<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, subject: &str) -> Result<(), String> {
    let title = format!("{subject}: share of simulated worlds in which P(T2) ≥ 0.9 (left) and P(T1) ≥ 0.9 (right)");
    area.draw_text(&title, &(theme::FAMILY, 18).into_font().color(&BLACK), (10, 6)).map_err(err)?;
    let font = (theme::FAMILY, 12).into_font().color(&BLACK);
    let entries = [
        (Key::Ramp, "0 → 100 % of worlds (the number in each cell)"),
        (Key::Null, "null cell (the thresholds)"),
        (Key::Observed, "observed: the data's own (arrow: beyond the grid, drawn at its edge)"),
        (Key::Example, "example"),
    ];
    let (mut x, y) = (12, 44);
    for (key, text) in entries {
        x += key.draw(area, (x, y))? + 6;
        area.draw_text(text, &font.pos(Pos::new(HPos::Left, VPos::Center)), (x, y)).map_err(err)?;
        x += area.estimate_text_size(text, &font).map_err(err)?.0 as i32 + 28;
    }
    Ok(())
}

/// The observed point's marker: a black cross with a white halo.
fn draw_observed_marker<DB: DrawingBackend, C: CoordTranslate>(area: &DrawingArea<DB, C>, at: C::From) -> Result<(), String>
where
    C::From: Clone,
{
    area.draw(&Cross::new(at.clone(), 7, WHITE.stroke_width(7))).map_err(err)?;
    area.draw(&Cross::new(at, 7, BLACK.stroke_width(3))).map_err(err)
}

/// An example point's marker: an open black circle with a white halo.
fn draw_example_marker<DB: DrawingBackend, C: CoordTranslate>(area: &DrawingArea<DB, C>, at: C::From) -> Result<(), String>
where
    C::From: Clone,
{
    area.draw(&Circle::new(at.clone(), 6, WHITE.stroke_width(5))).map_err(err)?;
    area.draw(&Circle::new(at, 6, BLACK.stroke_width(2))).map_err(err)
}

type Grid = Cartesian2d<RangedCoordf64, RangedCoordf64>;

/// A box in backend pixels: x0, y0, x1, y1.
type PixelBox = [i32; 4];

/// A point to mark on a heat map: its position in cell units and its label.
struct Mark {
    at: (f64, f64),
    label: String,
    observed: bool,
}

/// The panel's examples, then its observed point, placed on the grid (points with a NaN coordinate left out).
fn marks(panel: &SurfacePanel) -> Vec<Mark> {
    let place = |d: f64, g: f64| Some((grid_position(&panel.dominance, d)?, grid_position(&panel.growth, g)?));
    let mark = |label: &str, d: f64, g: f64, observed: bool| {
        place(d, g).map(|(x, y)| Mark { at: (x.at, y.at), label: point_label(label, (d, g), (x, y)), observed })
    };
    let examples = panel.examples.iter().filter_map(|(label, d, g)| mark(label, *d, *g, false));
    examples.chain(panel.observed.and_then(|(d, g)| mark("observed", d, g, true))).collect()
}

/// One heat map: the panel's rates of `thesis` over the grid, the null cell, examples and the observed point.
fn draw_map<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, panel: &SurfacePanel, thesis: Thesis, focal: &str) -> Result<(), String> {
    let (nx, ny) = (panel.dominance.len() as f64, panel.growth.len() as f64);
    let mut chart = ChartBuilder::on(area)
        .caption(format!("{}: {} ≥ 0.9 in x % of worlds", panel.title, thesis.name()), (theme::FAMILY, 15))
        .margin(6)
        .margin_right(14)
        .x_label_area_size(40)
        .y_label_area_size(62)
        .build_cartesian_2d(-0.5 - PAD..nx - 0.5 + PAD, -0.5 - PAD..ny - 0.5 + PAD)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(0)
        .y_labels(0)
        .x_desc(format!("dominance of {focal} (its rate / the largest other partner's), late period"))
        .y_desc(format!("growth of {focal}'s yearly volume, early → late"))
        .axis_desc_style((theme::FAMILY, 11))
        .draw()
        .map_err(err)?;
    draw_ticks(area, &chart, panel)?;
    let marks = marks(panel);
    let mut avoid = draw_cells(area, &mut chart, panel, thesis, &marks)?;
    avoid.extend(draw_null(area, &mut chart, panel)?);
    draw_marks(area, &chart, &marks, avoid)
}

/// The grid values under the columns and left of the rows, with short ticks.
fn draw_ticks<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &ChartContext<'_, DB, Grid>,
    panel: &SurfacePanel,
) -> Result<(), String> {
    let base = area.get_base_pixel();
    let font = (theme::FAMILY, 11).into_font().color(&BLACK);
    let (left, bottom) = (-0.5 - PAD, -0.5 - PAD);
    for (k, v) in panel.dominance.iter().enumerate() {
        let (px, py) = chart.backend_coord(&(k as f64, bottom));
        let (px, py) = (px - base.0, py - base.1);
        area.draw(&PathElement::new(vec![(px, py), (px, py + 4)], BLACK.stroke_width(1))).map_err(err)?;
        area.draw_text(&trimmed(*v, 2), &font.pos(Pos::new(HPos::Center, VPos::Top)), (px, py + 6)).map_err(err)?;
    }
    for (k, v) in panel.growth.iter().enumerate() {
        let (px, py) = chart.backend_coord(&(left, k as f64));
        let (px, py) = (px - base.0, py - base.1);
        area.draw(&PathElement::new(vec![(px - 4, py), (px, py)], BLACK.stroke_width(1))).map_err(err)?;
        area.draw_text(&trimmed(*v, 2), &font.pos(Pos::new(HPos::Right, VPos::Center)), (px - 6, py)).map_err(err)?;
    }
    Ok(())
}

/// The colour of a rate's cell (light grey when the rate is missing or not a number).
fn cell_colour(rate: Option<f64>) -> RGBColor {
    match rate {
        Some(r) if r.is_finite() => theme::sequential(r),
        _ => theme::LIGHT,
    }
}

/// Where cell (k, j)'s number goes: its centre (font 12), or, when a mark lies near the
/// centre, the corner farthest from the mark (font 10), so that the mark hides no digit.
fn number_spot(k: usize, j: usize, marks: &[Mark]) -> ((f64, f64), Pos, u32) {
    let (x, y) = (k as f64, j as f64);
    match marks.iter().find(|m| (m.at.0 - x).abs() < 0.45 && (m.at.1 - y).abs() < 0.45) {
        None => ((x, y), Pos::new(HPos::Center, VPos::Center), 12),
        Some(m) => {
            let (hx, h) = if m.at.0 <= x { (x + 0.46, HPos::Right) } else { (x - 0.46, HPos::Left) };
            let (vy, v) = if m.at.1 < y { (y + 0.44, VPos::Top) } else { (y - 0.44, VPos::Bottom) };
            ((hx, vy), Pos::new(h, v), 10)
        }
    }
}

/// The box of a text of `size` anchored at `p` by `pos`.
fn anchored(p: (i32, i32), size: (u32, u32), pos: Pos) -> PixelBox {
    let (w, h) = (size.0 as i32, size.1 as i32);
    let x0 = match pos.h_pos {
        HPos::Left => p.0,
        HPos::Center => p.0 - w / 2,
        HPos::Right => p.0 - w,
    };
    let y0 = match pos.v_pos {
        VPos::Top => p.1,
        VPos::Center => p.1 - h / 2,
        VPos::Bottom => p.1 - h,
    };
    [x0, y0, x0 + w, y0 + h]
}

/// Every cell coloured by its rate, with the rate as a whole percent (or "n/a"); returns the numbers' boxes.
fn draw_cells<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &mut ChartContext<'_, DB, Grid>,
    panel: &SurfacePanel,
    thesis: Thesis,
    marks: &[Mark],
) -> Result<Vec<PixelBox>, String> {
    let rates = thesis.rates(panel);
    let (mut boxes, mut labels, mut taken) = (Vec::new(), Vec::new(), Vec::new());
    for j in 0..panel.growth.len() {
        for k in 0..panel.dominance.len() {
            let rate = rates.get(j).and_then(|row| row.get(k)).copied();
            let colour = cell_colour(rate);
            let (x, y) = (k as f64, j as f64);
            boxes.push(Rectangle::new([(x - 0.5, y - 0.5), (x + 0.5, y + 0.5)], colour.filled()));
            boxes.push(Rectangle::new([(x - 0.5, y - 0.5), (x + 0.5, y + 0.5)], theme::GREY.mix(0.6).stroke_width(1)));
            let text = match rate {
                Some(r) if r.is_finite() => share_percent(r, 0),
                _ => "n/a".to_string(),
            };
            let (at, pos, size) = number_spot(k, j, marks);
            let font = (theme::FAMILY, size).into_font().color(&ink(colour)).pos(pos);
            taken.push(anchored(chart.backend_coord(&at), area.estimate_text_size(&text, &font).map_err(err)?, pos));
            labels.push(Text::new(text, at, font));
        }
    }
    chart.draw_series(boxes).map_err(err)?;
    chart.draw_series(labels).map_err(err)?;
    Ok(taken)
}

/// The null cell: a thick black outline and a small "null" tag in its upper left corner; returns the tag's box.
fn draw_null<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &mut ChartContext<'_, DB, Grid>,
    panel: &SurfacePanel,
) -> Result<Option<PixelBox>, String> {
    let (Some(k), Some(j)) = (grid_index(&panel.dominance, panel.null.0), grid_index(&panel.growth, panel.null.1)) else {
        return Ok(None);
    };
    let (x, y) = (k as f64, j as f64);
    chart.draw_series([Rectangle::new([(x - 0.5, y - 0.5), (x + 0.5, y + 0.5)], BLACK.stroke_width(3))]).map_err(err)?;
    let font = (theme::FAMILY, 10).into_font().color(&BLACK);
    let (w, h) = area.estimate_text_size("null", &font).map_err(err)?;
    let (w, h) = (w as i32, h as i32);
    let tag = EmptyElement::at((x - 0.5, y + 0.5))
        + Rectangle::new([(2, 2), (w + 8, h + 5)], WHITE.filled())
        + Text::new("null".to_string(), (5, 3), font);
    chart.plotting_area().draw(&tag).map_err(err)?;
    let (px, py) = chart.backend_coord(&(x - 0.5, y + 0.5));
    Ok(Some([px + 2, py + 2, px + w + 8, py + h + 5]))
}

/// The marks (examples as open circles, the observed point as a halo cross), then their
/// labels, the observed point's first, each where it covers least of `avoid`.
fn draw_marks<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &ChartContext<'_, DB, Grid>,
    marks: &[Mark],
    mut avoid: Vec<PixelBox>,
) -> Result<(), String> {
    for m in marks {
        if m.observed {
            draw_observed_marker(chart.plotting_area(), m.at)?;
        } else {
            draw_example_marker(chart.plotting_area(), m.at)?;
        }
        let (px, py) = chart.backend_coord(&m.at);
        avoid.push([px - 10, py - 10, px + 10, py + 10]);
    }
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let bounds = [xs.start, ys.start, xs.end, ys.end];
    let base = area.get_base_pixel();
    for m in marks.iter().filter(|m| m.observed).chain(marks.iter().filter(|m| !m.observed)) {
        let font = (theme::FAMILY, if m.observed { 12 } else { 11 }).into_font().color(&BLACK);
        let (w, h) = area.estimate_text_size(&m.label, &font).map_err(err)?;
        let b = place_label(chart.backend_coord(&m.at), (w as i32 + 6, h as i32 + 4), bounds, &avoid);
        let [x0, y0, x1, y1] = [b[0] - base.0, b[1] - base.1, b[2] - base.0, b[3] - base.1];
        area.draw(&Rectangle::new([(x0, y0), (x1, y1)], WHITE.mix(0.9).filled())).map_err(err)?;
        area.draw(&Rectangle::new([(x0, y0), (x1, y1)], BLACK.mix(0.4).stroke_width(1))).map_err(err)?;
        area.draw_text(&m.label, &font, (x0 + 3, y0 + 2)).map_err(err)?;
        avoid.push(b);
    }
    Ok(())
}

/// Pixels two boxes share.
fn overlap(a: &PixelBox, b: &PixelBox) -> i64 {
    let w = (a[2].min(b[2]) - a[0].max(b[0])).max(0) as i64;
    let h = (a[3].min(b[3]) - a[1].max(b[1])).max(0) as i64;
    w * h
}

/// The box of a label of `size` beside the point `p`: of eight places around it, the first
/// that covers least of `avoid`, leaving `bounds` weighing twenty times as much.
fn place_label(p: (i32, i32), size: (i32, i32), bounds: PixelBox, avoid: &[PixelBox]) -> PixelBox {
    let (w, h) = size;
    let offsets =
        [(10, -8 - h), (10, 8), (-10 - w, -8 - h), (-10 - w, 8), (13, -h / 2), (-13 - w, -h / 2), (-w / 2, -13 - h), (-w / 2, 13)];
    let cost = |b: &PixelBox| {
        let outside = (w * h) as i64 - overlap(b, &bounds);
        20 * outside + avoid.iter().map(|a| overlap(b, a)).sum::<i64>()
    };
    offsets.iter().map(|&(dx, dy)| [p.0 + dx, p.1 + dy, p.0 + dx + w, p.1 + dy + h]).min_by_key(cost).expect("eight places")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::output::render_drawing;

    /// A realistic chart: four panels, rates rising with dominance and growth for T2, high below dominance 1 for T1.
    pub(crate) fn example() -> PowerSurfaceChart {
        let dominance = vec![0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0];
        let growth = vec![0.5, 1.0, 1.25, 1.5, 2.0, 4.0];
        let logistic = |z: f64| 1.0 / (1.0 + (-z).exp());
        let panel = |title: &str, shift: f64, observed: Option<(f64, f64)>| {
            let t2 = growth
                .iter()
                .map(|g: &f64| dominance.iter().map(|d: &f64| logistic(2.2 * d.ln() + 2.0 * g.ln() - 1.2 + shift)).collect())
                .collect();
            let t1 = growth
                .iter()
                .map(|g: &f64| dominance.iter().map(|d: &f64| logistic(-3.5 * d.ln() - 1.5 * g.ln() - 0.8 + shift)).collect())
                .collect();
            SurfacePanel {
                title: title.into(),
                dominance: dominance.clone(),
                growth: growth.clone(),
                rate_t2: t2,
                rate_t1: t1,
                observed,
                null: (1.5, 1.25),
                examples: vec![("clear T2".into(), 10.0, 4.0), ("clear T1".into(), 0.5, 0.5)],
            }
        };
        PowerSurfaceChart {
            panels: vec![
                panel("arms", 0.0, Some((2.4, 1.9))),
                panel("exercises", -0.5, Some((f64::INFINITY, 1.0))),
                panel("training", 0.3, Some((0.8, 3.1))),
                panel("overall", 0.2, Some((1.7, 0.3))),
            ],
            caption: "Power surface: 200 simulated worlds per cell, drawn from the main prior with the focal partner's rate scaled to the cell's dominance and growth; source: example data.".into(),
            subject: "Examplestan".into(),
            focal: "Russia".into(),
        }
    }

    #[test]
    fn grid_position_interpolates_on_the_log_scale() {
        let grid = [1.0, 2.0, 4.0];
        let p = grid_position(&grid, 2.8284).unwrap();
        assert!((p.at - 1.5).abs() < 1e-3, "{p:?}");
        assert_eq!(p.beyond, Beyond::Inside);
        assert_eq!(grid_position(&grid, 1.0).unwrap(), GridPosition { at: 0.0, beyond: Beyond::Inside });
        assert_eq!(grid_position(&grid, 4.0).unwrap(), GridPosition { at: 2.0, beyond: Beyond::Inside });
        let q = grid_position(&grid, 2.0_f64.powf(1.25)).unwrap();
        assert!((q.at - 1.25).abs() < 1e-12, "{q:?}");
    }

    #[test]
    fn grid_position_clamps_values_beyond_the_grid() {
        let grid = [1.0, 2.0, 4.0];
        let above = grid_position(&grid, 8.0).unwrap();
        assert_eq!(above.beyond, Beyond::Above);
        assert!(above.at > 2.5 && above.at < 2.5 + PAD, "{above:?}");
        assert_eq!(grid_position(&grid, f64::INFINITY).unwrap(), above);
        let below = grid_position(&grid, 0.3).unwrap();
        assert_eq!(below.beyond, Beyond::Below);
        assert!(below.at < -0.5 && below.at > -0.5 - PAD, "{below:?}");
        assert_eq!(grid_position(&grid, 0.0).unwrap(), below);
        assert!(grid_position(&grid, f64::NAN).is_none());
        assert!(grid_position(&[], 1.0).is_none());
        assert_eq!(grid_position(&[2.0], 2.0).unwrap(), GridPosition { at: 0.0, beyond: Beyond::Inside });
    }

    #[test]
    fn labels_say_where_a_point_beyond_the_grid_lies() {
        let grid = [1.0, 2.0, 4.0];
        let at = |d: f64, g: f64| (grid_position(&grid, d).unwrap(), grid_position(&grid, g).unwrap());
        assert_eq!(point_label("observed", (2.0, 2.0), at(2.0, 2.0)), "observed");
        assert_eq!(point_label("observed", (f64::INFINITY, 2.0), at(f64::INFINITY, 2.0)), "observed (dominance ∞ →)");
        assert_eq!(point_label("observed", (2.0, 0.3), at(2.0, 0.3)), "observed (growth 0.3 ↓)");
    }

    #[test]
    fn labels_go_where_they_cover_least() {
        let bounds = [0, 0, 400, 300];
        // Free space: above and right of the point.
        assert_eq!(place_label((100, 100), (40, 14), bounds, &[]), [110, 78, 150, 92]);
        // Near the right edge: to the left.
        assert_eq!(place_label((390, 100), (40, 14), bounds, &[]), [340, 78, 380, 92]);
        // Above and right taken: below and right.
        assert_eq!(place_label((100, 100), (40, 14), bounds, &[[105, 70, 160, 95]]), [110, 108, 150, 122]);
    }

    #[test]
    fn text_reads_on_light_and_dark_cells() {
        assert_eq!(ink(theme::sequential(0.0)), BLACK);
        assert_eq!(ink(theme::sequential(1.0)), WHITE);
    }

    #[test]
    fn renders_png_and_svg() {
        let dir = tempfile::tempdir().unwrap();
        let mut chart = example();
        chart.panels.truncate(2);
        for name in ["power.png", "power.svg"] {
            let path = dir.path().join(name);
            render_drawing(&chart, &path).unwrap();
            assert!(std::fs::metadata(&path).unwrap().len() > 0, "{name} is empty");
        }
    }

    /// Writes the example to /tmp/power_example.png for a look: `cargo test --release power_surface -- --ignored`.
    #[test]
    #[ignore]
    fn render_example_to_tmp() {
        render_drawing(&example(), std::path::Path::new("/tmp/power_example.png")).unwrap();
        render_drawing(&example(), std::path::Path::new("/tmp/power_example.svg")).unwrap();
    }
}
