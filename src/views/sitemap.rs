//! The sitemap: the address of every page search engines should know.

use serde::Serialize;

use super::{Ctx, View};

#[derive(Debug, Serialize)]
pub struct Sitemap {
    /// Full addresses, in the order of the site's output plan.
    pub urls: Vec<String>,
}

impl<'a> Ctx<'a> {
    /// The sitemap of the pages at `paths` (relative to the output folder).
    pub fn sitemap(&self, paths: &[String]) -> View<'a> {
        let base = &self.site.config.base_url;
        let urls = paths.iter().map(|p| format!("{base}{p}")).collect();
        View::new(self.site.config.title.as_str(), "sitemap", Sitemap { urls })
    }
}
