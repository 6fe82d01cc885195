//! The one-command report: deterministic, checkable, atomic; charts render on edge panels.
use std::path::{Path, PathBuf};
use std::process::Command;

use multivector::report::Hooks;
use multivector::Error;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_multivector"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| (e.file_name().into_string().unwrap(), std::fs::read(e.path()).unwrap()))
        .collect();
    out.sort();
    out
}

/// The default case's analysis file, as `datasets/default.toml` names it.
fn default_analysis() -> PathBuf {
    let text = std::fs::read_to_string(root().join("datasets/default.toml")).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    root().join("datasets").join(table["analysis"].as_str().unwrap())
}

fn report(out: &Path) -> std::process::Output {
    bin().current_dir(root()).arg("report").arg("--out").arg(out).output().unwrap()
}

#[test]
fn two_runs_give_byte_identical_files_and_the_committed_report_is_current() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    assert!(report(&a).status.success());
    assert!(report(&b).status.success());
    let (fa, fb) = (files(&a), files(&b));
    let names: Vec<&str> = fa.iter().map(|f| f.0.as_str()).collect();
    for expected in [
        "report.md",
        "report.html",
        "summary.json",
        "indices.csv",
        "trends.csv",
        "multiverse.csv",
        "multiverse.parquet",
        "chart_shares.png",
        "chart_multiverse.svg",
        "chart_power.png",
        "chart_reliability.svg",
        "calibration.json",
    ] {
        assert!(names.contains(&expected), "{expected} missing from {names:?}");
    }
    assert_eq!(fa, fb, "two runs differ");
    let check = bin().current_dir(root()).args(["report", "--check"]).output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stdout));
    // The HTML is self-contained: every image inline, no external reference.
    let html = String::from_utf8(fa.iter().find(|f| f.0 == "report.html").unwrap().1.clone()).unwrap();
    assert_eq!(html.matches("<img src=\"data:image/png;base64,").count(), 7);
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http"));
}

#[test]
fn check_reports_drift_with_exit_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("kz");
    assert!(report(&copy).status.success());
    let csv = copy.join("periods.csv");
    let text = std::fs::read_to_string(&csv).unwrap().replacen("arms", "armz", 1);
    std::fs::write(&csv, text).unwrap();
    let out = bin().current_dir(root()).args(["report", "--check", "--out"]).arg(&copy).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("periods.csv: differs") && stdout.contains("armz"), "{stdout}");
}

#[test]
fn a_failing_run_leaves_the_previous_report_intact() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kz");
    assert!(report(&out).status.success());
    std::fs::write(out.join("marker.txt"), "previous report").unwrap();
    let before = files(&out);
    for step in ["chart_focal.png", "criteria.csv", "report.md"] {
        // The library's seam: the run fails on purpose right after writing file `step`.
        let fail = |name: &str| match name == step {
            true => Err(Error::output(name, "injected failure after writing it")),
            false => Ok(()),
        };
        let hooks = Hooks { after_file: Some(&fail), ..Hooks::default() };
        let run = multivector::report::write_with_hooks(&default_analysis(), &out, &|_| {}, &hooks);
        match run {
            Err(e @ Error::Output { .. }) => assert!(e.to_string().contains("injected failure"), "{step}: {e}"),
            other => panic!("{step}: expected the injected failure, got {:?}", other.map(|w| w.files)),
        }
        assert_eq!(files(&out), before, "report changed by a failed run ({step})");
    }
    let leftovers: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(leftovers, vec!["kz".to_string()], "temporary directories left behind");
}

const ANALYSIS: &str = r#"
[data]
paths = ["."]
subject = "K"
first_year = 2000
last_year = 2010

[channels]
arms = { weight = 1.0 }

[periods]
breaks = [2005]

[attribution]
mode = "framework"

[bootstrap]
replicates = 50
seed = 1

[thresholds]
enp_min = 2.5
focal_share_max = 0.5
growth_min = 1.25         # D4: deepening when the focal rate grows by at least this factor
dominance_min = 1.5
alpha = 0.05
overall_majority = 0.66

