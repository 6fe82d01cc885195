//! Chart 5: the specification curve — every specification's verdict and focal share,
//! ordered, with the coding choices underneath.
use plotters::coord::Shift;
use plotters::prelude::*;

use super::data::ChartSet;
use super::{err, theme};

pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, set: &ChartSet) -> Result<(), String> {
    let m = &set.multiverse;
    let title =
        format!("Multiverse: {} specifications ordered by {}'s late-period share; colour = overall verdict", m.specifications, set.focal);
    let area = area.titled(&title, (theme::FAMILY, 20)).map_err(err)?;
    let (top, bottom) = area.split_vertically(area.dim_in_pixel().1 as i32 * 45 / 100);
    let order = specification_order(set);
    draw_curve(&top, set, &order)?;
    draw_choices(&bottom, set, &order)
}

/// The specifications ordered by focal share (missing shares first), ties by index.
fn specification_order(set: &ChartSet) -> Vec<usize> {
    let m = &set.multiverse;
    let mut order: Vec<usize> = (0..m.outcomes.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (m.outcomes[a].focal_share.unwrap_or(-1.0), m.outcomes[b].focal_share.unwrap_or(-1.0));
        x.total_cmp(&y).then(a.cmp(&b))
    });
    order
}

/// The upper panel: each specification's focal share, coloured by verdict, with a legend.
fn draw_curve<DB: DrawingBackend>(top: &DrawingArea<DB, Shift>, set: &ChartSet, order: &[usize]) -> Result<(), String> {
    let m = &set.multiverse;
    let n = order.len().max(1) as f64;
    let mut chart = ChartBuilder::on(top)
        .margin(8)
        .x_label_area_size(20)
        .y_label_area_size(220)
        .build_cartesian_2d(-0.5..n - 0.5, 0.0..1.0)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_desc(format!("{} share (weighted, late period)", set.focal))
        .label_style((theme::FAMILY, 12))
        .light_line_style(theme::LIGHT)
        .draw()
        .map_err(err)?;
    for verdict in ["T1", "T2", "neither", "inconclusive"] {
        let colour = theme::verdict_colour(verdict);
        let points: Vec<(f64, f64)> = order
            .iter()
            .enumerate()
            .filter(|(_, &s)| m.outcomes[s].verdict.name() == verdict)
            .filter_map(|(x, &s)| m.outcomes[s].focal_share.map(|v| (x as f64, v)))
            .collect();
        let share = m.shares.get(verdict).copied().unwrap_or(0.0);
        chart
            .draw_series(points.iter().map(|p| Circle::new(*p, 3, colour.filled())))
            .map_err(err)?
            .label(format!("{verdict} ({:.1} %)", 100.0 * share))
            .legend(move |(x, y)| Circle::new((x + 5, y), 4, colour.filled()));
    }
    // The legend sits where the ordered points are not: upper left, unless the lower
    // fifth of the specifications already reaches the top of the panel.
    let crowded = order.get(order.len() / 5).and_then(|&s| m.outcomes[s].focal_share).is_some_and(|v| v > 0.75);
    chart
        .configure_series_labels()
        .position(if crowded { SeriesLabelPosition::LowerRight } else { SeriesLabelPosition::UpperLeft })
        .label_font((theme::FAMILY, 12))
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK.mix(0.3))
        .draw()
        .map_err(err)?;
    Ok(())
}

/// The lower panel: one row per dimension value, a dot where the specification uses it.
fn draw_choices<DB: DrawingBackend>(bottom: &DrawingArea<DB, Shift>, set: &ChartSet, order: &[usize]) -> Result<(), String> {
    let m = &set.multiverse;
    let n = order.len().max(1) as f64;
    let rows: Vec<(usize, String, String)> =
        m.dimensions.iter().enumerate().flat_map(|(d, (name, values))| values.iter().map(move |v| (d, name.clone(), v.clone()))).collect();
    let labels: Vec<String> = rows.iter().map(|(_, d, v)| format!("{d}: {v}")).collect();
    let count = rows.len().max(1);
    let mut grid = ChartBuilder::on(bottom)
        .margin(8)
        .x_label_area_size(30)
        .y_label_area_size(220)
        .build_cartesian_2d(-0.5..n - 0.5, -0.5..(count as f64 - 0.5))
        .map_err(err)?;
    grid.configure_mesh()
        .disable_mesh()
        .x_desc("specifications, ordered as above")
        .x_labels(0)
        .y_labels(count)
        .y_label_formatter(&|y| {
            let k = y.round();
            if (y - k).abs() < 1e-6 && k >= 0.0 {
                labels.get(count - 1 - k as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .label_style((theme::FAMILY, 11))
        .draw()
        .map_err(err)?;
    // Dots as large as the number of specifications leaves room for.
    let radius = match order.len() {
        0..=60 => 4,
        61..=200 => 2,
        _ => 1,
    };
    let dots = order.iter().enumerate().flat_map(|(x, &s)| {
        let outcome = &m.outcomes[s];
        rows.iter().enumerate().filter(move |(_, (_, dim, value))| outcome.choices.iter().any(|(d, v)| d == dim && v == value)).map(
            move |(r, _)| {
                let colour = theme::verdict_colour(outcome.verdict.name());
                Circle::new((x as f64, (count - 1 - r) as f64), radius, colour.filled())
            },
        )
    });
    grid.draw_series(dots).map_err(err)?;
    Ok(())
}
