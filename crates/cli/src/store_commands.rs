//! `dragoman ingest`, `search`, `stories`, `story` and `entity`: add articles to the store and
//! read from it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::Args;

use dragoman_server::ingest::{DEFAULT_BATCH, ingest_articles, rebuild};
use dragoman_store::{EntityDetail, SearchHit, SearchQuery, SqliteStore, Store, StoryDetail};

use crate::analyze::{EngineArgs, Format, report_problems};

/// Options of `dragoman ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files and folders of articles (as for `analyze`).
    #[arg(required_unless_present = "rebuild", value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// First recompute the whole analysis from every stored doc (an ingest otherwise updates
    /// only the stories and entities its new articles touch).
    #[arg(long)]
    rebuild: bool,
    /// The store to add them to.
    #[arg(long, value_name = "FILE", default_value = "dragoman.db")]
    db: PathBuf,
    /// Articles annotated and committed together.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_BATCH)]
    batch: usize,
    #[command(flatten)]
    engine: EngineArgs,
    /// No progress and no summary on standard error (problems are still reported).
    #[arg(long, short)]
    quiet: bool,
}

/// Adds new articles to the store; exit code 0 when every input was read, 1 when some failed,
/// 2 when none could be read.
pub fn ingest(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let engine = args.engine.load()?;
    let cannot_update = || format!("cannot update the store {}", args.db.display());
    let open = || {
        SqliteStore::open(&args.db)
            .with_context(|| format!("cannot open the store {}", args.db.display()))
    };
    if args.rebuild {
        let mut store = open()?;
        rebuild(&engine, &mut store).with_context(cannot_update)?;
        if !args.quiet {
            eprintln!(
                "dragoman: rebuilt the analysis of the {} article(s) in {}: {} stories and {} entities",
                store.article_count()?,
                args.db.display(),
                store.story_count()?,
                store.entity_count()?
            );
        }
        if args.paths.is_empty() {
            return Ok(ExitCode::SUCCESS);
        }
    }
    let batch = engine.read(&args.paths, &|_| {});
    if let Some(code) = report_problems(&batch) {
        return Ok(code);
    }
    let failed = batch.problems.iter().filter(|p| p.fatal).count();
    let read = batch.articles.len();
    let mut store = open()?;
    let mut stored = 0usize;
    let quiet = args.quiet;
    let summary = ingest_articles(
        &engine,
        &mut store,
        batch.articles,
        args.batch,
        &mut |ids| {
            stored += ids.len();
            if !quiet {
                eprintln!(
                    "dragoman: stored {} article(s), {stored} in this run",
                    ids.len()
                );
            }
        },
    )
    .with_context(cannot_update)?;
    if !args.quiet {
        if summary.rebuilt {
            eprintln!(
                "dragoman: the store's analysis was rebuilt once from its stored articles; later ingests update it incrementally"
            );
        }
        eprintln!(
            "dragoman: {read} article(s) from {} file(s): {} new, {} already stored, {failed} failed; the store {} now holds {} stories and {} entities",
            batch.files,
            summary.added,
            summary.known,
            args.db.display(),
            summary.stories,
            summary.entities
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The store option shared by the read commands.
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// The store to read.
    #[arg(long, value_name = "FILE", default_value = "dragoman.db")]
    db: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    format: Format,
}

fn open_existing(db: &Path) -> anyhow::Result<SqliteStore> {
    if !db.exists() {
        bail!(
            "no store at {}: add articles first with `dragoman ingest PATH --db {}`",
            db.display(),
            db.display()
        );
    }
    SqliteStore::open(db).with_context(|| format!("cannot open the store {}", db.display()))
}

fn print(text: &str) -> anyhow::Result<ExitCode> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other
            .context("cannot write the output")
            .map(|()| ExitCode::SUCCESS),
    }
}

fn json<T: serde::Serialize>(value: &T) -> anyhow::Result<ExitCode> {
    let mut text = serde_json::to_string_pretty(value).context("cannot write JSON")?;
    text.push('\n');
    print(&text)
}

/// Options of `dragoman search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to find: all must match; "quoted phrases", prefix*, OR between words.
    #[arg(value_name = "QUERY", default_value = "")]
    query: String,
    /// Only articles of this outlet.
    #[arg(long)]
    outlet: Option<String>,
    /// Only articles that mention this entity (id, name or alias).
    #[arg(long)]
    entity: Option<String>,
    /// Only articles published on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    since: Option<NaiveDate>,
    /// Only articles published on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    until: Option<NaiveDate>,
    /// Most results.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[command(flatten)]
    read: ReadArgs,
}

