//! How the cross-article stages grow with the corpus, streamed as a store would run them:
//! generated annotated documents (varied stories, vocabularies, people, places, dates,
//! outlets, counts, ordinals, quotes and copies) arrive in publication order in batches of
//! [`BATCH`] and go through [`Tracker::add`]; each batch is dropped after use except the
//! documents of stories still open, and a story silent for [`CLOSE_AFTER_DAYS`] of publication
//! time is compared ([`compare_story`]: facts, contradictions, framing) and dropped. Memory is
//! the tracker's state, an entity registry (names, kinds, parents, aliases, roles; no
//! per-mention lists) and the open stories' documents.
//!
//! ```text
//! cargo bench -p dragoman-story --bench scale                 # 10k, 100k and 1M articles
//! cargo bench -p dragoman-story --bench scale -- 10000 50000  # chosen sizes
//! cargo bench -p dragoman-story --bench scale -- --one-story 1000
//! ```
//!
//! Each size runs in a child process of its own, so that its peak resident memory (VmHWM) is
//! its own. Printed per size: CPU seconds of generation, of the tracker and of the story
//! comparisons, the wall-clock time, articles per CPU second (tracker and comparisons), peak
//! memory, the serialised tracker state (MiB and bytes per article), and how many stories got
//! an article after they had been compared (they are compared again when they close).
//! `--one-story N` puts all N articles in a single story, which shows how the per-story
//! comparison grows with a story's size.

use std::collections::{HashMap, HashSet};
use std::process::{Command, ExitCode};
use std::time::Instant;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use dragoman_knowledge::Knowledge;
use dragoman_model::{
    Article, Doc, Duplicate, Entity, Kind, Mention, Precision, Published, Quote, Sentence, Span,
};
use dragoman_story::{StoryOptions, Tracker, compare_story, merge_entity};

