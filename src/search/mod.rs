//! The search box's index: agreements, organisations, public bodies and reports, written as
//! small script files under `search/` that the theme's `search.js` loads with `<script src>`
//! as the reader types. Script files, not JSON, because a page opened from disk cannot fetch
//! JSON, and the site's CSP allows scripts only from the site itself.
//!
//! - `search/index.js`, the manifest: which chunks exist. Loaded at the first keystroke;
//!   a query of one letter loads nothing more and asks for two.
//! - `search/k-<letters>.js`, the chunks of the index (see [`index`]).
//! - `search/d-<n>.js`, the records of the results (see [`index::BLOCK`]).
//!
//! The whole index is built once when the output is planned (it decides which chunk files
//! there are); each file is then cut from it. Everything is sorted, so two builds of the
//! same site write the same bytes.

mod docs;
pub mod fold;
pub mod index;

use std::sync::Arc;

pub use docs::{Field, Kind};
pub use index::Index;

use crate::model::Site;
use crate::plan::{MakeFn, Plan};

/// The index of `site`.
pub fn index(site: &Site) -> Index {
    Index::build(docs::documents(site))
}

/// Adds the search files of `site` to the plan.
pub fn plan(plan: &mut Plan, site: &Site) {
    let index = Arc::new(index(site));
    let made = |index: &Arc<Index>, make: fn(&Index, usize) -> Vec<u8>, n: usize| {
        let index = Arc::clone(index);
        let file: MakeFn = Box::new(move |_: &Site| Ok(make(&index, n)));
        file
    };
    plan.made("search/index.js", made(&index, |i, _| i.manifest(), 0));
    for c in 0..index.chunk_count() {
        plan.made(
            format!("search/{}", index.chunk_path(c)),
            made(&index, Index::chunk, c),
        );
    }
    for b in 0..index.blocks() {
        plan.made(format!("search/d-{b}.js"), made(&index, Index::block, b));
    }
}
