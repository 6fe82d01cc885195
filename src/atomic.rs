//! Atomic file output: write beside the target, then rename, so a failed run leaves the old file.
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A file being written; it replaces the target only on `commit`. Dropped without
/// commit, the temporary file is removed and the target is untouched.
pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    writer: Option<BufWriter<File>>,
}

impl AtomicFile {
    pub fn create(target: &Path) -> Result<AtomicFile> {
        let dir = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("out");
        let temp = dir.join(format!(".{name}.tmp{}", std::process::id()));
        let file = File::create(&temp).map_err(|e| Error::io(temp.display().to_string(), e))?;
        Ok(AtomicFile {
            target: target.to_path_buf(),
            temp,
            writer: Some(BufWriter::with_capacity(1 << 20, file)),
        })
    }

    /// Flushes, syncs and renames the temporary file onto the target.
    pub fn commit(mut self) -> Result<()> {
        let shown = self.target.display().to_string();
        if let Some(mut writer) = self.writer.take() {
            writer.flush().map_err(|e| Error::io(&shown, e))?;
            let file = writer
                .into_inner()
                .map_err(|e| Error::io(&shown, e.into_error()))?;
            drop(file);
        }
        std::fs::rename(&self.temp, &self.target).map_err(|e| Error::io(&shown, e))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer
            .as_mut()
            .expect("writer present until commit")
            .write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.writer
            .as_mut()
            .expect("writer present until commit")
            .flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.writer.take().is_some() {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Writes `bytes` to `target` atomically.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = AtomicFile::create(target)?;
    file.write_all(bytes)
        .map_err(|e| Error::io(target.display().to_string(), e))?;
    file.commit()
}
