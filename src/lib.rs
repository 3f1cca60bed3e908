//! iopsite: a static-site generator for transparency pages about IOP agreements.
//!
//! The stages run in one direction: `config` → `load` → `validate` → `model` → `render` →
//! `write`. Each takes the previous stage's output and never reaches back.

pub mod diagnostics;
pub mod load;
pub mod orgnr;
pub mod config;
pub mod model;
pub mod validate;
