//! Chart 2: HHI and effective number of partners per year with 95 % bootstrap bands and
//! the break years marked.
use plotters::coord::Shift;
use plotters::prelude::*;

use super::data::ChartSet;
use super::{err, theme, year_range};
use crate::format::fixed;

// A drawing primitive: the area, its texts, the series and its interval, the breaks and
// the colour are all needed, and a struct for them would only be unpacked here.
#[allow(clippy::too_many_arguments)]
fn panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    caption: &str,
    y_desc: &str,
    years: &[i32],
    value: &[Option<f64>],
    ci: &[Option<(f64, f64)>],
    breaks: &[i32],
    colour: RGBColor,
) -> Result<(), String> {
    let top = ci.iter().flatten().map(|c| c.1).chain(value.iter().flatten().copied()).fold(1.0f64, f64::max) * 1.05;
    let mut chart = ChartBuilder::on(area)
        .caption(caption, (theme::FAMILY, 15))
        .margin(8)
        .x_label_area_size(28)
        .y_label_area_size(50)
        .build_cartesian_2d(year_range(years), 0.0..top)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_desc("year")
        .y_desc(y_desc)
        .x_label_formatter(&|x| fixed(*x, 0))
        .label_style((theme::FAMILY, 12))
        .light_line_style(theme::LIGHT)
        .draw()
        .map_err(err)?;
    // The band: one polygon per run of consecutive years with an interval.
    let mut run: Vec<(i32, (f64, f64))> = Vec::new();
    let mut runs = Vec::new();
    for (y, c) in years.iter().zip(ci) {
        match c {
            Some(c) if run.last().is_none_or(|(prev, _)| *prev + 1 == *y) => run.push((*y, *c)),
            Some(c) => runs.push(std::mem::replace(&mut run, vec![(*y, *c)])),
            None => runs.push(std::mem::take(&mut run)),
        }
    }
    runs.push(run);
    for r in runs.into_iter().filter(|r| !r.is_empty()) {
        let mut points: Vec<(f64, f64)> = r.iter().map(|(y, c)| (*y as f64, c.1)).collect();
        points.extend(r.iter().rev().map(|(y, c)| (*y as f64, c.0)));
        chart.draw_series(std::iter::once(Polygon::new(points, colour.mix(0.2).filled()))).map_err(err)?;
    }
    let points: Vec<(f64, f64)> = years.iter().zip(value).filter_map(|(y, v)| v.map(|v| (*y as f64, v))).collect();
    for run in super::consecutive_runs(&points) {
        chart.draw_series(LineSeries::new(run, colour.stroke_width(2))).map_err(err)?;
    }
    chart.draw_series(points.iter().map(|p| Circle::new(*p, 3, colour.filled()))).map_err(err)?;
    chart.draw_series(super::break_lines(breaks, (0.0, top))).map_err(err)?;
    Ok(())
}

pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, set: &ChartSet) -> Result<(), String> {
    let title = format!(
        "{}: concentration per year (line) with 95 % bootstrap interval (band); vertical lines = breaks {}",
        set.subject,
        set.breaks.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(", ")
    );
    let area = area.titled(&title, (theme::FAMILY, 20)).map_err(err)?;
    let cells = area.split_evenly((set.channels.len().max(1), 2));
    for (k, c) in set.channels.iter().enumerate() {
        panel(
            &cells[2 * k],
            &format!("{}: effective number of partners (1/HHI)", c.channel),
            "ENP",
            &c.years,
            &c.enp,
            &c.enp_ci,
            &set.breaks,
            theme::PALETTE[1],
        )?;
        panel(
            &cells[2 * k + 1],
            &format!("{}: Herfindahl-Hirschman index", c.channel),
            "HHI (0-1)",
            &c.years,
            &c.hhi,
            &c.hhi_ci,
            &set.breaks,
            theme::PALETTE[0],
        )?;
    }
    Ok(())
}
