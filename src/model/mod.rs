//! The resolved site: agreements, reports, organisations, goals and totals, computed once
//! from the checked content and read-only afterwards.

pub mod agenda2030;
pub mod site;
pub mod types;

pub use site::{Site, Status, build};
