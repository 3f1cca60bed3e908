//! The floor for `iopsite build`: how long it takes just to write a site's files, with nothing
//! rendered. bench/run.sh compares iopsite's wall time with this.
//!
//! Usage: cargo run --release --example floor -- SITE DEST [THREADS]
//!
//! Loads every file of SITE (an existing iopsite output folder) into memory first, untimed;
//! then times creating the same folders in DEST (which must not exist, on the filesystem under
//! test) and writing the same files there, split over THREADS workers (default 2), and prints
//! `wrote N files (X MiB) in T ms`.

use std::{
    env, fs,
    path::{Path, PathBuf},
    process::ExitCode,
    time::Instant,
};

use walkdir::WalkDir;

/// One file to write: its path relative to the site and its bytes.
struct File {
    rel: PathBuf,
    bytes: Vec<u8>,
}

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let (site, dest) = match (args.first(), args.get(1)) {
        (Some(site), Some(dest)) => (PathBuf::from(site), PathBuf::from(dest)),
        _ => {
            eprintln!("usage: floor SITE DEST [THREADS]");
            return ExitCode::FAILURE;
        }
    };
    let threads: usize = match args.get(2).map(|t| t.parse()) {
        None => 2,
        Some(Ok(t)) if t > 0 => t,
        Some(_) => {
            eprintln!("THREADS must be a whole number above 0");
            return ExitCode::FAILURE;
        }
    };
    if dest.exists() {
        eprintln!(
            "{} exists; the floor writes into a fresh folder",
            dest.display()
        );
        return ExitCode::FAILURE;
    }
    match run(&site, &dest, threads) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("floor: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(site: &Path, dest: &Path, threads: usize) -> std::io::Result<()> {
    let (dirs, files) = load(site)?;
    let total: usize = files.iter().map(|f| f.bytes.len()).sum();

    let start = Instant::now();
    fs::create_dir_all(dest)?;
    for dir in &dirs {
        fs::create_dir_all(dest.join(dir))?;
    }
    let chunk = files.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || -> std::io::Result<()> {
                    for file in part {
                        fs::write(dest.join(&file.rel), &file.bytes)?;
                    }
                    Ok(())
                })
            })
            .collect();
        workers
            .into_iter()
            .try_for_each(|w| w.join().expect("a writer thread panicked"))
    })?;
    let elapsed = start.elapsed();

    println!(
        "wrote {} files ({:.1} MiB) in {:.1} ms",
        files.len(),
        total as f64 / (1024.0 * 1024.0),
        elapsed.as_secs_f64() * 1000.0
    );
    Ok(())
}

/// Reads SITE into memory: its folders (parents before children) and its files.
fn load(site: &Path) -> std::io::Result<(Vec<PathBuf>, Vec<File>)> {
    let mut dirs = Vec::new();
    let mut files = Vec::new();
    for entry in WalkDir::new(site).min_depth(1).sort_by_file_name() {
        let entry = entry?;
        // strip_prefix cannot fail: WalkDir yields paths under the folder it was given.
        let rel = entry.path().strip_prefix(site).unwrap().to_path_buf();
        if entry.file_type().is_dir() {
            dirs.push(rel);
        } else if entry.file_type().is_file() {
            let bytes = fs::read(entry.path())?;
            files.push(File { rel, bytes });
        }
    }
    Ok((dirs, files))
}
