//! Charts must build and draw on a machine without fontconfig or any system font: the font
//! is embedded, and nothing that looks for system fonts is linked in.

use std::process::Command;

#[test]
fn no_font_library_is_a_dependency() {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock"))
        .expect("read Cargo.lock");
    for name in [
        "font-kit",
        "yeslogic-fontconfig-sys",
        "servo-fontconfig",
        "freetype-sys",
        "freetype-rs",
        "dwrote",
        "core-text",
    ] {
        assert!(
            !lock.contains(&format!("name = \"{name}\"")),
            "{name} is in Cargo.lock"
        );
    }
}

/// Names a binary holds when it links a font library, dynamically (the library's file name
/// and the functions it imports) or statically (the functions, unless stripped).
const FONT_LIBRARY_NAMES: [&str; 8] = [
    "libfontconfig",
    "libfreetype",
    "libharfbuzz",
    "FcInitLoadConfig",
    "FcFontMatch",
    "FT_Init_FreeType",
    "FT_New_Face",
    "hb_shape",
];

#[test]
fn the_binary_holds_no_font_library_name() {
    let binary = std::fs::read(env!("CARGO_BIN_EXE_iopsite")).expect("read the binary");
    for name in FONT_LIBRARY_NAMES {
        assert!(
            !binary.windows(name.len()).any(|w| w == name.as_bytes()),
            "the binary holds `{name}`: it links a font library"
        );
    }
}

/// `ldd` also lists the libraries that the binary's libraries load in turn. Without `ldd`
/// (Debian's libc-bin) this fails rather than passing unchecked; it is Linux's tool, so the
/// test is only built there.
#[cfg(target_os = "linux")]
#[test]
fn the_binary_links_no_font_library() {
    let output = Command::new("ldd")
        .arg(env!("CARGO_BIN_EXE_iopsite"))
        .output()
        .unwrap_or_else(|e| panic!("could not run `ldd` to list the binary's libraries: {e}"));
    let libraries = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && libraries.contains("libc."),
        "`ldd` failed or listed no libc: {output:?}"
    );
    for name in ["fontconfig", "freetype", "harfbuzz"] {
        assert!(!libraries.contains(name), "linked to {name}:\n{libraries}");
    }
}

#[test]
fn charts_draw_with_fontconfig_pointed_nowhere() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("out");
    let status = Command::new(env!("CARGO_BIN_EXE_iopsite"))
        .args([
            "build",
            env!("CARGO_MANIFEST_DIR"),
            "--quiet",
            "--as-of",
            "2026-11-23",
        ])
        .arg("--output")
        .arg(&out)
        .env("FONTCONFIG_FILE", "/nonexistent/fonts.conf")
        .env("FONTCONFIG_PATH", "/nonexistent")
        .env("XDG_DATA_DIRS", "/nonexistent")
        .status()
        .expect("run iopsite");
    assert!(status.success());
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("<svg class=\"chart-svg"));
    assert!(home.contains("<text"));
}
