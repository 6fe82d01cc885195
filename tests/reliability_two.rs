//! Defects of the second reliability campaign (issue 28), each with the input that showed
//! it: a misspelt `--focal` (6), amounts and weights near f64's limit (9), a killed
//! writer's hidden temp file (10), entries that are no regular file (11) and one file
//! reached twice (12).
use std::path::Path;
use std::process::Command;

mod common;
use common::{multivector, stderr};

const DATA: &str = "subject,channel,partner,year,value\nK,arms,Russia,2000,10\nK,arms,China,2000,5\nK,arms,Russia,2001,8\n";

#[test]
fn a_focal_partner_absent_from_the_data_is_named_with_the_closest() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("d.csv"), DATA).unwrap();
    let out = multivector(&["indices", "d.csv", "--focal", "Rusia"], dir.path());
    assert!(out.status.success());
    assert!(stderr(&out).contains("\"Rusia\" matches no partner of the data") && stderr(&out).contains("Russia"), "{}", stderr(&out));
    let fine = multivector(&["indices", "d.csv", "--focal", "Russia"], dir.path());
    assert!(fine.status.success() && !stderr(&fine).contains("matches no partner"), "{}", stderr(&fine));
}

#[test]
fn amounts_near_the_float_limit_are_refused_with_their_cell() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("d.csv"), "subject,channel,partner,year,value\nK,arms,Russia,2000,1e308\nK,arms,China,2000,1e308\n")
        .unwrap();
    let out = multivector(&["indices", "d.csv"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("d.csv:2") && stderr(&out).contains("up to 1e15"), "{}", stderr(&out));
    // 1e15 itself is accepted.
    std::fs::write(dir.path().join("d.csv"), "subject,channel,partner,year,value\nK,arms,Russia,2000,1e15\nK,arms,China,2000,1\n").unwrap();
    assert!(multivector(&["indices", "d.csv"], dir.path()).status.success());
}

#[test]
fn channel_weights_near_the_float_limit_are_refused() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("tests/cases/ardelia/analysis.toml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for f in ["arms.csv", "exercises.csv", "training.csv", "frameworks.csv", "partners.csv"] {
        std::fs::copy(root.join("tests/cases/ardelia").join(f), dir.path().join(f)).unwrap();
    }
    let heavy = text.replacen("weight = 1.0", "weight = 1e308", 1);
    assert_ne!(heavy, text, "the case's analysis file has a weight of 1.0");
    std::fs::write(dir.path().join("analysis.toml"), heavy).unwrap();
    let out = multivector(&["theses", "analysis.toml"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("weight") && stderr(&out).contains("[0, 1e6]"), "{}", stderr(&out));
}

#[test]
fn a_killed_writers_hidden_temp_file_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(data.join("d.csv"), DATA).unwrap();
    std::fs::write(data.join(".d.csv.tmp1234-0.csv"), DATA).unwrap();
    let out = multivector(&["validate", "data"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    // Three rows, not six: the hidden copy is skipped.
    let arms = text.lines().find(|l| l.trim_start().starts_with("arms")).unwrap_or_else(|| panic!("{text}"));
    assert_eq!(arms.split_whitespace().nth(1), Some("3"), "{text}");
}

#[cfg(unix)]
#[test]
fn entries_that_are_no_regular_file_are_errors_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(data.join("d.csv"), DATA).unwrap();
    // A dangling symlink.
    std::os::unix::fs::symlink(data.join("gone.csv"), data.join("dangling.csv")).unwrap();
    let out = multivector(&["validate", "data"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("dangling.csv"), "{}", stderr(&out));
    std::fs::remove_file(data.join("dangling.csv")).unwrap();
    // A symlink loop.
    std::os::unix::fs::symlink(data.join("b.csv"), data.join("a.csv")).unwrap();
    std::os::unix::fs::symlink(data.join("a.csv"), data.join("b.csv")).unwrap();
    let out = multivector(&["validate", "data"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("a.csv"), "{}", stderr(&out));
    std::fs::remove_file(data.join("a.csv")).unwrap();
    std::fs::remove_file(data.join("b.csv")).unwrap();
    // A FIFO named *.csv.
    let made = Command::new("mkfifo").arg(data.join("pipe.csv")).status().unwrap();
    assert!(made.success());
    let out = multivector(&["validate", "data"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("pipe.csv") && stderr(&out).contains("not a regular file"), "{}", stderr(&out));
}

#[test]
fn one_file_reached_twice_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(data.join("d.csv"), DATA).unwrap();
    for args in [
        vec!["validate", "data/d.csv", "data/d.csv"],
        vec!["validate", "data", "data/d.csv"],
        vec!["validate", "data", "./data/../data/d.csv"],
    ] {
        let out = multivector(&args, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("the same file as") && stderr(&out).contains("d.csv"), "{}", stderr(&out));
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(data.join("d.csv"), data.join("e.csv")).unwrap();
        let out = multivector(&["validate", "data"], dir.path());
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains("the same file as"), "{}", stderr(&out));
    }
}

/// The invented case of tests/cases/ardelia in a temporary folder, with `edit` applied to
/// (file name, text) of each of its files; returns the folder.
fn ardelia_with(edit: impl Fn(&str, String) -> String) -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/ardelia");
    let dir = tempfile::tempdir().unwrap();
    for f in ["analysis.toml", "arms.csv", "exercises.csv", "training.csv", "frameworks.csv", "partners.csv"] {
        let text = std::fs::read_to_string(root.join(f)).unwrap();
        std::fs::write(dir.path().join(f), edit(f, text)).unwrap();
    }
    dir
}

