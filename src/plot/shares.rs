//! Chart 1: stacked partner shares per year, one panel per channel (top partners + others).
use plotters::coord::Shift;
use plotters::prelude::*;

use super::data::ChartSet;
use super::{err, theme, year_range};
use crate::format::fixed;

pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, set: &ChartSet) -> Result<(), String> {
    let title = format!("{}: partner shares per year and channel (largest partners, rest as \"others\")", set.subject);
    let area = area.titled(&title, (theme::FAMILY, 22)).map_err(err)?;
    let panels = area.split_evenly((set.channels.len().max(1), 1));
    for (panel, c) in panels.iter().zip(&set.channels) {
        let mut chart = ChartBuilder::on(panel)
            .caption(super::channel_title(&c.channel, &c.unit), (theme::FAMILY, 16))
            .margin_right(170)
            .margin_left(10)
            .x_label_area_size(28)
            .y_label_area_size(60)
            .build_cartesian_2d(year_range(&c.years), 0.0..1.0)
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .x_desc("year")
            .y_desc("share of channel total")
            .x_label_formatter(&|x| fixed(*x, 0))
            .label_style((theme::FAMILY, 12))
            .draw()
            .map_err(err)?;
        for (k, partner) in c.partners.iter().enumerate() {
            let colour = if partner == "others" { theme::GREY } else { theme::PALETTE[k % theme::PALETTE.len()] };
            let bars = c.years.iter().zip(&c.shares).map(move |(y, row)| {
                let below: f64 = row[..k].iter().sum();
                let x = *y as f64;
                Rectangle::new([(x - 0.4, below), (x + 0.4, below + row[k])], colour.filled())
            });
            chart.draw_series(bars).map_err(err)?;
            // Legend in the right margin, outside the plotting area.
            let (x, y) = (panel.dim_in_pixel().0 as i32 - 160, 40 + 18 * k as i32);
            panel.draw(&Rectangle::new([(x, y), (x + 12, y + 12)], colour.filled())).map_err(err)?;
            panel.draw_text(partner, &(theme::FAMILY, 12).into_font().color(&BLACK), (x + 18, y)).map_err(err)?;
        }
        chart.draw_series(super::break_lines(&set.breaks, (0.0, 1.0))).map_err(err)?;
    }
    Ok(())
}
