//! `multivector indices`: the index suite per subject, channel and window.
use std::path::Path;

use multivector::panel::Panel;
use multivector::tables::{Format, IndexTable, Suites};
use multivector::{Error, Result};

use super::common::{analysis_rows, check_out, group_by, note, windowing, with_output};
use crate::cli::{DataArgs, HhiScale, PanelArgs, TableFormat};

pub fn run(data: &DataArgs, panel_args: &PanelArgs, scale: HhiScale, format: TableFormat, out: Option<&Path>) -> Result<()> {
    let format = match format {
        TableFormat::Table => Format::Table,
        TableFormat::Csv => Format::Csv,
        TableFormat::Json => Format::Json,
        TableFormat::Parquet => Format::Parquet,
    };
    if format == Format::Parquet && out.is_none() {
        return Err(Error::Usage("--format parquet needs --out FILE".into()));
    }
    let windows = windowing(panel_args)?;
    check_out(out, data)?;
    let (rows, focal) = analysis_rows(data, panel_args)?;
    let panel = Panel::build(&rows, group_by(panel_args), windows);
    if panel.dropped_period_rows > 0 {
        note(format!("note: {} period row(s) fit in no window whole and were left out (use --spread uniform)", panel.dropped_period_rows));
    }
    // Suites are computed as rows are written: a large panel never holds them all.
    let suite_of = |g: usize| panel.suite(g, &rows, &focal);
    let table = IndexTable {
        groups: &panel.groups,
        suites: Suites::OnDemand(&suite_of),
        hhi_scale: if scale == HhiScale::TenThousand { 10_000.0 } else { 1.0 },
    };
    with_output(out, |w| table.write(format, w))
}