fn hit_markdown(n: usize, hit: &SearchHit) -> String {
    let snippet: String = hit
        .snippet_parts()
        .into_iter()
        .map(|(text, matched)| {
            let text = text.replace('\n', " ");
            if matched { format!("**{text}**") } else { text }
        })
        .collect();
    format!(
        "{n}. **{}** — {}, {} (`{}`)\n   {}\n",
        hit.title.as_deref().unwrap_or("Untitled"),
        hit.outlet.as_deref().unwrap_or("unknown outlet"),
        hit.published.as_deref().unwrap_or("undated"),
        hit.article,
        snippet.trim()
    )
}

/// Full-text search over the stored articles; exit code 1 when nothing matches.
pub fn search(args: SearchArgs) -> anyhow::Result<ExitCode> {
    if args.query.trim().is_empty()
        && args.outlet.is_none()
        && args.entity.is_none()
        && args.since.is_none()
        && args.until.is_none()
    {
        bail!("give words to search for, or a filter (--outlet, --entity, --since, --until)");
    }
    let store = open_existing(&args.read.db)?;
    let hits = store.search(&SearchQuery {
        text: args.query.clone(),
        outlet: args.outlet.clone(),
        entity: args.entity.clone(),
        since: args.since,
        until: args.until,
        limit: args.limit,
    })?;
    if hits.is_empty() {
        eprintln!("dragoman: no article matches");
    }
    let code = match args.read.format {
        Format::Json => json(&hits)?,
        Format::Markdown => {
            let text: String = hits
                .iter()
                .enumerate()
                .map(|(i, h)| hit_markdown(i + 1, h))
                .collect();
            print(&text)?
        }
    };
    Ok(if hits.is_empty() {
        ExitCode::from(1)
    } else {
        code
    })
}

/// Options of `dragoman stories`.
#[derive(Debug, Args)]
pub struct StoriesArgs {
    /// Most stories to list.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    #[command(flatten)]
    read: ReadArgs,
}

/// Lists the stored stories, newest activity first.
pub fn stories(args: StoriesArgs) -> anyhow::Result<ExitCode> {
    let store = open_existing(&args.read.db)?;
    let stories = store.stories(args.limit, 0)?;
    match args.read.format {
        Format::Json => json(&stories),
        Format::Markdown => {
            let mut text = String::from("# Stories\n\n");
            if stories.is_empty() {
                text.push_str("No stories yet.\n");
            }
            for s in &stories {
                text.push_str(&format!(
                    "- **{}** (`{}`) — {} article(s), latest {}; {}\n",
                    s.title,
                    s.id,
                    s.article_count,
                    s.latest.as_deref().unwrap_or("undated"),
                    s.outlets.join(", ")
                ));
            }
            print(&text)
        }
    }
}

/// Options of `dragoman story`.
#[derive(Debug, Args)]
pub struct StoryArgs {
    /// The story's id (as `dragoman stories` lists them).
    id: String,
    #[command(flatten)]
    read: ReadArgs,
}

fn source_ref(source: &dragoman_model::Source) -> String {
    format!("`{}@{}-{}`", source.article, source.start, source.end)
}

