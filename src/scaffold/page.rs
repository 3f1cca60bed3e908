//! `iopsite new page NAME`: a page of the site with its front matter and a line of guidance.

use std::path::{Path, PathBuf};

use super::report::{commented, yaml_scalar};
use super::{ScaffoldError, names, write_new};
use crate::load::find_content_dir;
use crate::validate::placeholders::GUIDANCE;

/// Creates `pages/NAME.md` in the site in `dir`; never overwrites a file.
pub fn new_page(dir: &Path, name: &str) -> Result<Vec<PathBuf>, ScaffoldError> {
    names::check("page", name, dir)?;
    let content = find_content_dir(dir).ok_or_else(|| ScaffoldError::NoSite(dir.to_path_buf()))?;
    let path = content.join("pages").join(format!("{name}.md"));
    Ok(vec![write_new(&path, &skeleton(name))?])
}

/// The page's file: its title made from its id (`om-oss` → "Om oss").
fn skeleton(id: &str) -> String {
    let mut title = id.replace('-', " ");
    if let Some(first) = title.get(..1) {
        title.replace_range(..1, &first.to_uppercase());
    }
    let title_line = commented(
        &format!("title: {}", yaml_scalar(&title)),
        "required: the heading, also the link in the footer menu",
    );
    let order_line = commented(
        "# order: 10",
        "optional: the page's place in the footer menu, lowest first",
    );
    format!(
        "---\n\
         # A page of the site; its keys are described in docs/format.md of iopsite.\n\
         # The title is made from the file name: add the å, ä and ö it may lack.\n\
         {title_line}\n\
         {order_line}\n\
         ---\n\
         <!-- {GUIDANCE}: Skriv sidans text i Markdown här i stället för den här raden. En rad som börjar med ## blir en rubrik, en rad som börjar med - en punkt i en lista. -->\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Diagnostics, SourceFile};
    use crate::load::parse_document;
    use crate::load::schema::PageFrontMatter;

    #[test]
    fn the_title_comes_from_the_id() {
        let text = skeleton("om-oss");
        assert!(text.contains("\ntitle: Om oss "), "{text}");
        for id in ["2025", "om-oss", "x"] {
            let mut file = SourceFile::new("pages/x.md", skeleton(id));
            let mut diags = Diagnostics::new();
            let page = parse_document::<PageFrontMatter>(&mut file, &mut diags).unwrap();
            assert_eq!(page.front.title.value.to_lowercase(), id.replace('-', " "));
            assert!(page.body.contains(GUIDANCE));
        }
    }
}
