//! Chart 4: partner × year heatmap per channel (square-root colour scale of the value).
use plotters::coord::Shift;
use plotters::prelude::*;

use super::data::ChartSet;
use super::{err, theme, year_range};
use crate::format::fixed;

pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, set: &ChartSet) -> Result<(), String> {
    let title = format!("{}: value per partner and year (darker = more; square-root scale; white = 0 or not coded)", set.subject);
    let area = area.titled(&title, (theme::FAMILY, 20)).map_err(err)?;
    let panels = area.split_evenly((set.channels.len().max(1), 1));
    for (panel, c) in panels.iter().zip(&set.channels) {
        let n = c.heat_partners.len().max(1);
        let max = c.heat.iter().flatten().copied().fold(0.0f64, f64::max);
        let names = c.heat_partners.clone();
        let mut chart = ChartBuilder::on(panel)
            .caption(format!("{}, max {} per cell", super::channel_title(&c.channel, &c.unit), fixed(max, 1)), (theme::FAMILY, 16))
            .margin(8)
            .x_label_area_size(28)
            .y_label_area_size(170)
            .build_cartesian_2d(year_range(&c.years), -0.5..(n as f64 - 0.5))
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_desc("year")
            .y_labels(n)
            .y_label_formatter(&|y| {
                let k = y.round();
                if (y - k).abs() < 1e-6 && k >= 0.0 {
                    names.get(k as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .x_label_formatter(&|x| fixed(*x, 0))
            .label_style((theme::FAMILY, 11))
            .draw()
            .map_err(err)?;
        let cells = c.years.iter().zip(&c.heat).flat_map(|(y, row)| {
            row.iter().enumerate().map(move |(k, v)| {
                let t = if max > 0.0 { (v / max).sqrt() } else { 0.0 };
                let x = *y as f64;
                Rectangle::new([(x - 0.5, k as f64 - 0.5), (x + 0.5, k as f64 + 0.5)], theme::sequential(t).filled())
            })
        });
        chart.draw_series(cells).map_err(err)?;
        chart.draw_series(super::break_lines(&set.breaks, (-0.5, n as f64 - 0.5))).map_err(err)?;
    }
    Ok(())
}
