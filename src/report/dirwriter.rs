//! Writing a report directory atomically: build beside the target, then swap it in.
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A directory being built next to `target`. `commit` swaps it in; dropping it without
/// commit removes it and leaves `target` untouched.
pub struct StagingDir {
    target: PathBuf,
    pub path: PathBuf,
    committed: bool,
}

impl StagingDir {
    pub fn new(target: &Path) -> Result<StagingDir> {
        let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent.display().to_string(), e))?;
        let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("report");
        let path = parent.join(format!(".{name}.tmp{}", std::process::id()));
        if path.exists() {
            std::fs::remove_dir_all(&path).map_err(|e| Error::io(path.display().to_string(), e))?;
        }
        std::fs::create_dir(&path).map_err(|e| Error::io(path.display().to_string(), e))?;
        Ok(StagingDir { target: target.to_path_buf(), path, committed: false })
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }

    pub fn write(&self, name: &str, bytes: &[u8]) -> Result<()> {
        let p = self.file(name);
        std::fs::write(&p, bytes).map_err(|e| Error::io(p.display().to_string(), e))
    }

    /// Replaces `target` by the staged directory: the old one is moved aside first and
    /// removed only after the new one is in place.
    pub fn commit(mut self) -> Result<()> {
        let shown = self.target.display().to_string();
        let old = self.target.with_file_name(format!(
            ".{}.old{}",
            self.target.file_name().and_then(|n| n.to_str()).unwrap_or("report"),
            std::process::id()
        ));
        let had_old = self.target.exists();
        if had_old {
            std::fs::rename(&self.target, &old).map_err(|e| Error::io(&shown, e))?;
        }
        if let Err(e) = std::fs::rename(&self.path, &self.target) {
            if had_old {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(Error::io(&shown, e));
        }
        self.committed = true;
        if had_old {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for StagingDir {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}
