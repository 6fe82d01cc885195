//! Nothing lost: an output never replaces an input, a report never replaces a file, a
//! killed report run leaves the old or the new report, failed writes leave no temporary
//! files and name the file, and closed pipes end the program quietly (issue 16).
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use multivector::report::Hooks;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_multivector"))
}

fn tiny() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/tiny")
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The entries of `dir` whose names start with '.', i.e. temporary or swap leftovers.
fn hidden(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()?.file_name().into_string().ok()).filter(|n| n.starts_with('.')).collect();
    names.sort();
    names
}

/// A copy of the tiny dataset and analysis in a fresh directory.
fn tiny_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["data.csv", "analysis.toml"] {
        std::fs::copy(tiny().join(name), dir.path().join(name)).unwrap();
    }
    dir
}

#[test]
fn out_onto_an_input_is_refused_however_it_is_spelt() {
    let dir = tiny_copy();
    let data = dir.path().join("data.csv");
    let analysis = dir.path().join("analysis.toml");
    let original = std::fs::read(&data).unwrap();
    let toml = std::fs::read(&analysis).unwrap();
    let dotted = dir.path().join(".").join("data.csv");
    let runs: Vec<Vec<&std::ffi::OsStr>> = vec![
        vec!["indices".as_ref(), data.as_os_str(), "--out".as_ref(), data.as_os_str()],
        vec!["indices".as_ref(), data.as_os_str(), "--out".as_ref(), dotted.as_os_str()],
        vec!["indices".as_ref(), dir.path().as_os_str(), "--format".as_ref(), "csv".as_ref(), "--out".as_ref(), data.as_os_str()],
        vec!["trend".as_ref(), data.as_os_str(), "--metric".as_ref(), "hhi".as_ref(), "--out".as_ref(), data.as_os_str()],
        vec!["theses".as_ref(), analysis.as_os_str(), "--out".as_ref(), analysis.as_os_str()],
        vec!["theses".as_ref(), analysis.as_os_str(), "--out".as_ref(), data.as_os_str()],
    ];
    for args in runs {
        let out = bin().args(&args).output().unwrap();
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("refusing to replace an input"), "{args:?}: {}", stderr(&out));
    }
    // A hard link is the same file under another name (made now: a directory holding
    // both names is refused as input, since its rows would count twice).
    let link = dir.path().join("link.csv");
    std::fs::hard_link(&data, &link).unwrap();
    let out = bin().arg("indices").arg(&data).arg("--out").arg(&link).output().unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    // `import` compared path strings: `./raw.csv` destroyed `raw.csv`.
    let raw = dir.path().join("raw.csv");
    std::fs::write(&raw, "MMEID,Ex_Name,Series_Name,country,year\nmme1,Ex,S,Kazakhstan,2000\nmme1,Ex,S,Russia,2000\n").unwrap();
    let out = bin().current_dir(dir.path()).args(["import", "mme", "raw.csv", "--out", "./raw.csv"]).output().unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(std::fs::read_to_string(&raw).unwrap().starts_with("MMEID"));
    assert_eq!(std::fs::read(&data).unwrap(), original);
    assert_eq!(std::fs::read(&analysis).unwrap(), toml);
    assert_eq!(hidden(dir.path()), Vec::<String>::new());
}

#[test]
fn report_out_onto_a_file_or_a_directory_of_inputs_is_refused() {
    let dir = tiny_copy();
    let analysis = dir.path().join("analysis.toml");
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "keep me").unwrap();
    let out = bin().arg("report").arg(&analysis).arg("--out").arg(&file).output().unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("is an existing file"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
    // The directory holding the data would be replaced by the report.
    let out = bin().arg("report").arg(&analysis).arg("--out").arg(dir.path()).output().unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(dir.path().join("data.csv").is_file());
}

