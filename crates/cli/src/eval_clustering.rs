//! `dragoman eval clustering`: story clustering measured against a headline file in the layout
//! of the UCI News Aggregator data set (`ID,TITLE,URL,PUBLISHER,STORY,TIMESTAMP`, timestamps
//! in milliseconds since the Unix epoch).
//!
//! Every row becomes a title-only article that goes through the same path as
//! `dragoman analyze` (annotation, then the cross-article stages); the stories found are
//! scored against the `STORY` column with B-cubed and pairwise precision, recall and F1.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use chrono::DateTime;
use clap::Args;

use dragoman_model::{Article, Precision, Published, Report};
use dragoman_story::cluster::{bcubed, pairwise};

use crate::analyze::EngineArgs;

/// Options of `dragoman eval clustering`.
#[derive(Debug, Args)]
pub struct EvalClusteringArgs {
    /// A CSV file with the header `ID,TITLE,URL,PUBLISHER,STORY,TIMESTAMP`.
    #[arg(value_name = "FILE.csv")]
    file: PathBuf,
    #[command(flatten)]
    engine: EngineArgs,
}

/// One headline with its gold story.
#[derive(Debug, PartialEq)]
struct Row {
    article: Article,
    story: String,
}

/// The headlines read from a file and the lines that could not be used.
#[derive(Debug, Default)]
struct Headlines {
    rows: Vec<Row>,
    /// One message per malformed line, naming the file and the line.
    problems: Vec<String>,
}

/// The figures of one evaluation.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Scores {
    articles: usize,
    gold_stories: usize,
    predicted_stories: usize,
    bcubed: (f64, f64, f64),
    pairwise: (f64, f64, f64),
}

