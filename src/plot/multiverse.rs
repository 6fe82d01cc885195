//! Chart 5: the specification curve of probabilities — every specification's P(T2)
//! (line, sorted) and P(T1) (triangles, mean per bin), with the coding choices below as
//! the share of each bin's specifications that use each value.
use plotters::coord::Shift;
use plotters::prelude::*;

use super::data::ChartSet;
use super::{err, theme};

/// Bins of the choice matrix and of the P(T1) markers (fewer when there are fewer specifications).
const BINS: usize = 120;

pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, set: &ChartSet) -> Result<(), String> {
    let m = &set.multiverse;
    let title = format!("Multiverse: P(T2) and P(T1) in {} specifications, ordered by P(T2)", m.count);
    let area = area.titled(&title, (theme::FAMILY, 20)).map_err(err)?;
    let (top, bottom) = area.split_vertically(area.dim_in_pixel().1 as i32 * 45 / 100);
    let order = specification_order(set);
    let bins = bins_of(order.len());
    draw_curve(&top, set, &order, &bins)?;
    draw_choices(&bottom, set, &order, &bins)
}

/// The specifications ordered by P(T2), ties by P(T1) and then by grid position.
fn specification_order(set: &ChartSet) -> Vec<usize> {
    let s = &set.multiverse.specifications;
    let mut order: Vec<usize> = (0..s.len()).collect();
    order.sort_by(|&a, &b| s[a].p_t2.total_cmp(&s[b].p_t2).then(s[a].p_t1.total_cmp(&s[b].p_t1)).then(a.cmp(&b)));
    order
}

/// Consecutive ranges of the ordered specifications, at most `BINS` of them.
fn bins_of(n: usize) -> Vec<(usize, usize)> {
    let k = n.clamp(1, BINS);
    (0..k).map(|b| (b * n / k, (b + 1) * n / k)).filter(|(a, z)| z > a).collect()
}

/// The upper panel: P(T2) of every specification as a line, P(T1) per bin as triangles,
/// and the "very likely" line at 0.9.
fn draw_curve<DB: DrawingBackend>(
    top: &DrawingArea<DB, Shift>,
    set: &ChartSet,
    order: &[usize],
    bins: &[(usize, usize)],
) -> Result<(), String> {
    let s = &set.multiverse.specifications;
    let n = order.len().max(1) as f64;
    let mut chart =
        ChartBuilder::on(top).margin(8).x_label_area_size(20).y_label_area_size(220).build_cartesian_2d(0.0..n, 0.0..1.0).map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_desc("probability")
        .label_style((theme::FAMILY, 12))
        .light_line_style(theme::LIGHT)
        .draw()
        .map_err(err)?;
    let (t2, t1) = (theme::verdict_colour("T2"), theme::verdict_colour("T1"));
    chart
        .draw_series(LineSeries::new([(0.0, 0.9), (n, 0.9)], theme::GREY.stroke_width(1)))
        .map_err(err)?
        .label("0.9: very likely")
        .legend(|(x, y)| PathElement::new([(x, y), (x + 12, y)], theme::GREY));
    chart
        .draw_series(LineSeries::new(order.iter().enumerate().map(|(x, &k)| (x as f64 + 0.5, s[k].p_t2)), t2.stroke_width(2)))
        .map_err(err)?
        .label("P(T2), each specification (line)")
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 12, y)], t2.stroke_width(2)));
    let means = bins.iter().map(|&(a, z)| ((a + z) as f64 / 2.0, order[a..z].iter().map(|&k| s[k].p_t1).sum::<f64>() / (z - a) as f64));
    chart
        .draw_series(means.map(|p| TriangleMarker::new(p, 4, t1.filled())))
        .map_err(err)?
        .label("P(T1), mean per bin (triangles)")
        .legend(move |(x, y)| TriangleMarker::new((x + 5, y), 4, t1.filled()));
    theme::legend(&mut chart, SeriesLabelPosition::UpperLeft)
}

/// The lower panel: one row per choice value; each bin's cell is as dark as the share of
/// its specifications that use the value.
fn draw_choices<DB: DrawingBackend>(
    bottom: &DrawingArea<DB, Shift>,
    set: &ChartSet,
    order: &[usize],
    bins: &[(usize, usize)],
) -> Result<(), String> {
    let m = &set.multiverse;
    let n = order.len().max(1) as f64;
    let rows: Vec<(usize, usize, String)> = m
        .dimensions
        .iter()
        .enumerate()
        .flat_map(|(d, dim)| dim.values.iter().enumerate().map(move |(v, name)| (d, v, format!("{}: {name}", dim.choice.name()))))
        .collect();
    let count = rows.len().max(1);
    let mut grid = ChartBuilder::on(bottom)
        .margin(8)
        .x_label_area_size(30)
        .y_label_area_size(220)
        .build_cartesian_2d(0.0..n, -0.5..(count as f64 - 0.5))
        .map_err(err)?;
    grid.configure_mesh()
        .disable_mesh()
        .x_desc("specifications, ordered as above; shade = share of the bin using the value")
        .x_labels(0)
        .y_labels(count)
        .y_label_formatter(&|y| {
            let k = y.round();
            if (y - k).abs() < 1e-6 && k >= 0.0 {
                rows.get(count - 1 - k as usize).map(|r| r.2.clone()).unwrap_or_default()
            } else {
                String::new()
            }
        })
        .label_style((theme::FAMILY, 11))
        .draw()
        .map_err(err)?;
    let s = &m.specifications;
    let cells = bins.iter().flat_map(|&(a, z)| {
        rows.iter().enumerate().filter_map(move |(r, &(d, v, _))| {
            let share = order[a..z].iter().filter(|&&k| s[k].choices.get(d) == Some(&v)).count() as f64 / (z - a) as f64;
            let shade = (255.0 * (1.0 - 0.85 * share)).round() as u8;
            let y = (count - 1 - r) as f64;
            (share > 0.0).then(|| Rectangle::new([(a as f64, y - 0.4), (z as f64, y + 0.4)], RGBColor(shade, shade, shade).filled()))
        })
    });
    grid.draw_series(cells).map_err(err)?;
    Ok(())
}
