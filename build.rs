//! Build script: a hash of the source (src/, Cargo.toml, Cargo.lock) as MULTIVECTOR_SOURCE_HASH,
//! so that results cached in a report folder are reused only by the code that made them;
//! and the git commit the binary is built from as MULTIVECTOR_COMMIT ("unknown" outside git),
//! which `--version` prints.
use std::path::{Path, PathBuf};

/// FNV-1a, 64 bits (Fowler, Noll & Vo): h = (h ⊕ byte) · 0x100000001b3 from 0xcbf29ce484222325.
fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= b as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The commit of HEAD (12 hex digits), or "unknown" when git or the repository is missing.
fn commit() -> String {
    std::process::Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_hexdigit()))
        .unwrap_or_else(|| "unknown".into())
}

fn main() {
    let mut paths = Vec::new();
    files(Path::new("src"), &mut paths);
    paths.push(PathBuf::from("Cargo.toml"));
    paths.push(PathBuf::from("Cargo.lock"));
    paths.sort();
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for path in &paths {
        hash = fnv1a(hash, path.to_string_lossy().replace('\\', "/").as_bytes());
        hash = fnv1a(hash, &std::fs::read(path).unwrap_or_default());
    }
    println!("cargo:rustc-env=MULTIVECTOR_SOURCE_HASH={hash:016x}");
    println!("cargo:rustc-env=MULTIVECTOR_VERSION={} (commit {}, source {hash:016x})", env!("CARGO_PKG_VERSION"), commit());
    // A new commit or checkout moves HEAD or the branch it names.
    for git_file in [".git/HEAD", ".git/refs/heads", ".git/packed-refs"] {
        if Path::new(git_file).exists() {
            println!("cargo:rerun-if-changed={git_file}");
        }
    }
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.toml");
    println!("cargo:rerun-if-changed=Cargo.lock");
}
