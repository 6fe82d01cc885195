//! The calibration (docs/METHODS.md §5): the self-consistency check is calibrated on the
//! model's own worlds, the data's shape is estimated as recomputed here from the files,
//! and the power surface follows the grid of the analysis file.
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use multivector::theses::calibration_render;
use multivector::theses::Loaded;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const NAMES: [&str; 6] = ["China", "Turkey", "India", "Germany", "France", "Israel"];

/// A small constructed case: an event channel (6 partners) and a yearly-sum channel
/// (5 partners) over 12 years with two breaks; `calibration` is its [calibration] section.
fn constructed(dir: &Path, calibration: &str) -> PathBuf {
    let mut csv = String::from("subject,channel,partner,year,value,event_id\n");
    for year in 2001..=2012 {
        for e in 0..3 {
            let _ = writeln!(csv, "X,drills,Russia,{year},1,d{year}-{e}");
            let _ = writeln!(csv, "X,drills,{},{year},1,d{year}-{e}", NAMES[(year as usize + e) % 6]);
        }
        for (s, name) in NAMES.iter().enumerate().take(4) {
            if !(year as usize + s).is_multiple_of(3) {
                let _ = writeln!(csv, "X,sales,{name},{year},{},", 5 + s);
            }
        }
        let _ = writeln!(csv, "X,sales,Russia,{year},{},", 20 + year - 2001);
    }
    std::fs::write(dir.join("data.csv"), csv).unwrap();
    let analysis = format!(
        r#"
[data]
paths = ["data.csv"]
subject = "X"
focal = "Russia"
first_year = 2001
last_year = 2012
[channels]
drills = {{ weight = 1.0 }}
sales = {{ weight = 1.0 }}
[periods]
breaks = [2005, 2009]
[attribution]
mode = "framework"
[bootstrap]
replicates = 100
seed = 3
[thresholds]
enp_min = 2.5
focal_share_max = 0.5
growth_min = 1.25
dominance_min = 1.5
alpha = 0.05
overall_majority = 0.66
[multiverse]
attribution = ["framework"]
windows = [1]
break_sets = [[2005, 2009]]
split_events = [false]
last_years = [2012]
replicates = 100
channel_weights = {{}}
{calibration}
"#
    );
    std::fs::write(dir.join("analysis.toml"), analysis).unwrap();
    dir.join("analysis.toml")
}

#[test]
fn self_consistency_is_calibrated_on_a_small_constructed_shape() {
    // Declared before the run: 600 worlds per prior, seed 9; the acceptance bound 0.05.
    let dir = tempfile::tempdir().unwrap();
    let path = constructed(
        dir.path(),
        "[calibration]\nworlds = 1\nsbc_worlds = 600\nreplicates = 300\nseed = 9\ndominance = [1.5]\ngrowth = [1.25]",
    );
    let c = Loaded::read(&path).unwrap().calibrate(None);
    assert_eq!(c.self_consistency.len(), 2);
    for check in &c.self_consistency {
        assert_eq!(check.worlds, 600);
        assert_eq!(check.skipped, 0);
        let statements: Vec<&str> = check.statements.iter().map(|r| r.statement.as_str()).collect();
        for wanted in ["P(T1)", "P(T2)", "C1", "C4", "C5", "C7", "D3", "D4"] {
            assert!(statements.contains(&wanted), "{wanted} missing from {statements:?}");
        }
        for r in &check.statements {
            // The bound 0.05, unless the statements are so few that a perfectly calibrated
            // forecaster itself would exceed 0.05 on average (rarefied C1 is informed only
            // where both periods hold 5 sampling units, rare in the sparse worlds of
            // a₀ = 1): then no more than that forecaster's 95th percentile.
            let bound = if r.ece_calibrated > 0.05 { r.ece_calibrated_95 } else { 0.05 };
            assert!(
                r.ece <= bound,
                "a₀ = {}: {} ({}, n = {}) ECE {:.3} (calibrated floor {:.3}, 95th percentile {:.3})",
                check.prior_units,
                r.statement,
                r.scope,
                r.n,
                r.ece,
                r.ece_calibrated,
                r.ece_calibrated_95
            );
            // The bins hold every statement once; the Brier score is a mean square in [0, 1].
            assert_eq!(r.bins.iter().map(|b| b.n).sum::<usize>(), r.n);
            assert!((0.0..=1.0).contains(&r.brier));
        }
    }
}

/// The mean yearly value of `partner` in `channel` over `years`, from a CSV of the
/// observation schema (year in column `year`, value in `value`).
fn mean_of(csv: &str, channel: &str, partner: &str, years: std::ops::RangeInclusive<i32>) -> f64 {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (c, p, y, v) = (col("channel"), col("partner"), col("year"), col("value"));
    let mut sum = 0.0;
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        if cells.len() > v && cells[c] == channel && cells[p] == partner && cells[y].parse::<i32>().is_ok_and(|x| years.contains(&x)) {
            sum += cells[v].parse::<f64>().unwrap();
        }
    }
    sum / years.count() as f64
}

