//! The `dragoman` command-line tool.

fn main() {}
