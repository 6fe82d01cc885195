//! Writing a report directory crash-safely. The report is built in a fresh, locked
//! staging directory `.NAME.tmpPID-N`, every file and the directory are fsynced, and
//! then, holding a lock on the parent directory, swapped in by renames:
//!
//! 1. staging → `.NAME.new` (a complete new report now exists under a fixed name);
//! 2. `NAME` → `.NAME.old` (if there was a report);
//! 3. `.NAME.new` → `NAME`;
//! 4. `.NAME.old` is removed.
//!
//! The parent directory is fsynced after each step. `NAME` stays a real directory (it
//! can be tracked by git). A process killed at any point leaves the complete old or the
//! complete new report: as `NAME`, or between steps 2 and 3 as `.NAME.old` and
//! `.NAME.new`; the next run (`recover`, under the same lock) completes the swap, and
//! removes staging directories whose writer is gone.
use std::fs::File;
use std::path::{Path, PathBuf};

use super::Hooks;
use crate::atomic::{parent, remove_stale, sync_dir, temp_path};
use crate::error::{Error, Result};

/// A directory being built next to `target`. `commit` swaps it in; dropping it without
/// commit removes it and leaves `target` untouched.
pub struct StagingDir {
    target: PathBuf,
    /// The staging directory itself.
    pub path: PathBuf,
    /// Locks the staging directory while this writer lives (see `atomic::remove_stale`).
    lock: Option<File>,
    committed: bool,
}

/// `.NAME.new` and `.NAME.old` beside `target`.
fn swap_names(target: &Path) -> (PathBuf, PathBuf) {
    let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("report");
    let dir = parent(target);
    (dir.join(format!(".{name}.new")), dir.join(format!(".{name}.old")))
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| Error::io(path.display().to_string(), e)
}

/// Holds the exclusive lock of `dir` (one swap or recovery at a time per directory).
fn lock_dir(dir: &Path) -> Result<File> {
    let handle = File::open(dir).map_err(io(dir))?;
    handle.lock().map_err(io(dir))?;
    Ok(handle)
}

/// Completes or rolls back a swap into `target` that a killed run left unfinished, and
/// removes its stale staging directories. Safe to call at any time.
pub(crate) fn recover(target: &Path) -> Result<()> {
    let dir = parent(target);
    if !dir.is_dir() {
        return Ok(());
    }
    let _lock = lock_dir(dir)?;
    recover_locked(target)?;
    remove_stale(dir, target.file_name().and_then(|n| n.to_str()).unwrap_or("report"));
    Ok(())
}

/// `recover` while holding the lock: `.NAME.new` is always complete, so it is rolled
/// forward; `.NAME.old` is removed once `NAME` exists, else put back.
fn recover_locked(target: &Path) -> Result<()> {
    let dir = parent(target);
    let (new, old) = swap_names(target);
    if new.is_dir() {
        if target.exists() {
            if old.exists() {
                std::fs::remove_dir_all(&old).map_err(io(&old))?;
            }
            std::fs::rename(target, &old).map_err(io(target))?;
            sync_dir(dir).map_err(io(dir))?;
        }
        std::fs::rename(&new, target).map_err(io(target))?;
        sync_dir(dir).map_err(io(dir))?;
    }
    if old.exists() {
        if target.exists() {
            std::fs::remove_dir_all(&old).map_err(io(&old))?;
        } else {
            std::fs::rename(&old, target).map_err(io(target))?;
        }
        sync_dir(dir).map_err(io(dir))?;
    }
    Ok(())
}

/// fsyncs every file under `dir` and the directories themselves.
fn sync_tree(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let path = entry.map_err(io(dir))?.path();
        if path.is_dir() {
            sync_tree(&path)?;
        } else {
            File::open(&path).and_then(|f| f.sync_all()).map_err(io(&path))?;
        }
    }
    sync_dir(dir).map_err(io(dir))
}