[multiverse]
attribution = ["framework"]
windows = [1]
break_sets = [[2005]]
split_events = [false, true]
last_years = [2010]
replicates = 20
channel_weights = {}
"#;

fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let be = |k: usize| u32::from_be_bytes([bytes[k], bytes[k + 1], bytes[k + 2], bytes[k + 3]]);
    (be(16), be(20))
}

#[test]
fn every_chart_renders_for_edge_panels() {
    let panels = [
        ("one-partner", "K,arms,Russia,2001,5\nK,arms,Russia,2002,7\nK,arms,Russia,2006,1\n"),
        ("one-year", "K,arms,Russia,2004,5\nK,arms,China,2004,3\n"),
        ("all-zero-year", "K,arms,Russia,2001,5\nK,arms,China,2002,0\nK,arms,Russia,2002,0\nK,arms,China,2007,2\n"),
    ];
    for (name, rows) in panels {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("data.csv"), format!("subject,channel,partner,year,value\n{rows}")).unwrap();
        std::fs::write(dir.path().join("analysis.toml"), ANALYSIS).unwrap();
        for chart in ["shares", "concentration", "focal", "heatmap", "multiverse"] {
            for ext in ["svg", "png"] {
                let out = dir.path().join(format!("{chart}.{ext}"));
                let run =
                    bin().arg("plot").arg(dir.path().join("analysis.toml")).args(["--chart", chart, "--out"]).arg(&out).output().unwrap();
                assert!(run.status.success(), "{name} {chart}.{ext}: {}", String::from_utf8_lossy(&run.stderr));
                let bytes = std::fs::read(&out).unwrap();
                if ext == "svg" {
                    let text = String::from_utf8(bytes).unwrap();
                    roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name} {chart}.svg is not XML: {e}"));
                } else {
                    let (w, h) = png_size(&bytes);
                    assert!((800..=2000).contains(&w) && (400..=3000).contains(&h), "{name} {chart}.png is {w}x{h}");
                    assert!(bytes.len() > 10_000, "{name} {chart}.png is only {} bytes", bytes.len());
                }
            }
        }
    }
}