#[test]
fn misspelt_bloc_names_are_errors_with_the_closest_name() {
    for (from, to, expected) in [
        ("name = \"Borovia\"", "name = \"Borovai\"", "close to \"Borovia\""),
        ("composition = [\"Northern Pact\"]", "composition = [\"Northern Pakt\"]", "composition entry \"Northern Pakt\""),
        ("partners = [\"Borovia\", \"Northern Pact\"]", "partners = [\"Borovia\", \"Nothern Pact\"]", "partners entry \"Nothern Pact\""),
    ] {
        let dir = ardelia_with(|f, t| if f == "analysis.toml" { t.replacen(from, to, 1) } else { t });
        let out = multivector(&["theses", "analysis.toml"], dir.path());
        assert_eq!(out.status.code(), Some(2), "{to}: {}", stderr(&out));
        assert!(stderr(&out).contains(expected) && stderr(&out).contains("analysis.toml"), "{}", stderr(&out));
    }
    // The case as it is runs.
    let dir = ardelia_with(|_, t| t);
    assert!(multivector(&["theses", "analysis.toml"], dir.path()).status.success());
}

#[test]
fn a_framework_lead_or_member_the_registry_does_not_know_is_an_error_at_its_cell() {
    let dir =
        ardelia_with(
            |f, t| if f == "frameworks.csv" { t.replacen("Northern Pact,Borovia,Dravia", "Northern Pact,Borovia,Dravai", 1) } else { t },
        );
    let out = multivector(&["theses", "analysis.toml"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("frameworks.csv:4") && stderr(&out).contains("\"Dravai\"") && stderr(&out).contains("Dravia"),
        "{}",
        stderr(&out)
    );
    let dir = ardelia_with(|f, t| if f == "frameworks.csv" { t.replace("Northern Pact,Borovia,", "Northern Pact,Borowja,") } else { t });
    let out = multivector(&["theses", "analysis.toml"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("lead") && stderr(&out).contains("\"Borowja\""), "{}", stderr(&out));
    // A name unlike any registry name is an error too when an analysis loads the data
    // (strictly); `validate` without --strict keeps it, as it keeps unknown partners.
    let dir =
        ardelia_with(
            |f, t| if f == "frameworks.csv" { t.replacen("Northern Pact,Borovia,Dravia", "Northern Pact,Borovia,Zzyzx", 1) } else { t },
        );
    let out = multivector(&["theses", "analysis.toml"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("frameworks.csv:4:3") && stderr(&out).contains("\"Zzyzx\""), "{}", stderr(&out));
    assert_eq!(multivector(&["validate", "."], dir.path()).status.code(), Some(0));
}

#[test]
fn a_vintage_naming_a_subject_or_channel_the_base_lacks_is_refused() {
    for (subject, channel, expected) in [("Ardelai", "arms", "subject \"Ardelai\""), ("Ardelia", "armz", "channel \"armz\"")] {
        let dir = ardelia_with(|f, t| {
            if f == "analysis.toml" {
                t.replacen("[channels]", "[data.vintages]\nnext = [\"vintage/arms.csv\"]\n\n[channels]", 1)
            } else {
                t
            }
        });
        std::fs::create_dir(dir.path().join("vintage")).unwrap();
        let csv = format!("subject,channel,partner,year,value\n{subject},{channel},Borovia,2000,9\n{subject},{channel},Calonia,2001,2\n");
        std::fs::write(dir.path().join("vintage/arms.csv"), csv).unwrap();
        let out = multivector(&["theses", "analysis.toml"], dir.path());
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains(expected) && stderr(&out).contains("vintage \"next\""), "{}", stderr(&out));
    }
}

#[test]
fn a_misspelt_placeholder_in_report_prose_is_an_error_at_its_key() {
    let dir = ardelia_with(|f, t| if f == "analysis.toml" { t.replacen("{focal}", "{foca}", 1) } else { t });
    let text = std::fs::read_to_string(dir.path().join("analysis.toml")).unwrap();
    let line = text.lines().position(|l| l.contains("{foca}")).expect("the case's prose uses {focal}") + 1;
    let out = multivector(&["theses", "analysis.toml"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains("unknown placeholder {foca}") && said.contains("{focal}"), "{said}");
    // The line of the key that holds it (a key's own line, or the line of its table for an array item).
    let at: usize = said.split(':').nth(1).and_then(|n| n.trim().parse().ok()).unwrap_or_else(|| panic!("{said}"));
    assert!(at <= line && at > 0, "{said} (placeholder on line {line})");
    // Other spellings and an unclosed brace are no placeholders either.
    for (wrong, shown) in
        [("{Subject}", "{Subject}"), ("{ subject }", "{ subject }"), ("{first-year}", "{first-year}"), ("{last_year", "no closing brace")]
    {
        let dir = ardelia_with(|f, t| if f == "analysis.toml" { t.replacen("{subject}", wrong, 1) } else { t });
        let out = multivector(&["theses", "analysis.toml"], dir.path());
        assert_eq!(out.status.code(), Some(2), "{wrong}: {}", stderr(&out));
        assert!(stderr(&out).contains("unknown placeholder") && stderr(&out).contains(shown), "{wrong}: {}", stderr(&out));
    }
}

#[test]
fn control_characters_from_a_cell_are_escaped_in_messages() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("d.csv"), "subject,channel,partner,year,value\nK,arms,Russia,2000,x\u{1b}[2J\u{7}\n").unwrap();
    let out = multivector(&["validate", "d.csv"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let said = stderr(&out);
    assert!(!said.chars().any(|c| c.is_control() && c != '\n'), "{said:?}");
    assert!(said.contains("\\u{1b}[2J\\u{7}"), "{said}");
}

#[test]
fn a_misspelt_channel_in_the_data_is_not_dropped_without_a_word() {
    let dir = ardelia_with(|f, t| if f == "exercises.csv" { t.replacen("Ardelia,exercises,", "Ardelia,excercises,", 1) } else { t });
    let out = multivector(&["theses", "analysis.toml"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("\"excercises\" is not analysed but close to the thesis channel \"exercises\""), "{}", stderr(&out));
}

#[test]
fn unknown_partners_get_the_closest_names_and_respect_the_error_limit() {
    let dir = ardelia_with(|f, t| if f == "arms.csv" { t.replacen("Ardelia,arms,Borovia,", "Ardelia,arms,Borovai,", 1) } else { t });
    let out = multivector(&["theses", "analysis.toml"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("unknown partner \"Borovai\"") && stderr(&out).contains("closest known: Borovia"), "{}", stderr(&out));
    // 500 unknown partners: at most the limit's lines (50 by default) and one that counts the rest.
    let mut csv = String::from("subject,channel,partner,year,value\n");
    for k in 0..500 {
        csv.push_str(&format!("K,arms,Nobody{k},2000,1\n"));
    }
    let many = tempfile::tempdir().unwrap();
    std::fs::write(many.path().join("d.csv"), csv).unwrap();
    std::fs::write(many.path().join("analysis.toml"), "[data]\npaths = [\"d.csv\"]\nsubject = \"K\"\nfocal = \"Nobody1\"\nfirst_year = 2000\nlast_year = 2001\n\n[channels]\narms = { weight = 1.0 }\n\n[periods]\nbreaks = [2001]\n\n[attribution]\nmode = \"framework\"\n\n[bootstrap]\nreplicates = 10\nseed = 1\n\n[thresholds]\nenp_min = 2.5\nfocal_share_max = 0.5\ngrowth_min = 1.25\ndominance_min = 1.5\nalpha = 0.05\noverall_majority = 0.66\n\n[multiverse]\nattribution = [\"framework\"]\nwindows = [1]\nbreak_sets = [[2001]]\nsplit_events = [false]\nlast_years = [2001]\nreplicates = 10\nchannel_weights = {}\n").unwrap();
    let out = multivector(&["theses", "analysis.toml"], many.path());
    let said = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert!(
        said.lines().count() <= 51 && said.contains("… and 450 more unknown partners"),
        "{} lines: {}",
        said.lines().count(),
        &said[said.len().saturating_sub(300)..]
    );
}

#[test]
fn an_analysis_toml_names_its_case_after_its_folder_however_it_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("mycase");
    std::fs::create_dir(&case).unwrap();
    std::fs::write(case.join("analysis.toml"), "").unwrap();
    let name = |p: &str, cwd: &Path| {
        let old = std::env::current_dir().unwrap();
        std::env::set_current_dir(cwd).unwrap();
        let n = multivector::paths::case_name(Path::new(p));
        std::env::set_current_dir(old).unwrap();
        n
    };
    assert_eq!(name("analysis.toml", &case).as_deref(), Some("mycase"));
    assert_eq!(name("./analysis.toml", &case).as_deref(), Some("mycase"));
    assert_eq!(name("mycase/analysis.toml", dir.path()).as_deref(), Some("mycase"));
    assert_eq!(name("mycase/other.toml", dir.path()).as_deref(), Some("other"));
    // A batch of such files names each report by its folder: two folders, two names.
    let out = Command::new(env!("CARGO_BIN_EXE_multivector"))
        .current_dir(dir.path())
        .args(["report", "--batch", "out", "a/analysis.toml", "b/analysis.toml"])
        .output()
        .unwrap();
    // Neither file exists: the batch reports both as failed analyses under their folders' names.
    let said = stderr(&out);
    assert!(!said.contains("would both be reported as"), "{said}");
}
