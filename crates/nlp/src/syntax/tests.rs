use super::train::{Gold, evaluate, read_conll, train};
use super::*;

/// A small CoNLL-style fixture (own sentences): `word POS chunk NER`.
const FIXTURE: &str = "\
-DOCSTART- -X- -X- O

The DT B-NP O
farmers NNS I-NP O
sold VBD B-VP O
their PRP$ B-NP O
apples NNS I-NP O
in IN B-PP O
town NN B-NP O
. . O O

A DT B-NP O
baker NN I-NP O
bought VBD B-VP O
the DT B-NP O
bread NN I-NP O
on IN B-PP O
Monday NNP B-NP O
. . O O

Anna NNP B-NP B-PER
's POS B-NP O
brother NN I-NP O
will MD B-VP O
visit VB I-VP O
the DT B-NP O
harbour NN I-NP O
. . O O
";

#[test]
fn reads_conll_and_joins_clitics() {
    let s = read_conll(FIXTURE).unwrap();
    assert_eq!(s.len(), 3);
    assert_eq!(s[2].words[0], "Anna's");
    assert_eq!(s[2].pos[0], 0);
    assert_eq!(chunk_name(s[2].chunk[1]), "I-NP");
    assert!(read_conll("word XYZ B-NP O\n").is_err());
}

#[test]
fn learns_tags_and_round_trips() {
    let gold = read_conll(FIXTURE).unwrap();
    let model = train(&gold, 8, 3, (12, 10));
    let model = SyntaxTagger::from_bytes(&model.to_bytes()).unwrap();
    let (pos, _, _, chunk_f1) = evaluate(&model, &gold);
    assert!(pos > 0.95, "{pos}");
    assert!(chunk_f1 > 0.9, "{chunk_f1}");
    let tags = model.tag(&["The", "baker", "sold", "the", "bread", "."]);
    assert_eq!(tags[2].pos_name(), "VBD");
    assert!(tags[2].is_verb() && tags[1].is_noun());
    let found = chunks(&tags);
    assert_eq!(
        found[0],
        Chunk {
            start: 0,
            end: 2,
            phrase: "NP"
        }
    );
    assert_eq!(found[1].phrase, "VP");
    assert!(SyntaxTagger::from_bytes(b"DSX0").is_err());
    assert!(SyntaxTagger::from_bytes(b"DSX1\x2c\0\x0c").is_err());
    let _ = Gold {
        words: Vec::new(),
        pos: Vec::new(),
        chunk: Vec::new(),
    };
}

#[test]
fn chunks_follow_tags() {
    let t = |pos, chunk| Tags { pos, chunk };
    // B-NP I-NP B-VP O B-NP, and an inside tag after another phrase opening a chunk.
    let tags = [t(4, 1), t(1, 2), t(7, 3), t(8, 0), t(0, 1), t(0, 4)];
    let found = chunks(&tags);
    let spans: Vec<(usize, usize, &str)> =
        found.iter().map(|c| (c.start, c.end, c.phrase)).collect();
    assert_eq!(
        spans,
        vec![(0, 2, "NP"), (2, 3, "VP"), (4, 5, "NP"), (5, 6, "VP")]
    );
    assert!(chunks(&[]).is_empty());
}

#[test]
fn embedded_model_tags_news_text() {
    let tagger = SyntaxTagger::embedded().unwrap();
    let words = [
        "The", "harbour", "master", "said", "on", "Friday", "that", "ships", "would", "wait", "“",
        "until", "the", "storm", "passes", "”", ".",
    ];
    let tags = tagger.tag(&words);
    assert_eq!(tags.len(), words.len());
    assert_eq!(tags[3].pos_name(), "VBD");
    assert_eq!(tags[0].pos_name(), "DT");
    let found = chunks(&tags);
    assert_eq!(
        (found[0].start, found[0].end, found[0].phrase),
        (0, 3, "NP")
    );
    assert_eq!(found[1].phrase, "VP");
    assert!(tagger.tag::<&str>(&[]).is_empty());
    assert_eq!(tagger.tag(&["", "\u{301}"]).len(), 2);
}