#[test]
fn bundled_charts_render_as_svg_and_png() {
    let dir = tempfile::tempdir().unwrap();
    for chart in ["shares", "focal"] {
        let out = dir.path().join(format!("{chart}.svg"));
        assert!(bin().current_dir(root()).args(["plot", "--chart", chart, "--out"]).arg(&out).status().unwrap().success());
        roxmltree::Document::parse(&std::fs::read_to_string(&out).unwrap()).unwrap();
    }
    let bad = bin().current_dir(root()).args(["plot", "--chart", "pie", "--out"]).arg(dir.path().join("x.png")).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

/// summary.json holds the answer, the claims, the calibration's summary and the
/// provenance in well under 200 kB; every specification is in multiverse.csv and, with
/// the same rows and typed columns, in multiverse.parquet (issue 29, part 4).
#[test]
fn summary_is_small_and_the_multiverse_has_its_own_files() {
    use polars::prelude::*;
    let dir = root().join("reports/kazakhstan");
    let summary = std::fs::read(dir.join("summary.json")).unwrap();
    assert!(summary.len() < 200_000, "summary.json has {} bytes", summary.len());
    let json: serde_json::Value = serde_json::from_slice(&summary).unwrap();
    assert_eq!(json["multiverse"]["specifications_parquet"], "multiverse.parquet");
    assert_eq!(json["calibration"]["details"], "calibration.json");
    assert!(json["calibration"]["null_cell"]["null"].as_bool().unwrap());
    let frame = ParquetReader::new(std::fs::File::open(dir.join("multiverse.parquet")).unwrap()).finish().unwrap();
    let mut csv = csv::Reader::from_path(dir.join("multiverse.csv")).unwrap();
    let header: Vec<String> = csv.headers().unwrap().iter().map(String::from).collect();
    let names: Vec<String> = frame.get_column_names().iter().map(|n| n.to_string()).collect();
    assert_eq!(names, header);
    let rows: Vec<csv::StringRecord> = csv.records().map(|r| r.unwrap()).collect();
    assert_eq!(frame.height(), rows.len());
    assert_eq!(json["multiverse"]["count"].as_u64().unwrap() as usize, rows.len());
    for (k, name) in header.iter().enumerate() {
        let column = frame.column(name).unwrap().as_materialized_series().clone();
        for (i, row) in rows.iter().enumerate() {
            let cell = &row[k];
            match column.dtype() {
                DataType::Float64 => {
                    let value = column.f64().unwrap().get(i);
                    assert_eq!(value, cell.parse::<f64>().ok(), "{name} row {i}: {cell}");
                }
                _ => assert_eq!(column.str().unwrap().get(i), Some(cell), "{name} row {i}"),
            }
        }
    }
}

/// `html` without the elements that start with `open` and end with `close`.
fn without(html: &str, open: &str, close: &str) -> String {
    let mut kept = String::new();
    let mut rest = html;
    while let Some(start) = rest.find(open) {
        kept.push_str(&rest[..start]);
        rest = rest[start..].find(close).map_or("", |end| &rest[start + end + close.len()..]);
    }
    kept + rest
}

/// The page's visible text: styles, scripts and tags removed, entities decoded.
fn visible_text(html: &str) -> String {
    let html = without(&without(html, "<style", "</style>"), "<script", "</script>");
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}

/// No Markdown syntax shows in the HTML (issue 29): `*`, `**` and backtick pairs are
/// rendered as emphasis, strong and code in report.html and the batch's index.html.
#[test]
fn no_markdown_syntax_shows_in_the_html() {
    for page in ["reports/kazakhstan/report.html", "reports/neighbours/index.html", "reports/neighbours/kazakhstan/report.html"] {
        let html = std::fs::read_to_string(root().join(page)).unwrap();
        let text = visible_text(&html);
        for marker in ["**", "*", "`"] {
            let at = text.find(marker).map(|k| &text[k.saturating_sub(60)..(k + 60).min(text.len())]);
            assert!(at.is_none(), "{page}: visible `{marker}` in …{}…", at.unwrap_or_default());
        }
    }
}

/// The JSON of the script element `id` in `html`.
fn embedded_json(html: &str, id: &str) -> serde_json::Value {
    let open = format!("<script type=\"application/json\" id=\"{id}\">");
    let start = html.find(&open).unwrap_or_else(|| panic!("no {id} in the page")) + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

/// The explorer's embedded specifications are multiverse.csv's: every row's choice values
/// decode from its value indices, and its P(T1) and P(T2) are the CSV's numbers (issue 29).
#[test]
fn the_explorer_embeds_every_specification_of_multiverse_csv() {
    let folder = root().join("reports/kazakhstan");
    let data = embedded_json(&std::fs::read_to_string(folder.join("report.html")).unwrap(), "mv-data");
    let mut reader = csv::Reader::from_path(folder.join("multiverse.csv")).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let choices = data["choices"].as_array().unwrap();
    let k = header.iter().position(|h| h == "p_t1").unwrap();
    assert_eq!(choices.len(), k);
    let width = data["width"].as_u64().unwrap() as usize;
    let codes = data["codes"].as_str().unwrap();
    let (p_t1, p_t2) = (data["p_t1"].as_array().unwrap(), data["p_t2"].as_array().unwrap());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!((rows.len(), p_t1.len(), p_t2.len(), codes.len()), (11520, 11520, 11520, 11520 * k * width));
    for (s, row) in rows.iter().enumerate() {
        for (d, choice) in choices.iter().enumerate() {
            assert_eq!(choice["name"], header[d]);
            let at = (s * k + d) * width;
            let index = usize::from_str_radix(&codes[at..at + width], 36).unwrap();
            assert_eq!(choice["values"][index].as_str().unwrap(), &row[d], "row {s}, {}", header[d]);
        }
        assert_eq!(p_t1[s].as_f64().unwrap(), row[k].parse::<f64>().unwrap(), "row {s} p_t1");
        assert_eq!(p_t2[s].as_f64().unwrap(), row[k + 1].parse::<f64>().unwrap(), "row {s} p_t2");
    }
}
