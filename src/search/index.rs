//! The inverted index and how it is cut into files the script loads one at a time.
//!
//! Words are grouped by their first two letters into chunks (`k-ma.js` holds every word
//! starting with "ma"). A chunk that would be larger than [`CHUNK_LIMIT`] is split by three
//! letters (`k-mal.js`, `k-mar.js`, …); its two-letter chunk then keeps only the name
//! postings of its words, which is all a two-letter query word looks at. Records (what a
//! result shows) are in blocks of [`BLOCK`] documents, loaded only for the results shown.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use super::docs::{Doc, FIELDS};

/// Documents per record block.
pub const BLOCK: usize = 64;

/// The estimated size above which a two-letter chunk is split by three letters. With the
/// manifest and the records of the first results, the first search stays well under 300 kB.
pub const CHUNK_LIMIT: usize = 96 * 1024;

/// One word's documents, per field, ascending.
type Postings = [Vec<u32>; FIELDS];

/// The index of a site, built once when the output is planned; each file is cut from it.
#[derive(Debug)]
pub struct Index {
    /// Each document's record, by number.
    records: Vec<String>,
    /// Every word, sorted, with its postings.
    words: Vec<(String, Postings)>,
    chunks: Vec<Chunk>,
}

/// One chunk file: the words whose first letters are `key`.
#[derive(Debug)]
struct Chunk {
    key: String,
    /// Its words: a range of `Index::words`.
    start: usize,
    end: usize,
    /// The two-letter chunk of a split group: name postings only.
    names_only: bool,
}

impl Index {
    pub fn build(docs: Vec<Doc>) -> Index {
        let mut postings: HashMap<&str, Postings> = HashMap::new();
        for (n, doc) in docs.iter().enumerate() {
            // Fewer documents than u32::MAX: a site of that size could not be built anyway.
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            for (word, field) in doc.words() {
                // A single letter finds too much to be worth its postings.
                if word.chars().nth(1).is_none() {
                    continue;
                }
                postings.entry(word).or_default()[field as usize].push(n);
            }
        }
        let mut words: Vec<(String, Postings)> = postings
            .into_iter()
            .map(|(w, p)| (w.to_string(), p))
            .collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let chunks = chunks(&words);
        Index {
            records: docs.into_iter().map(|d| d.record).collect(),
            words,
            chunks,
        }
    }

    /// How many record blocks there are.
    pub fn blocks(&self) -> usize {
        self.records.len().div_ceil(BLOCK)
    }

    /// How many chunk files there are.
    pub fn chunk_count(&self) -> usize {
        self.chunks.len()
    }

    /// The path of chunk `c` under `search/`.
    pub fn chunk_path(&self, c: usize) -> String {
        chunk_file(&self.chunks[c].key)
    }

    /// `search/index.js`: which chunks exist, which groups are split, the block size.
    pub fn manifest(&self) -> Vec<u8> {
        let keys: Vec<&str> = self.chunks.iter().map(|c| c.key.as_str()).collect();
        let split: Vec<&str> = self
            .chunks
            .iter()
            .filter(|c| c.names_only)
            .map(|c| c.key.as_str())
            .collect();
        let manifest = serde_json::json!({
            "version": 1,
            "block": BLOCK,
            "docs": self.records.len(),
            "keys": keys,
            "split": split,
        });
        format!("iopSearch.manifest({manifest});\n").into_bytes()
    }

    /// A chunk file: `iopSearch.add("ma",{"malmo":["…","…"],…});` with each word's
    /// postings per field (trailing empty fields left out) in [`encode`]'s form.
    pub fn chunk(&self, c: usize) -> Vec<u8> {
        let chunk = &self.chunks[c];
        let mut out = String::with_capacity(4096);
        let _ = write!(out, "iopSearch.add({},{{", json_string(&chunk.key));
        let mut first = true;
        for (word, postings) in &self.words[chunk.start..chunk.end] {
            let fields: &[Vec<u32>] = if chunk.names_only {
                &postings[..1]
            } else {
                postings
            };
            let used = fields
                .iter()
                .rposition(|p| !p.is_empty())
                .map_or(0, |i| i + 1);
            if used == 0 {
                continue;
            }
            if !first {
                out.push(',');
            }
            first = false;
            out.push_str(&json_string(word));
            out.push_str(":[");
            for (i, list) in fields[..used].iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('"');
                encode(list, &mut out);
                out.push('"');
            }
            out.push(']');
        }
        out.push_str("});\n");
        out.into_bytes()
    }

    /// Record block `b`: `iopSearch.docs(b,[[…],…]);`.
    pub fn block(&self, b: usize) -> Vec<u8> {
        let end = ((b + 1) * BLOCK).min(self.records.len());
        let records = self.records[b * BLOCK..end].join(",\n");
        format!("iopSearch.docs({b},[\n{records}]);\n").into_bytes()
    }
}