#[test]
fn word_classes_through_lemmas() {
    let text = "# comment\nsay\tv\tcommunication,stative\nsaid\tv\t=say\n\
                fly\tv\tmotion\nfly\tn\tanimal\nbox\tn\tartifact\nwatch\tv\tperception\n\
                bad line\nchild\tn\tperson\nchildren\tn\t=child\n";
    let c = WordClasses::parse(text);
    let names = |w: &str, p| -> Vec<&str> { c.classes(w, p).iter().map(|k| k.name()).collect() };
    assert_eq!(
        names("said", WordPos::Verb),
        ["verb.communication", "verb.stative"]
    );
    assert_eq!(
        names("says", WordPos::Verb),
        ["verb.communication", "verb.stative"]
    );
    assert_eq!(names("flies", WordPos::Verb), ["verb.motion"]);
    assert_eq!(names("flies", WordPos::Noun), ["noun.animal"]);
    assert_eq!(names("boxes", WordPos::Noun), ["noun.artifact"]);
    assert_eq!(names("watching", WordPos::Verb), ["verb.perception"]);
    assert_eq!(names("children", WordPos::Noun), ["noun.person"]);
    assert!(names("s", WordPos::Verb).is_empty());
    assert!(names("box", WordPos::Verb).is_empty());
    assert_eq!(c.lemma("said", WordPos::Verb), Some("say"));
    let all = WordClasses::embedded();
    assert_eq!(
        names_of(&all, "denounced", WordPos::Verb).first().copied(),
        Some("verb.communication")
    );
    assert!(names_of(&all, "statements", WordPos::Noun).contains(&"noun.communication"));
    assert!(c.names_agents("children"));
    assert!(!c.names_agents("boxes"));
    assert!(c.names_agents("unheardofword"));
    assert!(all.names_agents("officials") && all.names_agents("committee"));
    assert!(!all.names_agents("absence") && !all.names_agents("openness"));
}

fn names_of<'a>(c: &'a WordClasses, w: &str, p: WordPos) -> Vec<&'a str> {
    c.classes(w, p).iter().map(|k| k.name()).collect()
}

/// Trains the shipped model on CoNLL-2003 and reports its figures on the validation file:
/// `DRAGOMAN_CONLL=/path/to/conll2003 cargo test --release -p dragoman-nlp --lib
/// train_syntax -- --ignored --nocapture` (`DRAGOMAN_SYNTAX_BITS`, `DRAGOMAN_CHUNK_BITS`,
/// `DRAGOMAN_EPOCHS`, `DRAGOMAN_SYNTAX_MODEL`).
#[test]
#[ignore = "needs CoNLL-2003; writes the shipped model"]
fn train_syntax() {
    let dir = std::env::var("DRAGOMAN_CONLL")
        .unwrap_or_else(|_| "/work/shared/data/ner/conll2003".into());
    let read = |name: &str| {
        read_conll(&std::fs::read_to_string(format!("{dir}/{name}")).unwrap()).unwrap()
    };
    let (train_set, valid) = (read("train.txt"), read("valid.txt"));
    let var = |name: &str, default: usize| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let epochs = var("DRAGOMAN_EPOCHS", 10);
    let bits = (
        var("DRAGOMAN_SYNTAX_BITS", 15) as u32,
        var("DRAGOMAN_CHUNK_BITS", 14) as u32,
    );
    let model = train(&train_set, epochs, 7, bits);
    let (pos, p, r, f1) = evaluate(&model, &valid);
    println!("valid: POS accuracy {pos:.4}, chunk P {p:.4} R {r:.4} F1 {f1:.4}");
    let words: usize = valid.iter().map(|s| s.words.len()).sum();
    let started = std::time::Instant::now();
    for s in &valid {
        std::hint::black_box(model.tag(&s.words));
    }
    let secs = started.elapsed().as_secs_f64();
    println!("{:.0} words/s", words as f64 / secs);
    let out = std::env::var("DRAGOMAN_SYNTAX_MODEL").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../models/syntax/syntax.bin"
        )
        .into()
    });
    std::fs::write(out, model.to_bytes()).unwrap();
}
