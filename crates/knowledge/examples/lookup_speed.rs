//! Times the knowledge lookups the mention finder makes at every token of running text:
//! `longest_match` and `title_at` on an eight-token window, `lookup` on capitalised words.
//!
//! `cargo run --release -p dragoman-knowledge --example lookup_speed`

use std::time::Instant;

use dragoman_knowledge::Knowledge;

/// Invented news prose (written for this example), tokenised the way the tokenizer does.
const TEXT: &str = "The French foreign minister met his Ukrainian counterpart in Kyiv on \
Tuesday , and both said the European Union would keep its sanctions on Russia . Former US \
Ambassador to NATO said Washington and Brussels disagree about the ceasefire , while a \
Kremlin spokesman told reporters that Moscow's demands had not changed . In Warsaw , the \
Polish prime minister's office said talks with Germany's chancellor were planned for next \
week . Officials from Côte d'Ivoire and Guinea - Bissau joined the meeting of the African \
Union in Addis Ababa , where the UN Secretary - General spoke about aid .";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let knowledge = Knowledge::embedded()?;
    let tokens: Vec<&str> = TEXT.split_whitespace().collect();
    let rounds = 1000;
    let positions = rounds * tokens.len();
    let windows: Vec<&[&str]> = (0..tokens.len())
        .filter_map(|i| tokens.get(i..(i + 8).min(tokens.len())))
        .collect();
    let time = |name: &str, f: &dyn Fn(&[&str]) -> usize| {
        let started = Instant::now();
        let mut found = 0usize;
        for _ in 0..rounds {
            for w in &windows {
                found += f(w);
            }
        }
        let elapsed = started.elapsed();
        println!(
            "{name:>13}: {:.0} ns per token position ({found} matched tokens)",
            elapsed.as_nanos() as f64 / positions as f64
        );
    };
    time("longest_match", &|w| {
        knowledge.longest_match(w).map_or(0, |(n, _)| n)
    });
    time("title_at", &|w| knowledge.title_at(w).unwrap_or(0));
    time("lookup", &|w| {
        w.first().map_or(0, |t| knowledge.lookup(t).len())
    });
    Ok(())
}