#[test]
fn a_directory_that_is_not_a_report_is_never_replaced_without_force() {
    // Issue 28, defect 1: --out and --batch onto a user's directory swapped it out and
    // deleted its files with exit 0.
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("thesis-draft.txt"), "keep me").unwrap();
    for args in [vec!["--out"], vec!["--batch"]] {
        let out = bin().arg("report").arg(tiny().join("analysis.toml")).args(&args).arg(&mine).output().unwrap();
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("not a report") && stderr(&out).contains("--force"), "{}", stderr(&out));
        assert_eq!(std::fs::read_to_string(mine.join("thesis-draft.txt")).unwrap(), "keep me");
    }
    // An empty directory and an earlier report are replaced; --force replaces the user's directory.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert_eq!(code(&report(&empty)), 0);
    assert_eq!(code(&report(&empty)), 0, "an earlier report is replaced");
    let out = bin().arg("report").arg(tiny().join("analysis.toml")).arg("--out").arg(&mine).arg("--force").output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(mine.join("report.md").is_file() && !mine.join("thesis-draft.txt").exists());
    // A batch directory holding its own analysis file, which does not parse, keeps it.
    let batch = dir.path().join("batch");
    std::fs::create_dir(&batch).unwrap();
    std::fs::write(batch.join("broken.toml"), "not [valid").unwrap();
    let out =
        bin().arg("report").arg("--batch").arg(&batch).arg(tiny().join("analysis.toml")).arg(batch.join("broken.toml")).output().unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(batch.join("broken.toml")).unwrap(), "not [valid");
}

/// Runs `report` on the tiny analysis into `out`.
fn report(out: &Path) -> Output {
    bin().arg("report").arg(tiny().join("analysis.toml")).arg("--out").arg(out).output().unwrap()
}

/// The swap step and the report directory that `killed_report_child` reads.
const KILL_AT: &str = "MULTIVECTOR_TEST_KILL_AT";
const KILL_OUT: &str = "MULTIVECTOR_TEST_KILL_OUT";

/// Writes the tiny report into `out` in a child process (this test binary running
/// `killed_report_child`) that exits at swap step `step` with status 137, as if killed.
fn killed_report(out: &Path, step: &str) -> Output {
    Command::new(std::env::current_exe().unwrap())
        .args(["killed_report_child", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
        .env(KILL_AT, step)
        .env(KILL_OUT, out)
        .output()
        .unwrap()
}

/// The child process of `killed_report`: writes the report through the library with a
/// hook that exits at once, without unwinding or cleanup, at the swap step named in
/// `KILL_AT`. Fails if the run ends otherwise; does nothing unless run by `killed_report`.
#[test]
#[ignore = "run as a child process by the tests of killed report runs"]
fn killed_report_child() {
    let (Ok(step), Some(out)) = (std::env::var(KILL_AT), std::env::var_os(KILL_OUT)) else { return };
    let kill = |s: &str| {
        if s == step {
            std::process::exit(137);
        }
    };
    let hooks = Hooks { at_swap_step: Some(&kill), ..Hooks::default() };
    let run = multivector::report::write_with_hooks(&tiny().join("analysis.toml"), Path::new(&out), &|_| {}, &hooks);
    panic!("the report run was not killed at swap step {step:?}: {:?}", run.map(|w| w.files));
}

/// What a killed child said, for assertion messages.
fn said(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(out))
}

/// The sorted file names of a report directory.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()?.file_name().into_string().ok()).collect();
    names.sort();
    names
}