/// Environment variable that makes the process one measured run.
const CHILD: &str = "DRAGOMAN_SCALE_CHILD";
/// Documents per [`Tracker::add`].
const BATCH: usize = 1000;
/// A story silent this long (publication time) is compared and its documents dropped.
const CLOSE_AFTER_DAYS: i64 = 7;
/// Days over which the generated coverage spreads.
const SPAN_DAYS: u64 = 730;
/// Days a generated story gets coverage.
const STORY_DAYS: u64 = 3;

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
        "{:>9} {:>7} {:>8} {:>8} {:>8} {:>8} {:>8} {:>9} {:>9} {:>9} {:>9} {:>8}",
        "articles",
        "stories",
        "gen s",
        "track s",
        "compare",
        "cpu s",
        "wall s",
        "art/cpu-s",
        "peak MiB",
        "state MiB",
        "B/article",
        "reopened"
    );
    for n in sizes {
        let spec = format!("{n}:{}", u8::from(one_story));
        match Command::new(&exe).env(CHILD, spec).output() {
            Ok(out) if out.status.success() => {
                print!("{}", String::from_utf8_lossy(&out.stdout));
                eprint!("{}", String::from_utf8_lossy(&out.stderr));
            }
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

/// The documents of a story not compared yet.
#[derive(Default)]
struct Open {
    docs: Vec<Doc>,
    duplicates: Vec<Duplicate>,
    last: Option<NaiveDateTime>,
}

/// What the comparisons found, counted.
#[derive(Default)]
struct Compared {
    stories: usize,
    facts: usize,
    contradictions: usize,
    framings: usize,
    seconds: f64,
}

impl Compared {
    /// Compares one story from its buffered documents and the registry's entities.
    fn story(&mut self, id: &str, open: Open, registry: &HashMap<String, Entity>) {
        let start = cpu_seconds();
        let mut wanted: HashSet<&str> = HashSet::new();
        for m in open.docs.iter().flat_map(|d| &d.mentions) {
            let mut next = m.entity.as_deref();
            // The entity and its ancestors (facts name an entity's parents).
            while let Some(id) = next.filter(|id| wanted.insert(id)) {
                next = registry.get(id).and_then(|e| e.parent.as_deref());
            }
        }
        let entities: Vec<Entity> = wanted
            .into_iter()
            .filter_map(|id| registry.get(id).cloned())
            .collect();
        let analysis = compare_story(id, &open.docs, &entities, &open.duplicates);
        self.stories += 1;
        self.facts += analysis.facts.len();
        self.contradictions += analysis.contradictions.len();
        self.framings += analysis.framing.len();
        self.seconds += cpu_seconds() - start;
    }
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
    let wall = Instant::now();
    let mut stream = Stream::new(n, one_story);
    let mut tracker = Tracker::new(StoryOptions::default());
    let mut registry: HashMap<String, Entity> = HashMap::new();
    let mut open: HashMap<String, Open> = HashMap::new();
    let mut closed: HashSet<String> = HashSet::new();
    let mut reopened = 0usize;
    let mut compared = Compared::default();
    let (mut generating, mut tracking) = (0.0, 0.0);
    let mut made = 0;
    while made < n {
        let lap = cpu_seconds();
        let mut batch: Vec<Doc> = (made..n.min(made + BATCH))
            .map(|i| stream.next(i))
            .collect();
        made += batch.len();
        let now = cpu_seconds();
        generating += now - lap;
        let update = tracker.add(&mut batch, &knowledge);
        tracking += cpu_seconds() - now;

        // What a store keeps: entity records (without per-mention lists, kept on disk) and
        // the documents and copies of open stories.
        for mut contribution in update.entities {
            contribution.articles.clear();
            contribution.sources.clear();
            contribution
                .roles
                .iter_mut()
                .for_each(|r| r.sources.clear());
            match registry.get_mut(&contribution.id) {
                Some(stored) => merge_entity(stored, contribution),
                None => {
                    registry.insert(contribution.id.clone(), contribution);
                }
            }
        }
        let story_of: HashMap<&str, &str> = batch
            .iter()
            .zip(&update.stories)
            .map(|(d, s)| (d.article.id.as_str(), s.as_str()))
            .collect();
        let mut copies: Vec<(String, Duplicate)> = Vec::new();
        for duplicate in update.duplicates {
            if let Some(story) = story_of.get(duplicate.article.as_str()) {
                copies.push((story.to_string(), duplicate));
            }
        }
        drop(story_of);
        let mut newest = None;
        for (doc, story) in batch.into_iter().zip(update.stories) {
            if closed.remove(&story) {
                reopened += 1;
            }
            let entry = open.entry(story).or_default();
            let when = published(&doc);
            entry.last = entry.last.max(when);
            newest = newest.max(when);
            entry.docs.push(doc);
        }
        for (story, duplicate) in copies {
            open.entry(story).or_default().duplicates.push(duplicate);
        }
        // Stories silent for a week are compared and dropped.
        if let Some(newest) = newest {
            let limit = newest - chrono::Duration::days(CLOSE_AFTER_DAYS);
            let done: Vec<String> = open
                .iter()
                .filter(|(_, o)| o.last.is_some_and(|l| l < limit))
                .map(|(id, _)| id.clone())
                .collect();
            for id in done {
                if let Some(story) = open.remove(&id) {
                    compared.story(&id, story, &registry);
                    closed.insert(id);
                }
            }
        }
    }
    let mut rest: Vec<(String, Open)> = open.drain().collect();
    rest.sort_by(|a, b| a.0.cmp(&b.0));
    for (id, story) in rest {
        compared.story(&id, story, &registry);
    }
    let state = tracker.to_bytes().len();
    let wall = wall.elapsed().as_secs_f64();
    let cpu = tracking + compared.seconds;
    println!(
        "{:>9} {:>7} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>9.0} {:>9.0} {:>9.1} {:>9.0} {:>8}",
        n,
        tracker.stories(),
        generating,
        tracking,
        compared.seconds,
        cpu,
        wall,
        n as f64 / cpu.max(1e-9),
        peak_mib(),
        state as f64 / (1024.0 * 1024.0),
        state as f64 / n.max(1) as f64,
        reopened
    );
    let parts: Vec<String> = tracker
        .state_sizes()
        .iter()
        .map(|(part, bytes)| format!("{part} {:.0} B", *bytes as f64 / n.max(1) as f64))
        .collect();
    eprintln!(
        "{n}: {} stories compared: {} facts, {} contradictions, {} framings; {} entities; \
         state per article: {}",
        compared.stories,
        compared.facts,
        compared.contradictions,
        compared.framings,
        registry.len(),
        parts.join(", ")
    );
    ExitCode::SUCCESS
}

/// Publication date and time of a document.
fn published(doc: &Doc) -> Option<NaiveDateTime> {
    doc.article
        .published
        .as_ref()
        .map(|p| p.date.and_time(p.time.unwrap_or_default()))
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
}

impl Topic {
    /// Topic `k`, the same whenever it is asked for.
    fn new(k: usize) -> Topic {
        let mut rng = Rng(0x7091c ^ (k as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        Topic {
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
        }
    }
}

/// The generated documents, made one at a time in publication order: document `i` of `n` is
/// published at `i / n` of [`SPAN_DAYS`], about one of the topics started in the last
/// [`STORY_DAYS`] (topics start evenly over the span, about 25 documents each); about one in
/// twenty is a near copy of the latest document of its topic.
struct Stream {
    n: usize,
    rng: Rng,
    general: Vec<String>,
    outlets: Vec<String>,
    topics: usize,
    /// Seconds between topic starts.
    spacing: f64,
    /// Seconds a topic gets coverage.
    window: f64,
    /// Topics with coverage, and the latest document of each.
    active: HashMap<usize, (Topic, Option<Doc>)>,
    base: NaiveDateTime,
}

impl Stream {
    fn new(n: usize, one_story: bool) -> Self {
        let mut rng = Rng(0x5eed ^ n as u64);
        let general: Vec<String> = (0..4000).map(|i| word(&mut rng, 2 + i % 2)).collect();
        let outlets: Vec<String> = (0..300)
            .map(|_| format!("The {} {}", capitalised(&word(&mut rng, 2)), "Courier"))
            .collect();
        let topics = if one_story { 1 } else { (n / 25).max(1) };
        let span = (SPAN_DAYS * 86_400) as f64;
        let spacing = span / topics as f64;
        let base = NaiveDate::from_ymd_opt(2024, 1, 1)
            .unwrap_or_default()
            .and_time(NaiveTime::MIN);
        Stream {
            n,
            rng,
            general,
            outlets,
            topics,
            spacing,
            window: if one_story {
                span
            } else {
                ((STORY_DAYS * 86_400) as f64).max(spacing)
            },
            active: HashMap::new(),
            base,
        }
    }

    /// Document `i`.
    fn next(&mut self, i: usize) -> Doc {
        let second = (SPAN_DAYS * 86_400) as f64 * i as f64 / self.n.max(1) as f64;
        let at = self.base + chrono::Duration::seconds(second as i64);
        // Topics started within the window; story sizes vary: a few get much of the coverage.
        let last = ((second / self.spacing) as usize).min(self.topics - 1);
        let first = (((second - self.window) / self.spacing).ceil().max(0.0) as usize).min(last);
        self.active.retain(|&k, _| k >= first);
        let span = last - first + 1;
        let t = {
            let a = self.rng.below(span);
            let b = self.rng.below(span);
            last - if self.rng.below(3) == 0 { a.min(b) } else { a }
        };
        let copy = self.rng.below(20) == 0;
        let (topic, latest) = self
            .active
            .entry(t)
            .or_insert_with(|| (Topic::new(t), None));
        let doc = match latest.as_ref().filter(|_| copy) {
            Some(original) => copy_of(&mut self.rng, &self.outlets, i, original, at),
            None => article(&mut self.rng, &self.general, &self.outlets, topic, i, at),
        };
        *latest = Some(doc.clone());
        doc
    }
}

/// A new article about `topic`, published at `at`.
fn article(
    rng: &mut Rng,
    general: &[String],
    outlets: &[String],
    topic: &Topic,
    i: usize,
    at: NaiveDateTime,
) -> Doc {
    let mut text = String::new();
    let mut sentences = Vec::new();
    let mut mentions = Vec::new();
    let mut quotes = Vec::new();
    let outlet = rng.pick(outlets).cloned().unwrap_or_default();
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
                        rng.pick(general)
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
                    source_span: None,
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
                        rng.pick(general)
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
                rng.pick(general)
            }
        })
        .map(String::as_str)
        .collect();
    let mut article = Article::from_paragraphs(format!("gen/{i}.txt"), [text.as_str()]);
    article.id = format!("g{i}");
    article.title = Some(capitalised(&title.join(" ")));
    article.outlet = Some(outlet);
    article.published = Some(Published {
        date: at.date(),
        time: Some(at.time()),
        precision: Precision::Time,
    });
    let mut doc = Doc::new(article);
    doc.sentences = sentences;
    doc.mentions = mentions;
    doc.quotes = quotes;
    doc
}

/// A republication of `original` by another outlet at `at`, with its last sentence cut.
fn copy_of(rng: &mut Rng, outlets: &[String], i: usize, original: &Doc, at: NaiveDateTime) -> Doc {
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
    doc.article.outlet = rng.pick(outlets).cloned();
    doc.article.published = Some(Published {
        date: at.date(),
        time: Some(at.time()),
        precision: Precision::Time,
    });
    doc
}
