//! The reliability chart of the calibration section: stated probabilities, in bins, against
//! the observed share of simulated worlds in which the statement holds, one panel per prior,
//! the diagonal marking perfect calibration.
use plotters::coord::Shift;
use plotters::element::ComposedElement;
use plotters::prelude::*;
use serde::Serialize;

use super::output::{with_caption, Drawing};
use super::{err, theme};
use crate::format::fixed;

/// One reliability curve: stated probability in bins against the observed share of worlds in which the statement holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReliabilityCurve {
    /// The statement, e.g. "P(T2)", "C1" or "D4"; named in the legend.
    pub label: String,
    /// The bins, in any order; bins with `n == 0` are not drawn.
    pub bins: Vec<ReliabilityBin>,
}

/// One bin of a reliability curve.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReliabilityBin {
    /// The mean stated probability of the worlds in the bin.
    pub stated: f64,
    /// The share of the bin's worlds in which the statement holds.
    pub observed: f64,
    /// The number of worlds in the bin.
    pub n: usize,
    /// Lower end of the 95 % binomial interval of `observed`.
    pub low: f64,
    /// Upper end of the 95 % binomial interval of `observed`.
    pub high: f64,
}

/// One panel: the curves under one prior.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReliabilityPanel {
    /// The panel's title, e.g. "main prior (a₀ = 1), 500 worlds".
    pub title: String,
    /// The curves, one per statement.
    pub curves: Vec<ReliabilityCurve>,
}

/// The reliability chart: the panels side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReliabilityChart {
    /// The panels, left to right (one per prior).
    pub panels: Vec<ReliabilityPanel>,
    /// Sources and specification, drawn under the chart.
    pub caption: String,
    /// The subject (country), named in the title.
    pub subject: String,
}

/// Curve colours: the Okabe–Ito palette without its yellow, which is too light for points on white.
const COLOURS: [usize; 7] = [0, 1, 3, 4, 2, 5, 7];

/// Marker shapes, so that the curves read without colour.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    Circle,
    Triangle,
    Square,
    Cross,
    Diamond,
    TriangleDown,
    Star,
}

const SHAPES: [Shape; 7] = [Shape::Circle, Shape::Triangle, Shape::Square, Shape::Cross, Shape::Diamond, Shape::TriangleDown, Shape::Star];

/// The outline of `shape` around (0, 0), in pixels (y downwards), about `r` in radius.
fn outline(shape: Shape, r: f64) -> Vec<(f64, f64)> {
    let polar = |n: usize, turn: f64, radius: &dyn Fn(usize) -> f64| -> Vec<(f64, f64)> {
        (0..n)
            .map(|k| {
                let a = turn + k as f64 * std::f64::consts::TAU / n as f64;
                (radius(k) * a.cos(), radius(k) * a.sin())
            })
            .collect()
    };
    let up = -std::f64::consts::FRAC_PI_2;
    match shape {
        Shape::Circle => polar(16, 0.0, &|_| r),
        Shape::Triangle => polar(3, up, &|_| 1.25 * r),
        Shape::TriangleDown => polar(3, -up, &|_| 1.25 * r),
        Shape::Square => polar(4, std::f64::consts::FRAC_PI_4, &|_| 1.35 * r),
        Shape::Diamond => polar(4, up, &|_| 1.15 * r),
        Shape::Star => polar(10, up, &|k| if k % 2 == 0 { 1.4 * r } else { 0.6 * r }),
        Shape::Cross => {
            // A plus of arms `1.4 r` long and `0.6 r` wide, turned by 45°.
            let (a, l) = (0.3 * r, 1.4 * r);
            let plus = [(-a, -l), (a, -l), (a, -a), (l, -a), (l, a), (a, a), (a, l), (-a, l), (-a, a), (-l, a), (-l, -a), (-a, -a)];
            let s = std::f64::consts::FRAC_1_SQRT_2;
            plus.iter().map(|(x, y)| ((x - y) * s, (x + y) * s)).collect()
        }
    }
}

/// A marker: a filled outline with a rim, placed at a point.
type Marker<C, DB> = ComposedElement<C, DB, Polygon<(i32, i32)>, PathElement<(i32, i32)>>;

