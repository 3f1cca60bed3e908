//! Splits and parses a report's front matter and renders its Markdown body
//! (`reports/NAME.md`). Must never panic, whatever the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A build refuses non-UTF-8 files before parsing, so only text reaches the parser.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    std::hint::black_box(iopsite::single::render_report(text));
});