#[test]
fn a_report_run_killed_at_any_step_of_the_swap_leaves_the_old_or_the_new_report() {
    let scratch = tempfile::tempdir().unwrap();
    let reference = scratch.path().join("reference");
    assert_eq!(code(&report(&reference)), 0);
    let new_files = listing(&reference);
    assert!(new_files.contains(&"report.md".to_string()), "{new_files:?}");
    for step in ["staged", "new", "old", "swapped"] {
        let parent = scratch.path().join(step);
        std::fs::create_dir(&parent).unwrap();
        let out = parent.join("rep");
        std::fs::create_dir(&out).unwrap();
        // The old report (a report.md alone, so that it is a report and told from the new one).
        std::fs::write(out.join("report.md"), "the old report").unwrap();
        let killed = killed_report(&out, step);
        assert_eq!(code(&killed), 137, "{step}: {}", said(&killed));
        // On disk: the old or the new report, complete, under its name or a swap name.
        let complete = |dir: &Path| dir.is_dir() && (listing(dir) == ["report.md"] || listing(dir) == new_files);
        let names = [out.clone(), parent.join(".rep.new"), parent.join(".rep.old")];
        assert!(names.iter().any(|d| complete(d)), "{step}: {:?}", hidden(&parent));
        // A reader after recovery (`report --check` recovers first) finds a complete one.
        let check = bin().arg("report").arg(tiny().join("analysis.toml")).arg("--check").arg("--out").arg(&out).output().unwrap();
        assert!(complete(&out), "{step}: {:?} / {:?}", listing(&parent), stderr(&check));
        assert_eq!(hidden(&parent), Vec::<String>::new(), "{step}");
        // The next run completes normally and leaves no temporary files.
        assert_eq!(code(&report(&out)), 0, "{step}");
        assert_eq!(listing(&out), new_files, "{step}");
        assert_eq!(hidden(&parent), Vec::<String>::new(), "{step}");
    }
}

#[test]
fn a_killed_run_leaves_a_staging_directory_that_the_next_run_removes() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("rep");
    let killed = killed_report(&out, "staged");
    assert_eq!(code(&killed), 137, "{}", said(&killed));
    assert_eq!(hidden(scratch.path()).len(), 1, "{:?}", hidden(scratch.path()));
    assert_eq!(code(&report(&out)), 0);
    assert_eq!(hidden(scratch.path()), Vec::<String>::new());
}

#[test]
fn concurrent_report_runs_both_succeed() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("rep");
    let spawn = || {
        bin()
            .arg("report")
            .arg(tiny().join("analysis.toml"))
            .arg("--out")
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let runs: Vec<_> = (0..3).map(|_| spawn()).collect();
    for run in runs {
        let done = run.wait_with_output().unwrap();
        assert_eq!(code(&done), 0, "{}", stderr(&done));
    }
    assert!(out.join("report.md").is_file());
    assert_eq!(hidden(scratch.path()), Vec::<String>::new());
}

#[test]
fn a_failed_write_names_the_file_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    // The file size limit makes every write beyond 1 KiB fail (EFBIG), like a full disk.
    let out = dir.path().join("panel.csv");
    let run = Command::new("sh")
        .arg("-c")
        .arg(format!("trap '' XFSZ; ulimit -f 1; exec {} synth --subjects 20 --out {}", env!("CARGO_BIN_EXE_multivector"), out.display()))
        .output()
        .unwrap();
    assert_eq!(code(&run), 2, "{}", stderr(&run));
    let message = stderr(&run);
    assert!(message.starts_with(&format!("{}: ", out.display())), "{message}");
    assert!(!message.contains("usage:") && !message.contains("output:"), "{message}");
    assert!(!out.exists());
    assert_eq!(hidden(dir.path()), Vec::<String>::new());
    // A table larger than the write buffers fails while it is written (through the
    // csv and table writers): the message names the file, not "output" or "usage".
    let panel = dir.path().join("input.csv");
    assert!(bin().args(["synth", "--subjects", "100", "--out"]).arg(&panel).output().unwrap().status.success());
    let table = dir.path().join("indices.csv");
    let run = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 100; exec {} indices {} --format csv --out {}",
            env!("CARGO_BIN_EXE_multivector"),
            panel.display(),
            table.display()
        ))
        .output()
        .unwrap();
    assert_eq!(code(&run), 2, "{}", stderr(&run));
    assert!(stderr(&run).starts_with(&format!("{}: ", table.display())), "{}", stderr(&run));
    assert!(!table.exists());
    assert_eq!(hidden(dir.path()), Vec::<String>::new());
    // A rename that fails (the target is a directory) also leaves nothing behind.
    let target = dir.path().join("busy.csv");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("x"), "x").unwrap();
    let mut file = multivector::atomic::AtomicFile::create(&target).unwrap();
    std::io::Write::write_all(&mut file, b"a,b\n").unwrap();
    assert!(file.commit().is_err());
    assert_eq!(hidden(dir.path()), Vec::<String>::new());
}

