//! How the cross-article stages grow with the corpus: generated annotated documents (varied
//! stories, vocabularies, people, places, dates, outlets, counts, ordinals, quotes and copies)
//! go through dedupe, resolve, cluster, facts, contradictions and framing, and the CPU time per
//! stage (seconds), the wall-clock time, articles per CPU second and peak memory are printed
//! per size.
//!
//! ```text
//! cargo bench -p dragoman-story --bench scale                 # 10k, 100k and 1M articles
//! cargo bench -p dragoman-story --bench scale -- 10000 50000  # chosen sizes
//! cargo bench -p dragoman-story --bench scale -- --one-story 1000
//! ```
//!
//! Each size runs in a child process of its own, so that its peak resident memory (VmHWM) is
//! its own. `--one-story N` puts all N articles in a single story, which shows how the
//! per-story comparison (facts ledger, contradictions, framing) grows with a story's size.

use std::process::{Command, ExitCode};
use std::time::Instant;

use chrono::{Days, NaiveDate, NaiveTime};
use dragoman_knowledge::Knowledge;
use dragoman_model::{Article, Doc, Kind, Mention, Precision, Published, Quote, Sentence, Span};
use dragoman_story::{StoryOptions, cluster, contradictions, dedupe, facts, framing, resolve};

/// Environment variable that makes the process one measured run.
const CHILD: &str = "DRAGOMAN_SCALE_CHILD";

