//! Parses and validates arbitrary text as one agreement file (`agreements/NAME.yaml`).
//! Must never panic, whatever the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A build refuses non-UTF-8 files before parsing, so only text reaches the parser.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let diags = iopsite::single::check_agreement(text);
    // Printing every diagnostic (line quote and caret) is part of what a build does.
    for d in diags.sorted() {
        std::hint::black_box(d.to_string());
    }
});