impl StagingDir {
    /// Finishes any interrupted swap into `target`, then creates a fresh staging directory.
    pub fn new(target: &Path) -> Result<StagingDir> {
        let dir = parent(target);
        std::fs::create_dir_all(dir).map_err(io(target))?;
        recover(target)?;
        let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("report");
        let path = temp_path(dir, name);
        // Messages name the report directory asked for, not the staging directory beside it.
        std::fs::create_dir(&path).map_err(io(target))?;
        crate::atomic::in_progress(&path, true);
        let mut staging = StagingDir { target: target.to_path_buf(), path, lock: None, committed: false };
        let handle = File::open(&staging.path).map_err(io(target))?;
        handle.try_lock().map_err(|e| Error::io(target.display().to_string(), std::io::Error::other(e.to_string())))?;
        staging.lock = Some(handle);
        Ok(staging)
    }

    /// The staging directory as a folder to write into.
    pub fn folder(&self) -> Folder {
        Folder { path: self.path.clone(), previous: Some(self.target.clone()) }
    }

    /// Replaces `target` by the staged directory (see the module comment).
    pub fn commit(self) -> Result<()> {
        self.commit_with_hooks(&Hooks::default())
    }

    /// `commit`, calling `hooks.at_swap_step` at each step: `staged` (before the
    /// first rename), `new`, `old` and `swapped` (after steps 1, 2 and 3).
    pub fn commit_with_hooks(mut self, hooks: &Hooks) -> Result<()> {
        sync_tree(&self.path).map_err(|e| match e {
            Error::Io { source, .. } => io(&self.target)(source),
            other => other,
        })?;
        let dir = parent(&self.target).to_path_buf();
        let _lock = lock_dir(&dir)?;
        recover_locked(&self.target)?;
        hooks.swap_step("staged");
        let (new, old) = swap_names(&self.target);
        std::fs::rename(&self.path, &new).map_err(io(&self.target))?;
        crate::atomic::in_progress(&self.path, false);
        self.path = new.clone();
        sync_dir(&dir).map_err(io(&dir))?;
        hooks.swap_step("new");
        if self.target.exists() {
            std::fs::rename(&self.target, &old).map_err(io(&self.target))?;
            sync_dir(&dir).map_err(io(&dir))?;
        }
        hooks.swap_step("old");
        if let Err(e) = std::fs::rename(&new, &self.target) {
            // Put the old report back; `recover` would do the same at the next run.
            let _ = std::fs::rename(&old, &self.target);
            return Err(io(&self.target)(e));
        }
        self.committed = true;
        sync_dir(&dir).map_err(io(&dir))?;
        hooks.swap_step("swapped");
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(io(&old))?;
            sync_dir(&dir).map_err(io(&dir))?;
        }
        Ok(())
    }
}

/// A directory being filled with report files (the staging directory or a folder in it).
#[derive(Debug, Clone)]
pub struct Folder {
    /// The folder's path.
    pub path: PathBuf,
    /// The same folder of the report it replaces (or is compared with), whose cached
    /// results may be reused.
    pub previous: Option<PathBuf>,
}

impl Folder {
    /// The path of file `name` in this folder.
    pub fn file(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }

    /// Writes `bytes` to file `name` in this folder.
    pub fn write(&self, name: &str, bytes: &[u8]) -> Result<()> {
        let p = self.file(name);
        std::fs::write(&p, bytes).map_err(io(&self.shown(name)))
    }

    /// The path messages give for file `name`: its place in the report being replaced
    /// (the `--out` asked for), not in the staging directory.
    pub fn shown(&self, name: &str) -> PathBuf {
        self.previous.as_ref().map_or_else(|| self.file(name), |p| p.join(name))
    }

    /// Draws `drawing` into file `name` in this folder (SVG or PNG by its extension);
    /// messages name the file where the report will be.
    pub(crate) fn draw(&self, drawing: &impl crate::plot::output::Drawing, name: &str) -> Result<()> {
        crate::plot::output::render_drawing_as(drawing, &self.file(name), &self.shown(name).display().to_string())
    }

    /// A new, empty folder `name` inside this one.
    pub(crate) fn sub(&self, name: &str) -> Result<Folder> {
        let path = self.file(name);
        std::fs::create_dir(&path).map_err(io(&self.shown(name)))?;
        Ok(Folder { path, previous: self.previous.as_ref().map(|p| p.join(name)) })
    }
}

impl Drop for StagingDir {
    fn drop(&mut self) {
        self.lock = None;
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.path);
            crate::atomic::in_progress(&self.path, false);
        }
    }
}