fn main() -> ExitCode {
    if let Ok(spec) = std::env::var(CHILD) {
        return run_child(&spec);
    }
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let one_story = args.iter().any(|a| a == "--one-story");
    let mut sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = if one_story {
            vec![250, 500, 1000, 2000]
        } else {
            vec![10_000, 100_000, 1_000_000]
        };
    }
    let Ok(exe) = std::env::current_exe() else {
        eprintln!("scale: cannot find the bench executable");
        return ExitCode::FAILURE;
    };
    println!(
        "{:>9} {:>7} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>9} {:>9} {:>9} {:>9}",
        "articles",
        "stories",
        "gen s",
        "dedupe",
        "resolve",
        "cluster",
        "facts",
        "contra",
        "framing",
        "cpu s",
        "wall s",
        "art/cpu-s",
        "peak MiB"
    );
    for n in sizes {
        let spec = format!("{n}:{}", u8::from(one_story));
        match Command::new(&exe).env(CHILD, spec).output() {
            Ok(out) if out.status.success() => print!("{}", String::from_utf8_lossy(&out.stdout)),
            Ok(out) => {
                eprintln!(
                    "scale: the run with {n} articles failed: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                return ExitCode::FAILURE;
            }
            Err(e) => {
                eprintln!("scale: cannot run the bench for {n} articles: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// One measured run: `spec` is `N:ONE_STORY`.
fn run_child(spec: &str) -> ExitCode {
    let mut parts = spec.split(':');
    let n: usize = parts.next().and_then(|p| p.parse().ok()).unwrap_or(10_000);
    let one_story = parts.next() == Some("1");
    let Ok(knowledge) = Knowledge::embedded() else {
        eprintln!("scale: cannot load the knowledge base");
        return ExitCode::FAILURE;
    };
    let options = StoryOptions::default();

    let start = Instant::now();
    let mut docs = Corpus::new(n, one_story).generate();
    let generated = start.elapsed().as_secs_f64();

    // Stages are timed in CPU seconds of this process (the machine may be shared), the whole
    // run in wall-clock seconds too.
    let wall = Instant::now();
    let mut laps = Vec::new();
    let mut lap = cpu_seconds();
    let mut next = |laps: &mut Vec<f64>| {
        let now = cpu_seconds();
        laps.push(now - lap);
        lap = now;
    };
    let duplicates = dedupe::find(&docs, options.near_duplicate_threshold);
    next(&mut laps);
    let entities = resolve::resolve(&mut docs, &knowledge);
    next(&mut laps);
    let stories = cluster::cluster(&mut docs, &entities, &options.cluster);
    next(&mut laps);
    let ledger = facts::ledger(&docs, &entities, &stories, &duplicates);
    next(&mut laps);
    let conflicts = contradictions::find(&ledger);
    next(&mut laps);
    let framings = framing::analyze(&docs, &stories, &entities, &ledger);
    next(&mut laps);
    let total: f64 = laps.iter().sum();
    let wall = wall.elapsed().as_secs_f64();
    let stage = |i: usize| laps.get(i).copied().unwrap_or(0.0);
    println!(
        "{:>9} {:>7} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>9.2} {:>9.2} {:>9.0} {:>9.0}",
        n,
        stories.len(),
        generated,
        stage(0),
        stage(1),
        stage(2),
        stage(3),
        stage(4),
        stage(5),
        total,
        wall,
        n as f64 / total.max(1e-9),
        peak_mib()
    );
    // Keep the results alive until measured.
    drop((duplicates, conflicts, framings));
    ExitCode::SUCCESS
}

/// CPU seconds (user and system) used by this process so far (Linux; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which is in parentheses and may hold spaces): utime and
    // stime are the 12th and 13th, in clock ticks of 1/100 s.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

/// Peak resident memory of this process in MiB (Linux; 0 elsewhere).
fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// A small deterministic pseudo-random generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

const ONSETS: &[&str] = &[
    "b", "br", "d", "dr", "f", "g", "gr", "k", "kl", "l", "m", "n", "p", "pl", "r", "s", "st", "t",
    "tr", "v", "z",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ou"];
const CODAS: &[&str] = &["", "", "n", "r", "s", "l", "k", "nd", "st"];
const PLURALS: &[&str] = &[
    "drones",
    "villages",
    "soldiers",
    "ships",
    "delegates",
    "countries",
    "workers",
    "trucks",
];
const ORDINALS: &[&str] = &["second", "third", "fourth", "fifth"];
const PERIODS: &[&str] = &["year of the war", "round of talks", "week of the strike"];
const CUES: &[&str] = &["said", "told reporters", "added", "warned"];

/// A made-up word of `syllables` syllables.
fn word(rng: &mut Rng, syllables: usize) -> String {
    let mut w = String::new();
    for _ in 0..syllables {
        w.push_str(rng.pick(ONSETS).copied().unwrap_or("k"));
        w.push_str(rng.pick(VOWELS).copied().unwrap_or("a"));
        w.push_str(rng.pick(CODAS).copied().unwrap_or(""));
    }
    w
}

fn capitalised(w: &str) -> String {
    let mut chars = w.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One generated story: its words, people, places and time.
struct Topic {
    words: Vec<String>,
    people: Vec<String>,
    places: Vec<String>,
    org: String,
    day: NaiveDate,
    minute: u32,
}

/// The generated corpus.
struct Corpus {
    n: usize,
    rng: Rng,
    general: Vec<String>,
    outlets: Vec<String>,
    topics: Vec<Topic>,
}

impl Corpus {
    fn new(n: usize, one_story: bool) -> Self {
        let mut rng = Rng(0x5eed ^ n as u64);
        let general: Vec<String> = (0..4000).map(|i| word(&mut rng, 2 + i % 2)).collect();
        let outlets: Vec<String> = (0..300)
            .map(|_| format!("The {} {}", capitalised(&word(&mut rng, 2)), "Courier"))
            .collect();
        let stories = if one_story { 1 } else { (n / 25).max(1) };
        let base = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
        let topics = (0..stories)
            .map(|_| Topic {
                words: (0..14).map(|_| word(&mut rng, 3)).collect(),
                people: (0..4)
                    .map(|_| {
                        format!(
                            "{} {}",
                            capitalised(&word(&mut rng, 2)),
                            capitalised(&word(&mut rng, 3))
                        )
                    })
                    .collect(),
                places: (0..2).map(|_| capitalised(&word(&mut rng, 3))).collect(),
                org: format!("{} Council", capitalised(&word(&mut rng, 3))),
                day: base
                    .checked_add_days(Days::new(rng.below(730) as u64))
                    .unwrap_or(base),
                minute: rng.below(24 * 60) as u32,
            })
            .collect();
        Corpus {
            n,
            rng,
            general,
            outlets,
            topics,
        }
    }

    /// The documents, about one in twenty a near copy of an earlier one of its story.
    fn generate(mut self) -> Vec<Doc> {
        let mut docs: Vec<Doc> = Vec::with_capacity(self.n);
        let mut last_of_topic: Vec<Option<usize>> = vec![None; self.topics.len()];
        for i in 0..self.n {
            // Story sizes vary: a few topics get much of the coverage.
            let t = {
                let a = self.rng.below(self.topics.len());
                let b = self.rng.below(self.topics.len());
                if self.rng.below(3) == 0 { a.min(b) } else { a }
            };
            let copy_of = last_of_topic
                .get(t)
                .copied()
                .flatten()
                .filter(|_| self.rng.below(20) == 0);
            let doc = match copy_of.and_then(|c| docs.get(c)) {
                Some(original) => self.copy(i, original),
                None => self.article(i, t),
            };
            if let Some(slot) = last_of_topic.get_mut(t) {
                *slot = Some(i);
            }
            docs.push(doc);
        }
        docs
    }

    /// A new article about topic `t`.
    fn article(&mut self, i: usize, t: usize) -> Doc {
        let Some(topic) = self.topics.get(t) else {
            return Doc::new(Article::from_paragraphs("empty", [""]));
        };
        let rng = &mut self.rng;
        let mut text = String::new();
        let mut sentences = Vec::new();
        let mut mentions = Vec::new();
        let mut quotes = Vec::new();
        let outlet = rng.pick(&self.outlets).cloned().unwrap_or_default();
        for s in 0..6 {
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.len();
            let person = rng.pick(&topic.people).cloned().unwrap_or_default();
            let place = rng.pick(&topic.places).cloned().unwrap_or_default();
            let mut push_name = |text: &mut String, name: &str, kind: Kind| {
                let at = text.len();
                text.push_str(name);
                mentions.push(Mention {
                    span: Span::new(at, text.len()),
                    text: name.to_string(),
                    kind,
                    role: None,
                    role_span: None,
                    key: None,
                    metonymy: false,
                    sentence: s,
                    entity: None,
                });
            };
            match s {
                0 => {
                    push_name(&mut text, &person, Kind::Person);
                    text.push_str(" met envoys of the ");
                    push_name(&mut text, &topic.org, Kind::Organization);
                    text.push_str(" in ");
                    push_name(&mut text, &place, Kind::Gpe);
                }
                2 => {
                    let n = 3 + rng.below(40);
                    let noun = rng.pick(PLURALS).copied().unwrap_or("drones");
                    text.push_str(&format!("Officials counted {n} {noun} near "));
                    push_name(&mut text, &place, Kind::Gpe);
                }
                3 => {
                    let ordinal = rng.pick(ORDINALS).copied().unwrap_or("third");
                    let period = rng.pick(PERIODS).copied().unwrap_or("year of the war");
                    text.push_str(&format!("It is the {ordinal} {period}, and "));
                    push_name(&mut text, &person, Kind::Person);
                    text.push_str(" knows it");
                }
                4 => {
                    text.push('“');
                    let content_start = text.len();
                    for _ in 0..8 {
                        let w = if rng.below(2) == 0 {
                            rng.pick(&topic.words)
                        } else {
                            rng.pick(&self.general)
                        };
                        text.push_str(w.map_or("word", String::as_str));
                        text.push(' ');
                    }
                    text.pop();
                    let content_end = text.len();
                    text.push_str(",” ");
                    let speaker_start = text.len();
                    push_name(&mut text, &person, Kind::Person);
                    let speaker_end = text.len();
                    let cue = rng.pick(CUES).copied().unwrap_or("said");
                    text.push(' ');
                    text.push_str(cue);
                    quotes.push(Quote {
                        speaker: None,
                        speaker_name: Some(person.clone()),
                        speaker_span: Some(Span::new(speaker_start, speaker_end)),
                        cue: Some(cue.to_string()),
                        cue_span: None,
                        text: text
                            .get(content_start..content_end)
                            .unwrap_or("")
                            .to_string(),
                        content_span: Span::new(content_start, content_end),
                        direct: true,
                        sources: Vec::new(),
                        story: None,
                    });
                }
                _ => {
                    let mut first = true;
                    for _ in 0..(10 + rng.below(8)) {
                        let w = if rng.below(5) < 2 {
                            rng.pick(&topic.words)
                        } else {
                            rng.pick(&self.general)
                        };
                        let w = w.map_or("word", String::as_str);
                        if first {
                            text.push_str(&capitalised(w));
                            first = false;
                        } else {
                            text.push(' ');
                            text.push_str(w);
                        }
                    }
                }
            }
            text.push('.');
            sentences.push(Sentence {
                span: Span::new(start, text.len()),
                paragraph: 0,
            });
        }
        let title: Vec<&str> = (0..7)
            .filter_map(|k| {
                if k % 2 == 0 {
                    rng.pick(&topic.words)
                } else {
                    rng.pick(&self.general)
                }
            })
            .map(String::as_str)
            .collect();
        let mut article = Article::from_paragraphs(format!("gen/{i}.txt"), [text.as_str()]);
        article.id = format!("g{i}");
        article.title = Some(capitalised(&title.join(" ")));
        article.outlet = Some(outlet);
        // Coverage of a story spreads over a few days after its start.
        let minutes = topic.minute as u64 + rng.below(3 * 24 * 60) as u64;
        let day = topic.day.checked_add_days(Days::new(minutes / (24 * 60)));
        let time =
            NaiveTime::from_num_seconds_from_midnight_opt(((minutes % (24 * 60)) * 60) as u32, 0);
        article.published = day.map(|date| Published {
            date,
            time,
            precision: Precision::Time,
        });
        let mut doc = Doc::new(article);
        doc.sentences = sentences;
        doc.mentions = mentions;
        doc.quotes = quotes;
        doc
    }

    /// A republication of `original` by another outlet, an hour later, with its last sentence
    /// cut.
    fn copy(&mut self, i: usize, original: &Doc) -> Doc {
        let mut doc = original.clone();
        let cut = doc.sentences.last().map(|s| s.span.start).unwrap_or(0);
        let text = doc
            .article
            .text
            .get(..cut)
            .unwrap_or("")
            .trim_end()
            .to_string();
        doc.sentences.retain(|s| s.span.end <= text.len());
        doc.mentions.retain(|m| m.span.end <= text.len());
        doc.quotes.retain(|q| q.content_span.end <= text.len());
        doc.article.paragraphs = vec![Span::new(0, text.len())];
        doc.article.text = text;
        doc.article.id = format!("g{i}");
        doc.article.origin = format!("gen/{i}.txt");
        doc.article.outlet = self.rng.pick(&self.outlets).cloned();
        if let Some(p) = doc.article.published.as_mut()
            && let Some(time) = p.time
        {
            let (next, wrapped) = time.overflowing_add_signed(chrono::Duration::hours(1));
            p.time = Some(next);
            if wrapped != 0 {
                p.date = p.date.succ_opt().unwrap_or(p.date);
            }
        }
        doc
    }
}