#[test]
fn the_shape_of_the_bundled_arms_is_recomputed_from_the_file() {
    let loaded = Loaded::read(&root().join("datasets/kazakhstan/analysis.toml")).unwrap();
    let mut small = loaded;
    small.file.calibration.worlds = 1;
    small.file.calibration.sbc_worlds = 1;
    small.file.calibration.dominance = vec![1.5];
    small.file.calibration.growth = vec![1.25];
    let c = small.calibrate(None);
    let arms = c.shape.iter().find(|s| s.channel == "arms").unwrap();
    assert_eq!(arms.kind, "yearly-sums");
    let csv = std::fs::read_to_string(root().join("datasets/kazakhstan/arms.csv")).unwrap();
    for p in &arms.periods {
        let russia = mean_of(&csv, "arms", "Russia", p.start..=p.end);
        assert!((p.focal_rate - russia).abs() < 1e-9, "{}-{}: {} vs {russia}", p.start, p.end, p.focal_rate);
    }
    let late = arms.periods.last().unwrap();
    let observed = c.observed.iter().find(|o| o.channel == "arms").unwrap();
    assert_eq!(observed.dominance, late.dominance);
    let first = mean_of(&csv, "arms", "Russia", arms.periods[0].start..=arms.periods[0].end);
    assert!((observed.growth.unwrap() - late.focal_rate / first).abs() < 1e-12);
}

#[test]
fn the_grid_is_read_from_the_analysis_file_and_moves_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let section = |grid: &str| format!("[calibration]\nworlds = 3\nsbc_worlds = 3\nreplicates = 50\nseed = 9\n{grid}");
    let path = constructed(dir.path(), &section("dominance = [1.5, 3]\ngrowth = [1.25, 2]"));
    let c = Loaded::read(&path).unwrap().calibrate(None);
    assert_eq!((c.power.dominance.clone(), c.power.growth.clone()), (vec![1.5, 3.0], vec![1.25, 2.0]));
    assert_eq!(c.power.cells.len(), 4);
    let nulls: Vec<(f64, f64)> = c.power.cells.iter().filter(|k| k.null).map(|k| (k.dominance, k.growth)).collect();
    assert_eq!(nulls, vec![(1.5, 1.25)]);
    assert!(c.power.cells.iter().all(|k| k.scopes.len() == 3 && k.scopes.iter().all(|s| s.t2_very_likely.trials == 3)));
    let out = dir.path().join("report");
    multivector::report::write(&path, &out, &|_| {}).unwrap();
    let first = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(first.contains("| growth \\ dominance | 1.5 | 3 |"), "{first}");
    // Another grid: the report's table follows it (and the cached calibration is not reused).
    let path = constructed(dir.path(), &section("dominance = [0.5, 1.5, 10]\ngrowth = [1.25]"));
    multivector::report::write(&path, &out, &|_| {}).unwrap();
    let second = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(second.contains("| growth \\ dominance | 0.5 | 1.5 | 10 |") && !second.contains("| growth \\ dominance | 1.5 | 3 |"));
    // A grid without the threshold has no null cell: the file is refused, naming the key.
    let path = constructed(dir.path(), &section("dominance = [2, 3]"));
    let e = Loaded::read(&path).err().unwrap().to_string();
    assert!(e.contains("calibration.dominance") && e.contains("thresholds.dominance_min"), "{e}");
}

#[test]
fn the_power_surface_of_the_bundled_data_is_deterministic_and_ordered() {
    let mut loaded = Loaded::read(&root().join("datasets/kazakhstan/analysis.toml")).unwrap();
    loaded.file.calibration.sbc_worlds = 1;
    loaded.file.calibration.dominance = vec![1.5, 10.0];
    loaded.file.calibration.growth = vec![1.25, 4.0];
    let c = loaded.calibrate(Some(30));
    assert_eq!(c, loaded.calibrate(Some(30)), "same seed, same numbers");
    let overall = |d: f64, g: f64| c.power.cell(d, g).unwrap().scopes.iter().find(|s| s.scope == "overall").unwrap().clone();
    // A dominant, fast-growing focal partner makes T2 more probable than the null does.
    assert!(overall(10.0, 4.0).mean_p_t2 > overall(1.5, 1.25).mean_p_t2);
    // Every rate carries its exact interval.
    let null = overall(1.5, 1.25);
    let (low, high) = multivector::stats::binomial::clopper_pearson(null.t2_very_likely.count, 30, 0.05);
    assert_eq!((null.t2_very_likely.low, null.t2_very_likely.high), (low, high));
    // The findings name the null cell and each channel's observed point.
    let findings = calibration_render::findings(&c, "Russia").join("\n");
    assert!(findings.contains("null cell (dominance 1.5, growth 1.25:"), "{findings}");
    for channel in ["arms", "exercises", "training"] {
        assert!(findings.contains(&format!("{channel}: the data's point")), "{findings}");
    }
}
