//! The JSON report matches `docs/report-schema.md`, both ways: every documented field is there
//! with its type, and every field present is documented.

mod common;

use std::collections::BTreeMap;

use serde_json::Value;

/// One documented field: its type and whether it may be absent or null.
struct Field {
    kind: String,
    optional: bool,
}

/// Reads the `### \`path\`` sections and their tables from the schema document.
fn documented() -> BTreeMap<String, BTreeMap<String, Field>> {
    let doc = std::fs::read_to_string(common::repo().join("docs/report-schema.md")).unwrap();
    let mut tables: BTreeMap<String, BTreeMap<String, Field>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in doc.lines() {
        if let Some(heading) = line.strip_prefix("### `") {
            current = heading.strip_suffix('`').map(str::to_string);
            continue;
        }
        let Some(path) = &current else { continue };
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 4 || cells[1] == "field" || cells[1].starts_with("---") {
            continue;
        }
        let (kind, optional) = match cells[2].strip_suffix('?') {
            Some(k) => (k.to_string(), true),
            None => (cells[2].to_string(), false),
        };
        tables
            .entry(path.clone())
            .or_default()
            .insert(cells[1].to_string(), Field { kind, optional });
    }
    tables
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_u64() || n.is_i64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn check(
    value: &Value,
    path: &str,
    tables: &BTreeMap<String, BTreeMap<String, Field>>,
    errors: &mut Vec<String>,
    counts: &mut BTreeMap<String, usize>,
) {
    if let (Some(table), Value::Object(map)) = (tables.get(path), value) {
        *counts.entry(path.to_string()).or_default() += 1;
        for (name, field) in table {
            match map.get(name) {
                None | Some(Value::Null) if field.optional => {}
                None => errors.push(format!("{path}: missing field `{name}`")),
                Some(v) => {
                    let found = type_name(v);
                    let ok = found == field.kind || (field.kind == "number" && found == "integer");
                    if !ok {
                        errors.push(format!(
                            "{path}.{name}: expected {}, found {found}",
                            field.kind
                        ));
                    }
                }
            }
        }
        for name in map.keys() {
            if !table.contains_key(name) {
                errors.push(format!("{path}: field `{name}` is not documented"));
            }
        }
    }
    match value {
        Value::Object(map) => {
            for (name, child) in map {
                let child_path = if name == "sources" {
                    "sources".to_string()
                } else if path == "$" {
                    name.clone()
                } else {
                    format!("{path}.{name}")
                };
                check(child, &child_path, tables, errors, counts);
            }
        }
        Value::Array(items) => {
            for item in items {
                check(item, &format!("{path}[]"), tables, errors, counts);
            }
        }
        _ => {}
    }
}

#[test]
fn the_demo_report_matches_the_documented_schema() {
    let tables = documented();
    assert!(tables.len() >= 15, "the schema document lost its tables");
    let mut errors = Vec::new();
    let mut counts = BTreeMap::new();
    // The demo corpus plus a JSON file holding no article (the gold annotations), so that the
    // report's `problems` table occurs too.
    let corpus = common::demo_corpus();
    let gold = corpus
        .with_file_name("peace-talks-gold")
        .join("expected.json");
    let report = common::json_report(&[&corpus, &gold]);
    check(&report, "$", &tables, &mut errors, &mut counts);
    errors.sort();
    errors.dedup();
    assert!(
        errors.is_empty(),
        "report does not match docs/report-schema.md:\n{}",
        errors.join("\n")
    );
    // Every documented object kind actually occurs in the demo report, so each table is tested.
    for path in tables.keys() {
        assert!(
            counts.get(path).copied().unwrap_or(0) > 0,
            "no `{path}` object in the demo report"
        );
    }
}

#[test]
fn every_source_span_falls_inside_its_article() {
    let report = common::demo_report();
    let texts: BTreeMap<&str, &str> = report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_str().unwrap(), a["text"].as_str().unwrap()))
        .collect();
    let mut checked = 0;
    let mut stack = vec![report];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::Array(sources)) = map.get("sources") {
                    for s in sources {
                        let text = texts[s["article"].as_str().unwrap()];
                        let (start, end) = (
                            s["start"].as_u64().unwrap() as usize,
                            s["end"].as_u64().unwrap() as usize,
                        );
                        assert!(
                            start < end && text.get(start..end).is_some(),
                            "bad span {s}"
                        );
                        checked += 1;
                    }
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    assert!(checked > 100, "only {checked} sources in the demo report");
}
