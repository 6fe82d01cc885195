//! Atomic file output: write a locked temporary file beside the target, fsync it, rename
//! it onto the target and fsync the directory, so that the target is always either the
//! old file or the complete new one. A failed run removes its temporary file; one left by
//! a killed process (its lock is gone with it) is removed by the next write to the target.
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};

/// A file being written; it replaces the target only on `commit`. Dropped without
/// commit (or after a failed commit), the temporary file is removed and the target is
/// untouched.
pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    writer: Option<BufWriter<File>>,
    committed: bool,
}

impl AtomicFile {
    /// Starts writing `target`; temporary files of dead earlier writers are removed first.
    pub fn create(target: &Path) -> Result<AtomicFile> {
        crate::paths::check_replaceable(target)?;
        let dir = parent(target);
        let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("out");
        remove_stale(dir, name);
        let temp = temp_path(dir, name);
        let shown = target.display().to_string();
        let file = File::create_new(&temp).map_err(|e| Error::io(&shown, e))?;
        // Held until the file is closed: tells `remove_stale` that its writer lives.
        if let Err(e) = file.try_lock() {
            let _ = std::fs::remove_file(&temp);
            return Err(Error::io(&shown, std::io::Error::other(e.to_string())));
        }
        in_progress(&temp, true);
        Ok(AtomicFile { target: target.to_path_buf(), temp, writer: Some(BufWriter::with_capacity(1 << 20, file)), committed: false })
    }

    /// The temporary file, for writers that open it by name (they must write it whole
    /// before `commit`).
    pub fn temp_path(&self) -> &Path {
        &self.temp
    }

    /// Flushes and fsyncs the temporary file, renames it onto the target and fsyncs the
    /// directory. On failure the temporary file is removed and the target is unchanged.
    pub fn commit(mut self) -> Result<()> {
        let shown = self.target.display().to_string();
        let io = |e: std::io::Error| Error::io(&shown, e);
        if let Some(writer) = self.writer.take() {
            let file = writer.into_inner().map_err(|e| io(e.into_error()))?;
            file.sync_all().map_err(io)?;
        }
        // A FIFO or device may have appeared at the target while this file was written.
        crate::paths::check_replaceable(&self.target)?;
        std::fs::rename(&self.temp, &self.target).map_err(io)?;
        in_progress(&self.temp, false);
        self.committed = true;
        sync_dir(parent(&self.target)).map_err(io)
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer.as_mut().expect("writer present until commit").write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.writer.as_mut().expect("writer present until commit").flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            // Close first, then remove (the buffered rest is discarded).
            if let Some(writer) = self.writer.take() {
                let (file, _) = writer.into_parts();
                drop(file);
            }
            let _ = std::fs::remove_file(&self.temp);
            in_progress(&self.temp, false);
        }
    }
}

/// The temporary files and staging directories this process is writing.
static IN_PROGRESS: std::sync::Mutex<std::collections::BTreeSet<PathBuf>> = std::sync::Mutex::new(std::collections::BTreeSet::new());

/// Records (`live`) or forgets a temporary file or staging directory of this process.
pub(crate) fn in_progress(path: &Path, live: bool) {
    if let Ok(mut set) = IN_PROGRESS.lock() {
        if live {
            set.insert(path.to_path_buf());
        } else {
            set.remove(path);
        }
    }
}

/// Removes every temporary file and staging directory this process is writing, for a
/// program that is about to end on a signal (SIGTERM, SIGINT): the targets stay as they
/// were, and no temporary entry is left behind. Returns how many were removed.
pub fn remove_in_progress() -> usize {
    let Ok(mut set) = IN_PROGRESS.lock() else { return 0 };
    let paths = std::mem::take(&mut *set);
    paths.iter().filter(|p| std::fs::remove_file(p).or_else(|_| std::fs::remove_dir_all(p)).is_ok()).count()
}

/// Writes `bytes` to `target` atomically.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = AtomicFile::create(target)?;
    file.write_all(bytes).map_err(|e| Error::io(target.display().to_string(), e))?;
    file.commit()
}

/// The directory `path` lives in ("." for a bare name).
pub(crate) fn parent(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// A fresh temporary name beside a target: `.NAME.tmpPID-N`, ending in the target's
/// extension (`.NAME.tmpPID-N.png`) for writers that choose the format by it.
pub(crate) fn temp_path(dir: &Path, name: &str) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let extension = Path::new(name).extension().and_then(|e| e.to_str()).map_or(String::new(), |e| format!(".{e}"));
    dir.join(format!("{}{}-{n}{extension}", temp_prefix(name), std::process::id()))
}

/// The prefix of every temporary name for target `name`.
fn temp_prefix(name: &str) -> String {
    format!(".{name}.tmp")
}

/// Makes a rename or removal in `dir` durable (a no-op where directories cannot be
/// opened, e.g. on Windows).
pub(crate) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    match File::open(dir) {
        Ok(handle) => handle.sync_all().or_else(|e| if cfg!(unix) { Err(e) } else { Ok(()) }),
        Err(e) if cfg!(unix) => Err(e),
        Err(_) => Ok(()),
    }
}

/// Whether process `pid` lives, where the system tells (Linux `/proc`); `None` elsewhere.
fn pid_alive(pid: u32) -> Option<bool> {
    Path::new("/proc/self").exists().then(|| Path::new("/proc").join(pid.to_string()).exists())
}

/// Removes the temporary files and directories for target `name` in `dir` that no live
/// writer holds: a writer locks its temporary entry while it lives, and the lock goes
/// with the process, so an unlocked one was left by a killed or crashed run. Where the
/// system tells, an entry whose process (the PID in its name) still runs is kept too,
/// which also covers the moment between its creation and its lock.
pub(crate) fn remove_stale(dir: &Path, name: &str) {
    let prefix = temp_prefix(name);
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else { continue };
        let pid = pid.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid.and_then(pid_alive) == Some(true) {
            continue;
        }
        let path = entry.path();
        let Ok(handle) = File::open(&path) else { continue };
        if handle.try_lock().is_ok() {
            let removed = if path.is_dir() { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) };
            drop(handle);
            if removed.is_ok() {
                let _ = sync_dir(dir);
            }
        }
    }
}