/// A filled marker of `shape` at `at`, with a thin white rim so that overlapping markers stay apart.
fn marker<C, DB: DrawingBackend>(at: C, shape: Shape, colour: RGBColor) -> Marker<C, DB> {
    let points: Vec<(i32, i32)> = outline(shape, 5.0).iter().map(|(x, y)| (x.round() as i32, y.round() as i32)).collect();
    let mut rim = points.clone();
    rim.push(points[0]);
    EmptyElement::at(at) + Polygon::new(points, colour.filled()) + PathElement::new(rim, WHITE.stroke_width(1))
}

impl Drawing for ReliabilityChart {
    fn name(&self) -> &str {
        "reliability"
    }

    fn size(&self) -> (u32, u32) {
        (theme::WIDTH, 620)
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let body = with_caption(area, &self.caption)?;
        let title = format!(
            "{}: stated probability against the share of worlds in which it holds (dashed: perfect calibration; bars: 95 % interval)",
            self.subject
        );
        let body = body.titled(&title, (theme::FAMILY, 17)).map_err(err)?;
        let cells = body.split_evenly((1, self.panels.len().max(1)));
        for (cell, panel) in cells.iter().zip(&self.panels) {
            draw_panel(cell, panel)?;
        }
        Ok(())
    }
}

/// How far curve `k` of `m` is drawn sideways of its stated probabilities, so that bins at
/// the same stated probability do not hide each other's intervals: 0.004 apart, centred on 0.
fn nudge(k: usize, m: usize) -> f64 {
    0.004 * (k as f64 - (m.max(1) - 1) as f64 / 2.0)
}

