//! Writing a drawing to an SVG or PNG file (chosen by the file name), with the bundled
//! font registered, for charts that are not one of the single-report `Chart`s.
use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::theme;
use crate::error::{Error, Result};

/// A chart that can draw itself on any backend.
pub trait Drawing {
    /// The chart's name in messages.
    fn name(&self) -> &str;
    /// Pixel size.
    fn size(&self) -> (u32, u32);
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> std::result::Result<(), String>;
}

/// Draws `drawing` into `path` (.svg or .png), for tests that look at a chart.
#[cfg(test)]
pub(crate) fn render_drawing(drawing: &impl Drawing, path: &Path) -> Result<()> {
    render_drawing_as(drawing, path, &path.display().to_string())
}

/// Draws `drawing` into `path`, as .svg or .png by the name `shown`, which messages name
/// (the target, when `path` is a temporary file beside it).
pub fn render_drawing_as(drawing: &impl Drawing, path: &Path, shown: &str) -> Result<()> {
    theme::init();
    let extension = Path::new(shown).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let fail = |e: String| Error::render(shown, format!("{} chart: {e}", drawing.name()));
    let present = |e: String| Error::io(shown, std::io::Error::other(e));
    match extension.as_deref() {
        Some("svg") => {
            let root = SVGBackend::new(path, drawing.size()).into_drawing_area();
            drawing.draw(&root).map_err(fail)?;
            root.present().map_err(|e| present(e.to_string()))
        }
        Some("png") => {
            let root = BitMapBackend::new(path, drawing.size()).into_drawing_area();
            drawing.draw(&root).map_err(fail)?;
            root.present().map_err(|e| present(e.to_string()))
        }
        _ => Err(Error::Usage(format!("{shown}: expected a .svg or .png file name"))),
    }
}

/// White background, the caption (up to three lines) at the foot; returns the body.
pub fn with_caption<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    caption: &str,
) -> std::result::Result<DrawingArea<DB, Shift>, String> {
    area.fill(&WHITE).map_err(|e| e.to_string())?;
    let caption_height = 42;
    let (body, foot) = area.split_vertically(area.dim_in_pixel().1 as i32 - caption_height);
    for (k, line) in super::wrap(caption, 170).iter().take(3).enumerate() {
        foot.draw_text(line, &(theme::FAMILY, 11).into_font().color(&BLACK.mix(0.7)), (10, 4 + 13 * k as i32))
            .map_err(|e| e.to_string())?;
    }
    Ok(body)
}
