//! Where rendered files go: the writer's staging folder, memory, or nowhere.

/// One file of the generated site, with its path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where rendered files go as they are made. Rendering runs on many threads, so a sink
/// takes files from any of them.
pub trait Sink: Sync {
    fn put(&self, path: &str, bytes: &[u8]);
}

/// Keeps nothing: `check` renders every page to find template errors, then drops it.
#[derive(Debug)]
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: &str, _: &[u8]) {}
}

/// Collects the files in memory (for tests and tools that look at the output).
#[derive(Debug, Default)]
pub struct Collect(std::sync::Mutex<Vec<OutputFile>>);

impl Collect {
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Collect {
    fn put(&self, path: &str, bytes: &[u8]) {
        let file = OutputFile {
            path: path.to_string(),
            bytes: bytes.to_vec(),
        };
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(file);
    }
}