/// Runs the command: exit code 0, or 1 when some lines were malformed.
pub fn run(args: EvalClusteringArgs) -> anyhow::Result<ExitCode> {
    let data = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let headlines = read_headlines(&args.file, &data);
    for problem in &headlines.problems {
        eprintln!("{problem}");
    }
    if headlines.rows.is_empty() {
        anyhow::bail!("no usable headline in {}", args.file.display());
    }
    let engine = args.engine.load()?;
    let (articles, gold): (Vec<Article>, Vec<String>) = headlines
        .rows
        .into_iter()
        .map(|row| (row.article, row.story))
        .unzip();
    let ids: Vec<String> = articles.iter().map(|a| a.id.clone()).collect();

    let start = Instant::now();
    let docs = engine.annotate(articles, &|| {});
    let annotated = Instant::now();
    let report = engine.report(docs, Vec::new());
    let done = Instant::now();

    let scores = score(&ids, &gold, &report);
    let total = done.duration_since(start).as_secs_f64();
    let cross = done.duration_since(annotated).as_secs_f64();
    println!(
        "{}: {} headlines, {} gold stories, {} predicted stories",
        args.file.display(),
        scores.articles,
        scores.gold_stories,
        scores.predicted_stories
    );
    let (p, r, f) = scores.bcubed;
    println!("B-cubed   precision {p:.3}  recall {r:.3}  F1 {f:.3}");
    let (p, r, f) = scores.pairwise;
    println!("pairwise  precision {p:.3}  recall {r:.3}  F1 {f:.3}");
    println!(
        "speed     {:.0} articles/s (annotate + report, {:.2} s; cross-article stages {:.2} s)",
        per_second(scores.articles, total),
        total,
        cross
    );
    Ok(if headlines.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn per_second(count: usize, seconds: f64) -> f64 {
    if seconds > 0.0 {
        count as f64 / seconds
    } else {
        0.0
    }
}

/// Scores the report's stories against the gold story of each article id.
fn score(ids: &[String], gold: &[String], report: &Report) -> Scores {
    let mut story_of: HashMap<&str, &str> = HashMap::new();
    for story in &report.stories {
        for article in &story.articles {
            story_of.insert(article.as_str(), story.id.as_str());
        }
    }
    // An article the report left out of every story counts as a story of its own.
    let predicted: Vec<String> = ids
        .iter()
        .map(|id| match story_of.get(id.as_str()) {
            Some(story) => (*story).to_string(),
            None => format!("\u{1}{id}"),
        })
        .collect();
    Scores {
        articles: ids.len(),
        gold_stories: gold.iter().collect::<HashSet<_>>().len(),
        predicted_stories: predicted.iter().collect::<HashSet<_>>().len(),
        bcubed: bcubed(gold, &predicted),
        pairwise: pairwise(gold, &predicted),
    }
}

/// Reads the CSV rows; a malformed row is named (file and line) and skipped.
fn read_headlines(path: &Path, data: &[u8]) -> Headlines {
    let mut headlines = Headlines::default();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(data);
    let columns = match reader.headers() {
        Ok(header) => Columns::of(header),
        Err(error) => Err(error.to_string()),
    };
    let columns = match columns {
        Ok(columns) => columns,
        Err(message) => {
            headlines
                .problems
                .push(format!("{}:1: {message}", path.display()));
            return headlines;
        }
    };
    let mut seen: HashSet<String> = HashSet::new();
    for record in reader.records() {
        let row = record
            .map_err(|e| (line_of_error(&e), e.to_string()))
            .and_then(|record| {
                let line = record.position().map_or(0, |p| p.line());
                columns
                    .row(path, &record)
                    .map_err(|message| (line, message))
                    .and_then(|row| {
                        if seen.insert(row.article.id.clone()) {
                            Ok(row)
                        } else {
                            Err((line, format!("ID {} repeated", row.article.id)))
                        }
                    })
            });
        match row {
            Ok(row) => headlines.rows.push(row),
            Err((line, message)) => headlines
                .problems
                .push(format!("{}:{line}: skipped: {message}", path.display())),
        }
    }
    headlines
}

fn line_of_error(error: &csv::Error) -> u64 {
    error.position().map_or(0, |p| p.line())
}

/// Where each needed column is in the header.
struct Columns {
    id: usize,
    title: usize,
    url: usize,
    publisher: usize,
    story: usize,
    timestamp: usize,
}

impl Columns {
    fn of(header: &csv::StringRecord) -> Result<Columns, String> {
        let find = |name: &str| {
            header
                .iter()
                .position(|h| h.trim_start_matches('\u{feff}').eq_ignore_ascii_case(name))
                .ok_or_else(|| format!("the header has no {name} column"))
        };
        Ok(Columns {
            id: find("ID")?,
            title: find("TITLE")?,
            url: find("URL")?,
            publisher: find("PUBLISHER")?,
            story: find("STORY")?,
            timestamp: find("TIMESTAMP")?,
        })
    }

    /// The title-only article of one record, with its gold story.
    fn row(&self, path: &Path, record: &csv::StringRecord) -> Result<Row, String> {
        let field = |at: usize, name: &str| {
            record
                .get(at)
                .ok_or_else(|| format!("{} fields, no {name}", record.len()))
        };
        let id = field(self.id, "ID")?;
        let title = field(self.title, "TITLE")?;
        let story = field(self.story, "STORY")?;
        if id.is_empty() || title.is_empty() || story.is_empty() {
            return Err("empty ID, TITLE or STORY".to_string());
        }
        let stamp = field(self.timestamp, "TIMESTAMP")?;
        let published = stamp
            .parse::<i64>()
            .ok()
            .and_then(DateTime::from_timestamp_millis)
            .map(|t| t.naive_utc())
            .ok_or_else(|| format!("TIMESTAMP {stamp:?} is not milliseconds since 1970"))?;
        let url = field(self.url, "URL")?;
        let publisher = field(self.publisher, "PUBLISHER")?;
        let line = record.position().map_or(0, |p| p.line());
        let mut article = Article::from_paragraphs(format!("{}:{line}", path.display()), [title]);
        article.id = id.to_string();
        article.title = Some(title.to_string());
        article.outlet = (!publisher.is_empty()).then(|| publisher.to_string());
        article.url = (!url.is_empty()).then(|| url.to_string());
        article.published = Some(Published {
            date: published.date(),
            time: Some(published.time()),
            precision: Precision::Time,
        });
        Ok(Row {
            article,
            story: story.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dragoman_model::Story;

    const CSV: &str = "ID,TITLE,URL,PUBLISHER,STORY,TIMESTAMP\n\
        7,\"Harbour crane collapses, two hurt\",http://a.example/1,Coast Daily,c1,1400000000000\n\
        8,Missing fields\n\
        9,Crane inquiry opens,http://b.example/2,Port Herald,c1,yesterday\n\
        10,\"Inquiry into crane, \"\"urgent\"\"\",,Port Herald,c1,1400000060000\n\
        7,Repeated id,http://c.example/3,Coast Daily,c2,1400000000000\n";

    #[test]
    fn rows_become_title_only_articles_and_bad_lines_are_named() {
        let headlines = read_headlines(Path::new("h.csv"), CSV.as_bytes());
        assert_eq!(headlines.rows.len(), 2);
        let first = &headlines.rows[0].article;
        assert_eq!(first.id, "7");
        assert_eq!(first.text, "Harbour crane collapses, two hurt");
        assert_eq!(first.title.as_deref(), Some(first.text.as_str()));
        assert_eq!(first.outlet.as_deref(), Some("Coast Daily"));
        assert_eq!(first.url.as_deref(), Some("http://a.example/1"));
        let published = first.published.as_ref().unwrap();
        assert_eq!(published.date.to_string(), "2014-05-13");
        assert_eq!(
            published.time.map(|t| t.to_string()).as_deref(),
            Some("16:53:20")
        );
        assert_eq!(
            headlines.rows[1].article.text,
            "Inquiry into crane, \"urgent\""
        );
        assert_eq!(headlines.rows[1].article.url, None);
        assert_eq!(headlines.problems.len(), 3, "{:?}", headlines.problems);
        assert!(headlines.problems[0].starts_with("h.csv:3: skipped"));
        assert!(headlines.problems[1].starts_with("h.csv:4: skipped: TIMESTAMP"));
        assert!(headlines.problems[2].starts_with("h.csv:6: skipped: ID 7 repeated"));
    }

    #[test]
    fn a_header_without_the_story_column_is_one_problem() {
        let headlines = read_headlines(Path::new("h.csv"), b"ID,TITLE\n1,x\n");
        assert!(headlines.rows.is_empty());
        assert_eq!(
            headlines.problems,
            ["h.csv:1: the header has no URL column"]
        );
    }

    #[test]
    fn unclustered_articles_count_as_singletons() {
        let ids: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let gold: Vec<String> = ["x", "x", "y"].map(String::from).to_vec();
        let report = Report {
            stories: vec![Story {
                id: "s1".into(),
                title: String::new(),
                articles: vec!["a".into(), "b".into()],
                outlets: vec![],
                entities: vec![],
            }],
            ..Report::default()
        };
        let scores = score(&ids, &gold, &report);
        assert_eq!(scores.bcubed, (1.0, 1.0, 1.0));
        assert_eq!(scores.predicted_stories, 2);
        assert_eq!(scores.gold_stories, 2);
    }
}