/// One panel: the diagonal, then every curve's line, intervals and markers, and the legend.
fn draw_panel<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, panel: &ReliabilityPanel) -> Result<(), String> {
    let mut chart = ChartBuilder::on(area)
        .caption(&panel.title, (theme::FAMILY, 15))
        .margin(10)
        .margin_right(18)
        .x_label_area_size(44)
        .y_label_area_size(56)
        .build_cartesian_2d(0.0..1.0, 0.0..1.0)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_labels(6)
        .y_labels(6)
        .x_label_formatter(&|x| fixed(*x, 1))
        .y_label_formatter(&|y| fixed(*y, 1))
        .x_desc(format!(
            "stated probability (mean in the bin; curves nudged sideways by ≤ {} to keep their bars apart)",
            fixed(nudge(0, panel.curves.len()).abs(), 3)
        ))
        .y_desc("observed share of worlds in which it holds")
        .label_style((theme::FAMILY, 12))
        .axis_desc_style((theme::FAMILY, 12))
        .light_line_style(WHITE)
        .bold_line_style(theme::LIGHT)
        .draw()
        .map_err(err)?;
    chart
        .draw_series(DashedLineSeries::new([(0.0, 0.0), (1.0, 1.0)], 8, 5, theme::GREY.stroke_width(2)))
        .map_err(err)?
        .label("perfect calibration")
        .legend(|(x, y)| PathElement::new([(x, y), (x + 8, y), (x + 12, y), (x + 20, y)], theme::GREY.stroke_width(2)));
    for (k, curve) in panel.curves.iter().enumerate() {
        let colour = theme::PALETTE[COLOURS[k % COLOURS.len()]];
        let shape = SHAPES[k % SHAPES.len()];
        let mut bins: Vec<&ReliabilityBin> = curve.bins.iter().filter(|b| b.n > 0).collect();
        bins.sort_by(|a, b| a.stated.total_cmp(&b.stated));
        let dx = nudge(k, panel.curves.len());
        let points: Vec<(f64, f64)> = bins.iter().map(|b| (b.stated + dx, b.observed)).collect();
        chart.draw_series(LineSeries::new(points.clone(), colour.mix(0.7).stroke_width(1))).map_err(err)?;
        let bars = bins.iter().map(|b| ErrorBar::new_vertical(b.stated + dx, b.low, b.observed, b.high, colour.stroke_width(1), 6));
        chart.draw_series(bars).map_err(err)?;
        chart
            .draw_series(points.into_iter().map(|p| marker(p, shape, colour)))
            .map_err(err)?
            .label(&curve.label)
            .legend(move |(x, y)| marker((x + 10, y), shape, colour));
    }
    theme::legend(&mut chart, SeriesLabelPosition::UpperLeft)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::output::render_drawing;

    /// Wilson's 95 % interval of `k` successes in `n`.
    fn wilson(k: usize, n: usize) -> (f64, f64) {
        let (n, p, z) = (n as f64, k as f64 / n as f64, 1.96);
        let centre = (p + z * z / (2.0 * n)) / (1.0 + z * z / n);
        let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / (1.0 + z * z / n);
        (centre - half, centre + half)
    }

    /// A curve of ten bins; `bend` > 0 is overconfident (observed nearer 0.5 than stated).
    fn curve(label: &str, bend: f64, worlds: usize) -> ReliabilityCurve {
        let bins = (0..10)
            .map(|b| {
                let stated = (b as f64 + 0.5) / 10.0;
                let n = if b == 4 { 0 } else { worlds / 10 + 7 * b };
                let observed_true = 0.5 + (stated - 0.5) * (1.0 - bend);
                let k = (observed_true * n as f64).round() as usize;
                let (low, high) = if n > 0 { wilson(k, n) } else { (0.0, 0.0) };
                ReliabilityBin { stated, observed: if n > 0 { k as f64 / n as f64 } else { 0.0 }, n, low, high }
            })
            .collect();
        ReliabilityCurve { label: label.into(), bins }
    }

    pub(crate) fn example() -> ReliabilityChart {
        let panel = |title: &str, shift: f64| ReliabilityPanel {
            title: title.into(),
            curves: vec![
                curve("P(T2)", 0.1 + shift, 500),
                curve("P(T1)", -0.1 + shift, 500),
                curve("C1", 0.25 + shift, 500),
                curve("D4", shift, 500),
                curve("C5", 0.4 + shift, 500),
            ],
        };
        ReliabilityChart {
            panels: vec![panel("main prior (a₀ = 1), 500 worlds", 0.0), panel("wide prior (a₀ = 0.5), 500 worlds", 0.15)],
            caption: "Reliability: 500 worlds drawn from each prior, the model fitted to each; bins of 0.1 in stated probability; intervals: Wilson 95 %; source: example data.".into(),
            subject: "Examplestan".into(),
        }
    }

    #[test]
    fn curves_are_nudged_symmetrically() {
        assert_eq!(nudge(0, 1), 0.0);
        assert!((nudge(0, 5) + 0.008).abs() < 1e-12 && (nudge(4, 5) - 0.008).abs() < 1e-12);
        assert!((nudge(0, 2) + nudge(1, 2)).abs() < 1e-12);
    }

    #[test]
    fn every_shape_has_an_outline() {
        for shape in SHAPES {
            let points = outline(shape, 5.0);
            assert!(points.len() >= 3, "{shape:?}");
            assert!(points.iter().all(|(x, y)| x.abs() <= 7.5 && y.abs() <= 7.5), "{shape:?}");
        }
    }

    #[test]
    fn renders_png_and_svg() {
        let dir = tempfile::tempdir().unwrap();
        let chart = example();
        for name in ["reliability.png", "reliability.svg"] {
            let path = dir.path().join(name);
            render_drawing(&chart, &path).unwrap();
            assert!(std::fs::metadata(&path).unwrap().len() > 0, "{name} is empty");
        }
    }

    #[test]
    fn renders_panels_without_any_filled_bin() {
        let dir = tempfile::tempdir().unwrap();
        let mut chart = example();
        chart.panels[0].curves[0].bins.iter_mut().for_each(|b| b.n = 0);
        chart.panels[1].curves.clear();
        let path = dir.path().join("sparse.svg");
        render_drawing(&chart, &path).unwrap();
        assert!(std::fs::metadata(&path).unwrap().len() > 0);
    }

    /// Writes the example to /tmp/reliability_example.png for a look: `cargo test --release reliability -- --ignored`.
    #[test]
    #[ignore]
    fn render_example_to_tmp() {
        render_drawing(&example(), std::path::Path::new("/tmp/reliability_example.png")).unwrap();
        render_drawing(&example(), std::path::Path::new("/tmp/reliability_example.svg")).unwrap();
    }
}