fn story_markdown(d: &StoryDetail) -> String {
    let mut t = format!("# {}\n\n", d.story.title);
    t.push_str(&format!(
        "Story `{}` · {} article(s) · outlets: {}\n\n## Sources\n\n",
        d.story.id,
        d.articles.len(),
        d.story.outlets.join(", ")
    ));
    for a in &d.articles {
        t.push_str(&format!(
            "- {} — {}, {} (`{}`)\n",
            a.title.as_deref().unwrap_or("Untitled"),
            a.outlet.as_deref().unwrap_or("unknown outlet"),
            a.published.as_deref().unwrap_or("undated"),
            a.id
        ));
    }
    if !d.contradictions.is_empty() {
        t.push_str("\n## Contradictions\n\n");
        for c in &d.contradictions {
            t.push_str(&format!("- **{} · {}**\n", c.subject, c.attribute));
            for v in &c.values {
                t.push_str(&format!(
                    "  - {} — {}: “{}” {}\n",
                    v.value,
                    v.outlets.join(", "),
                    v.text,
                    v.sources.first().map(source_ref).unwrap_or_default()
                ));
            }
        }
    }
    if !d.facts.is_empty() {
        t.push_str("\n## Facts\n\n");
        for f in &d.facts {
            t.push_str(&format!(
                "- {} · {}: **{}** — {}\n",
                f.subject,
                f.attribute,
                f.value,
                f.outlets.join(", ")
            ));
        }
    }
    if !d.positions.is_empty() {
        t.push_str("\n## Positions\n\n");
        for p in &d.positions {
            t.push_str(&format!(
                "- {} {:?} ({}) — {}\n",
                p.actor_name, p.stance, p.issue, p.text
            ));
        }
    }
    if !d.events.is_empty() {
        t.push_str("\n## Events\n\n");
        for e in &d.events {
            t.push_str(&format!(
                "- {} · {:?} · {} ({:?})\n",
                e.date
                    .as_ref()
                    .and_then(|d| d.value.as_deref())
                    .unwrap_or("undated"),
                e.kind,
                e.summary,
                e.status
            ));
        }
    }
    if !d.quotes.is_empty() {
        t.push_str("\n## Quotes\n\n");
        for q in &d.quotes {
            t.push_str(&format!(
                "- **{}**: “{}”\n",
                q.speaker_name.as_deref().unwrap_or("Unattributed"),
                q.text
            ));
        }
    }
    t
}

/// Prints one story with everything that belongs to it.
pub fn story(args: StoryArgs) -> anyhow::Result<ExitCode> {
    let store = open_existing(&args.read.db)?;
    let Some(detail) = store.story(&args.id)? else {
        bail!("no story `{}`: `dragoman stories` lists them", args.id);
    };
    match args.read.format {
        Format::Json => json(&detail),
        Format::Markdown => print(&story_markdown(&detail)),
    }
}

/// Options of `dragoman entity`.
#[derive(Debug, Args)]
pub struct EntityArgs {
    /// The entity's id, name or one of its aliases.
    name: String,
    #[command(flatten)]
    read: ReadArgs,
}

fn entity_markdown(d: &EntityDetail) -> String {
    let e = &d.entity;
    let mut t = format!(
        "# {}\n\n`{}` · {:?} · {} mention(s) in {} article(s)\n",
        e.name, e.id, e.kind, e.mentions, e.article_count
    );
    if let Some(parent) = &d.parent {
        t.push_str(&format!("Part of: {} (`{}`)\n", parent.name, parent.id));
    }
    if !e.aliases.is_empty() {
        t.push_str(&format!("Also called: {}\n", e.aliases.join(", ")));
    }
    if !e.roles.is_empty() {
        t.push_str(&format!("Roles: {}\n", e.roles.join("; ")));
    }
    if !d.mentions_per_day.is_empty() {
        t.push_str("\n## Mentions per day\n\n");
        for day in &d.mentions_per_day {
            t.push_str(&format!("- {}: {}\n", day.day, day.mentions));
        }
    }
    if !d.positions.is_empty() {
        t.push_str("\n## Positions\n\n");
        for p in &d.positions {
            t.push_str(&format!("- {:?} ({}) — {}\n", p.stance, p.issue, p.text));
        }
    }
    if !d.quotes.is_empty() {
        t.push_str("\n## Quotes\n\n");
        for q in &d.quotes {
            t.push_str(&format!("- “{}”\n", q.text));
        }
    }
    if !d.stories.is_empty() {
        t.push_str("\n## Stories\n\n");
        for s in &d.stories {
            t.push_str(&format!("- {} (`{}`)\n", s.title, s.id));
        }
    }
    t
}

/// Prints one entity, found by id, name or alias.
pub fn entity(args: EntityArgs) -> anyhow::Result<ExitCode> {
    let store = open_existing(&args.read.db)?;
    let Some(found) = store.find_entity(&args.name)? else {
        bail!("no entity named `{}` in the store", args.name);
    };
    let Some(detail) = store.entity_detail(&found.id)? else {
        bail!("no entity named `{}` in the store", args.name);
    };
    match args.read.format {
        Format::Json => json(&detail),
        Format::Markdown => print(&entity_markdown(&detail)),
    }
}