/// The file of the chunk with `key`: letters a–z and digits as they are, any other
/// character as `_` and its code point in hex and `_`, so every name is plain ASCII on
/// every file system. The script's `chunkFile`.
pub fn chunk_file(key: &str) -> String {
    let mut name = String::from("k-");
    for c in key.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            name.push(c);
        } else {
            let _ = write!(name, "_{:x}_", u32::from(c));
        }
    }
    name.push_str(".js");
    name
}

/// The first `n` characters of `word`.
fn prefix(word: &str, n: usize) -> &str {
    word.char_indices().nth(n).map_or(word, |(i, _)| &word[..i])
}

/// A cheap estimate of a word's size in a chunk file, to decide where to split.
fn estimate(word: &str, postings: &Postings, names_only: bool) -> usize {
    let fields = if names_only { 1 } else { FIELDS };
    word.len()
        + 8
        + postings[..fields]
            .iter()
            .map(|p| p.len() * 3 / 2)
            .sum::<usize>()
}

/// Cuts the sorted words into chunks by two letters, and a large group further by three.
fn chunks(words: &[(String, Postings)]) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut start = 0;
    while start < words.len() {
        let key = prefix(&words[start].0, 2);
        let end = start + words[start..].partition_point(|(w, _)| w.starts_with(key));
        let size: usize = words[start..end]
            .iter()
            .map(|(w, p)| estimate(w, p, false))
            .sum();
        chunks.push(Chunk {
            key: key.to_string(),
            start,
            end,
            names_only: size > CHUNK_LIMIT,
        });
        if size > CHUNK_LIMIT {
            let mut sub = start;
            while sub < end {
                let word = &words[sub].0;
                if word.chars().count() < 3 {
                    sub += 1;
                    continue;
                }
                let key3 = prefix(word, 3);
                let sub_end = sub + words[sub..end].partition_point(|(w, _)| w.starts_with(key3));
                chunks.push(Chunk {
                    key: key3.to_string(),
                    start: sub,
                    end: sub_end,
                    names_only: false,
                });
                sub = sub_end;
            }
        }
        start = end;
    }
    chunks.sort_by(|a, b| a.key.cmp(&b.key));
    debug_assert!(
        chunks.iter().map(|c| &c.key).collect::<BTreeSet<_>>().len() == chunks.len(),
        "chunk keys are unique"
    );
    chunks
}

fn json_string(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

/// Digits of a number but the last.
const MORE: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
/// The last digit of a number.
const LAST: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz()";

/// Writes ascending numbers as the gaps between them (the first from -1), each gap in base
/// 32 with its last digit from another alphabet, so no separator is needed: a word found in
/// most documents takes one character a document. The script's `decode`.
pub fn encode(list: &[u32], out: &mut String) {
    let mut previous: i64 = -1;
    let mut digits = [0u8; 8];
    for &n in list {
        let mut gap = u64::try_from(i64::from(n) - previous).unwrap_or(0) - 1;
        previous = i64::from(n);
        let mut len = 0;
        loop {
            digits[len] = (gap % 32) as u8;
            len += 1;
            gap /= 32;
            if gap == 0 {
                break;
            }
        }
        for i in (0..len).rev() {
            let alphabet = if i == 0 { LAST } else { MORE };
            out.push(char::from(alphabet[usize::from(digits[i])]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_gaps() {
        let mut out = String::new();
        encode(&[0, 1, 2, 40, 1100], &mut out);
        // Gaps less one: 0, 0, 0, 37 (1·32 + 5), 1059 (1·1024 + 1·32 + 3).
        assert_eq!(out, "AAA1F11D");
    }

    #[test]
    fn chunk_files_are_ascii() {
        assert_eq!(chunk_file("ma"), "k-ma.js");
        assert_eq!(chunk_file("ær"), "k-_e6_r.js");
        assert_eq!(chunk_file("con"), "k-con.js");
    }

    #[test]
    fn prefixes_count_characters() {
        assert_eq!(prefix("æøå", 2), "æø");
        assert_eq!(prefix("a", 2), "a");
    }
}