#[test]
fn temporary_files_of_dead_writers_are_removed_by_the_next_write() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.csv");
    // A leftover of a killed process (no such PID runs: PIDs stay below 2^22 on Linux).
    std::fs::write(dir.path().join(".out.csv.tmp4194303-0.csv"), "partial").unwrap();
    multivector::atomic::write_atomic(&target, b"x\n").unwrap();
    assert_eq!(hidden(dir.path()), Vec::<String>::new());
    assert_eq!(std::fs::read(&target).unwrap(), b"x\n");
}

/// Spawns the binary with standard output or error going into a pipe whose reading
/// end is already closed, as in `… | head -1` once head has exited.
fn with_closed(args: &[&str], close_stdout: bool, close_stderr: bool) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut command = bin();
    command.args(args);
    if close_stdout {
        command.stdout(writer.try_clone().unwrap());
    }
    if close_stderr {
        command.stderr(writer);
    }
    command.output().unwrap()
}

#[test]
fn closed_pipes_end_the_program_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let panel = dir.path().join("panel.csv");
    assert!(bin().args(["synth", "--subjects", "30", "--out"]).arg(&panel).output().unwrap().status.success());
    let panel = panel.to_str().unwrap();
    // `indices … | head -1`: exit 0, nothing on stderr.
    let out = with_closed(&["indices", panel], true, false);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let out = with_closed(&["validate", panel], true, false);
    assert_eq!((code(&out), stderr(&out)), (0, String::new()));
    // `2>&1 | head -1`: a warning to a closed stderr must not panic (it was exit 101).
    let unknown = dir.path().join("unknown.csv");
    std::fs::write(&unknown, "subject,channel,partner,year,value\nA,arms,Nowhereland,2000,1\n").unwrap();
    let out = with_closed(&["validate", unknown.to_str().unwrap()], true, true);
    assert_eq!(code(&out), 0);
    let out = with_closed(&["validate", "/nonexistent/x.csv"], true, true);
    assert_eq!(code(&out), 2);
}

#[test]
fn concurrent_writers_of_one_report_directory_in_one_process_all_succeed() {
    // Four writers (as parallel reports of a batch would be) stage at the same moment,
    // then commit: each gets its own staging directory and the swaps are serialised, so
    // every commit succeeds and the result is one complete report, with no temp files.
    // (Before the fix, staging directories were named by process id only: the writers
    // shared one, removed each other's files, and commits failed.)
    use multivector::report::dirwriter::StagingDir;
    let scratch = tempfile::tempdir().unwrap();
    let target = scratch.path().join("rep");
    let barrier = std::sync::Barrier::new(4);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|k| {
                let (target, barrier) = (&target, &barrier);
                s.spawn(move || -> Result<(), String> {
                    // Errors are collected, never returned early, so that every writer
                    // reaches every barrier and a failure cannot hang the test.
                    let mut errors = Vec::new();
                    for round in 0..5 {
                        barrier.wait();
                        let staged = StagingDir::new(target).and_then(|st| {
                            st.folder().write("a.txt", format!("{k}-{round}").as_bytes())?;
                            st.folder().write("b.txt", format!("{k}-{round}").as_bytes())?;
                            Ok(st)
                        });
                        barrier.wait();
                        if let Err(e) = staged.and_then(|st| st.commit()) {
                            errors.push(e.to_string());
                        }
                    }
                    if errors.is_empty() {
                        Ok(())
                    } else {
                        Err(errors.join("; "))
                    }
                })
            })
            .collect();
        for h in handles {
            assert_eq!(h.join().unwrap(), Ok(()));
        }
    });
    // One writer's complete report: both files from the same writer and round.
    let a = std::fs::read_to_string(target.join("a.txt")).unwrap();
    assert_eq!(a, std::fs::read_to_string(target.join("b.txt")).unwrap());
    assert_eq!(listing(&target), ["a.txt", "b.txt"]);
    assert_eq!(hidden(scratch.path()), Vec::<String>::new());
}
