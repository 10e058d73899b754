//! `dragoman tag --conll` and `dragoman eval ner` on a small CoNLL file written for the test.

mod common;

const CONLL: &str = "-DOCSTART- -X- -X- O\n\n\
Angela NNP B-NP B-PER\nMerkel NNP I-NP I-PER\nvisited VBD B-VP O\nParis NNP B-NP B-LOC\n. . O O\n\n\
The DT B-NP O\nUnited NNP I-NP B-ORG\nNations NNP I-NP I-ORG\nmet VBD B-VP O\nin IN B-PP O\nGeneva NNP B-NP B-LOC\n. . O O\n";

#[test]
fn tag_adds_a_column_and_keeps_blank_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.conll");
    std::fs::write(&path, CONLL).unwrap();
    let out = common::dragoman(&["tag", "--conll", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let input: Vec<&str> = CONLL.lines().collect();
    let output: Vec<&str> = text.lines().collect();
    assert_eq!(
        input.len(),
        output.len(),
        "one output line per input line:\n{text}"
    );
    for (i, o) in input.iter().zip(&output) {
        if i.is_empty() {
            assert!(o.is_empty());
        } else {
            assert!(o.starts_with(i), "`{o}` should extend `{i}`");
            let tag = o.rsplit(' ').next().unwrap_or_default();
            assert!(
                tag == "O" || tag.starts_with("B-") || tag.starts_with("I-"),
                "{o}"
            );
        }
    }
    assert!(
        output
            .iter()
            .any(|l| l.starts_with("Merkel") && l.ends_with("I-PER")),
        "{text}"
    );
    assert!(
        output
            .iter()
            .any(|l| l.starts_with("Geneva") && l.ends_with("B-LOC")),
        "{text}"
    );
}

#[test]
fn eval_ner_prints_scores() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gold.conll");
    std::fs::write(&path, CONLL).unwrap();
    let out = common::dragoman(&["eval", "ner", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for word in ["PER", "LOC", "ORG", "tokens/s"] {
        assert!(text.contains(word), "{word} missing in:\n{text}");
    }
    let missing = common::dragoman(&["eval", "ner", "/no/such/file.conll"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/no/such/file.conll"));
}
