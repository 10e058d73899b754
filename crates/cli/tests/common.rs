//! Helpers shared by the CLI integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The demo corpus.
pub fn demo_corpus() -> PathBuf {
    repo().join("examples/peace-talks")
}

/// Runs the `dragoman` binary with `args`.
pub fn dragoman(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dragoman"))
        .args(args)
        .env_remove("RUST_LOG")
        .output()
        .expect("the dragoman binary runs")
}

/// The JSON report of the demo corpus (analysed once per test binary).
pub fn demo_report() -> &'static serde_json::Value {
    static REPORT: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    REPORT.get_or_init(|| json_report(&[&demo_corpus()]))
}

/// The JSON report of `dragoman analyze` over `inputs`, without a store.
pub fn json_report(inputs: &[&std::path::Path]) -> serde_json::Value {
    let mut args: Vec<&str> = vec!["analyze"];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap()));
    args.extend(["--format", "json", "--no-store", "--quiet"]);
    let out = dragoman(&args);
    assert!(
        out.status.success(),
        "analyze failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the report is valid JSON")
}
