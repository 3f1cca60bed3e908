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

#[test]
fn the_binary_links_no_font_library() {
    let Ok(output) = Command::new("ldd")
        .arg(env!("CARGO_BIN_EXE_iopsite"))
        .output()
    else {
        eprintln!("ldd is not available; skipped");
        return;
    };
    let libraries = String::from_utf8_lossy(&output.stdout);
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
