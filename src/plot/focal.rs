//! Chart 3: the focal partner's share and rank against the next two partners, per year.
use plotters::coord::Shift;
use plotters::prelude::*;

/// A labelled, coloured line of (year, value) points.
type Line = (String, RGBColor, Vec<(f64, f64)>);

use super::data::ChartSet;
use super::{err, theme, year_range};
use crate::format::fixed;

pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, set: &ChartSet) -> Result<(), String> {
    let title =
        format!("{}: share of {} against the two largest other partners (rank of {} above its points)", set.subject, set.focal, set.focal);
    let area = area.titled(&title, (theme::FAMILY, 20)).map_err(err)?;
    let panels = area.split_evenly((set.channels.len().max(1), 1));
    for (panel, c) in panels.iter().zip(&set.channels) {
        let mut chart = ChartBuilder::on(panel)
            .caption(super::channel_title(&c.channel, &c.unit), (theme::FAMILY, 16))
            .margin(8)
            .margin_right(190)
            .x_label_area_size(28)
            .y_label_area_size(60)
            .build_cartesian_2d(year_range(&c.years), 0.0..1.1)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc("year")
            .y_desc("share of channel total")
            .x_label_formatter(&|x| fixed(*x, 0))
            .label_style((theme::FAMILY, 12))
            .light_line_style(theme::LIGHT)
            .draw()
            .map_err(err)?;
        let series = |pick: &dyn Fn(usize) -> Option<f64>| -> Vec<(f64, f64)> {
            c.years.iter().enumerate().filter_map(|(i, y)| pick(i).map(|v| (*y as f64, v))).collect()
        };
        let lines: [Line; 3] = [
            (set.focal.clone(), theme::PALETTE[0], series(&|i| c.focal_share[i])),
            ("largest other partner".into(), theme::PALETTE[1], series(&|i| c.next[i][0].as_ref().map(|n| n.1))),
            ("second-largest other".into(), theme::PALETTE[3], series(&|i| c.next[i][1].as_ref().map(|n| n.1))),
        ];
        for (k, (name, colour, points)) in lines.into_iter().enumerate() {
            for run in super::consecutive_runs(&points) {
                chart.draw_series(LineSeries::new(run, colour.stroke_width(2))).map_err(err)?;
            }
            chart.draw_series(points.iter().map(|p| Circle::new(*p, 3, colour.filled()))).map_err(err)?;
            // Legend in the right margin, where it cannot hide a point.
            let (x, y) = (panel.dim_in_pixel().0 as i32 - 180, 40 + 18 * k as i32);
            panel.draw(&PathElement::new(vec![(x, y + 6), (x + 14, y + 6)], colour.stroke_width(3))).map_err(err)?;
            panel.draw_text(&name, &(theme::FAMILY, 12).into_font().color(&BLACK), (x + 20, y)).map_err(err)?;
        }
        let ranks = c.years.iter().zip(&c.focal_share).zip(&c.focal_rank).filter_map(|((y, s), r)| {
            Some(Text::new(format!("{}", (*r)?), (*y as f64 - 0.15, (*s)? + 0.07), (theme::FAMILY, 11).into_font()))
        });
        chart.draw_series(ranks).map_err(err)?;
        chart.draw_series(super::break_lines(&set.breaks, (0.0, 1.1))).map_err(err)?;
    }
    Ok(())
}
