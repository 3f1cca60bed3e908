//! The resolved site: agreements, reports, organisations, goals and totals, computed once
//! from the checked content and read-only afterwards.

pub mod bodies;
pub mod collate;
pub mod site;

/// The checked domain types, as `validate` makes them.
pub use crate::validate::{agenda2030, types};
pub use site::{Site, Status, build};
