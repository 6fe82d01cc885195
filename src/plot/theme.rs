//! Shared chart theme: the bundled font, a colour-blind-safe palette, sizes and captions.
use std::sync::Once;

use plotters::style::{FontStyle, RGBColor};

/// DejaVu Sans (Bitstream Vera licence, see fonts/DejaVuSans-LICENSE.txt), bundled so that
/// charts never depend on system fonts.
static FONT: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");

/// The family name every chart uses.
pub const FAMILY: &str = "sans-serif";

static REGISTER: Once = Once::new();

/// Registers the bundled font once per process.
pub fn init() {
    REGISTER.call_once(|| {
        let _ = plotters::style::register_font(FAMILY, FontStyle::Normal, FONT);
        let _ = plotters::style::register_font(FAMILY, FontStyle::Bold, FONT);
    });
}

/// Okabe–Ito palette (Okabe, M. and Ito, K. 2008, "Color Universal Design"), safe for
/// the common colour-vision deficiencies; grey is kept for "others".
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(213, 94, 0),    // vermillion (the focal partner)
    RGBColor(0, 114, 178),   // blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(240, 228, 66),  // yellow
    RGBColor(0, 0, 0),       // black
];

pub const GREY: RGBColor = RGBColor(170, 170, 170);
pub const LIGHT: RGBColor = RGBColor(235, 235, 235);

/// Colours of the verdicts in multiverse charts.
pub fn verdict_colour(verdict: &str) -> RGBColor {
    match verdict {
        "T1" => PALETTE[1],
        "T2" => PALETTE[0],
        "neither" => PALETTE[7],
        _ => GREY,
    }
}

/// Sequential colour scale (white → blue) for heatmaps, t in [0, 1].
pub fn sequential(t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0);
    let lerp = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    RGBColor(lerp(247.0, 8.0), lerp(251.0, 48.0), lerp(255.0, 107.0))
}

pub const WIDTH: u32 = 1200;

/// Draws a chart's legend at `position` in the shared style: the label font on a white,
/// thinly bordered box.
pub fn legend<'a, DB: plotters::prelude::DrawingBackend + 'a, CT: plotters::coord::CoordTranslate>(
    chart: &mut plotters::chart::ChartContext<'a, DB, CT>,
    position: plotters::chart::SeriesLabelPosition,
) -> Result<(), String> {
    use plotters::style::{Color, BLACK, WHITE};
    chart
        .configure_series_labels()
        .position(position)
        .label_font((FAMILY, 12))
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK.mix(0.3))
        .draw()
        .map_err(super::err)
}
