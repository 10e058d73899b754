//! The read queries behind the story list, story and entity pages and search.

use std::collections::BTreeMap;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use crate::views::{
    ArticleSummary, DayCount, EntityDetail, EntitySummary, SearchHit, SearchQuery, StoryAnswer,
    StoryDetail, StorySummary, StoryTotals,
};
use crate::{
    SqliteStore, Store, StoreError, TIMELINE, from_json, fts, json_by_key, json_rows, to_i64,
};

/// Hits returned when a query sets no limit.
const DEFAULT_LIMIT: usize = 50;
/// Longest list of articles or stories an entity page shows.
const ENTITY_LIST: i64 = 50;

const ARTICLE_COLUMNS: &str = "a.id, a.title, a.outlet, a.published,
    json_extract(a.json, '$.url'), a.origin, a.text,
    a.published IS NOT NULL AND json_extract(a.json, '$.dateline_day') IS NOT NULL";

fn article_summary(r: &Row<'_>) -> rusqlite::Result<ArticleSummary> {
    let text: String = r.get(6)?;
    Ok(ArticleSummary {
        id: r.get(0)?,
        title: r.get(1)?,
        outlet: r.get(2)?,
        published: r.get(3)?,
        year_inferred: r.get(7)?,
        url: r.get(4)?,
        origin: r.get(5)?,
        words: text.split_whitespace().count(),
    })
}

fn to_usize(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

/// The items of `story` in `table`, in story order; the first `cap` only, when given.
fn items_of_story<T: serde::de::DeserializeOwned>(
    conn: &Connection,
    table: &str,
    story: &str,
    kind: &'static str,
    cap: Option<usize>,
) -> Result<Vec<T>, StoreError> {
    let order = if table == "events" { TIMELINE } else { "rowid" };
    // A negative LIMIT is no limit.
    let limit = cap.map_or(-1, to_i64);
    json_rows(
        conn,
        &format!("SELECT json FROM {table} WHERE key = ?1 ORDER BY {order} LIMIT ?2"),
        params![story, limit],
        kind,
    )
}

/// How many items of `story` `table` holds.
fn count_of_story(conn: &Connection, table: &str, story: &str) -> Result<usize, StoreError> {
    let n: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM {table} WHERE key = ?1"))?
        .query_row([story], |r| r.get(0))?;
    Ok(to_usize(n))
}

/// A stored entity's summary.
pub(crate) fn entity_summary(
    conn: &Connection,
    id: &str,
) -> Result<Option<EntitySummary>, StoreError> {
    json_by_key(
        conn,
        "SELECT json FROM entity_index WHERE entity = ?1",
        id,
        "entity summary",
    )
}

/// One story with everything that belongs to it, read through `conn` (the store's connection
/// or the transaction saving an analysis).
pub(crate) fn story_detail(conn: &Connection, id: &str) -> Result<Option<StoryDetail>, StoreError> {
    read_story(conn, id, None)
}

/// One story's API answer, [`StoryAnswer::of`] its detail, reading only the first `cap` items
/// of each long list and counting the rest.
pub(crate) fn story_answer(
    conn: &Connection,
    id: &str,
    cap: usize,
) -> Result<Option<StoryAnswer>, StoreError> {
    let Some(detail) = read_story(conn, id, Some(cap))? else {
        return Ok(None);
    };
    let totals = StoryTotals {
        articles: detail.story.articles.len(),
        entities: detail.entities.len(),
        quotes: count_of_story(conn, "quotes", id)?,
        positions: count_of_story(conn, "positions", id)?,
        events: count_of_story(conn, "events", id)?,
        facts: count_of_story(conn, "facts", id)?,
        contradictions: count_of_story(conn, "contradictions", id)?,
        framing: count_of_story(conn, "framing", id)?,
    };
    Ok(Some(StoryAnswer::cut(detail, totals, cap)))
}

/// One story with everything that belongs to it; with `cap`, its article summaries and item
/// lists hold their first `cap` entries only.
fn read_story(
    conn: &Connection,
    id: &str,
    cap: Option<usize>,
) -> Result<Option<StoryDetail>, StoreError> {
    let Some(story) = json_by_key::<dragoman_model::Story>(
        conn,
        "SELECT json FROM stories WHERE key = ?1",
        id,
        "story",
    )?
    else {
        return Ok(None);
    };
    let latest: Option<String> = conn
        .prepare_cached("SELECT latest FROM story_index WHERE story = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .flatten();
    let mut articles = Vec::with_capacity(story.articles.len());
    {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?1"
        ))?;
        for article in &story.articles {
            if cap.is_some_and(|cap| articles.len() >= cap) {
                break;
            }
            if let Some(summary) = stmt.query_row([article], article_summary).optional()? {
                articles.push(summary);
            }
        }
    }
    let mut entities = Vec::with_capacity(story.entities.len());
    for entity in &story.entities {
        if let Some(summary) = entity_summary(conn, entity)? {
            entities.push(summary);
        }
    }
    Ok(Some(StoryDetail {
        latest,
        articles,
        entities,
        quotes: items_of_story(conn, "quotes", id, "quote", cap)?,
        positions: items_of_story(conn, "positions", id, "position", cap)?,
        events: items_of_story(conn, "events", id, "event", cap)?,
        facts: items_of_story(conn, "facts", id, "fact", cap)?,
        contradictions: items_of_story(conn, "contradictions", id, "contradiction", cap)?,
        framing: items_of_story(conn, "framing", id, "framing", cap)?,
        story,
    }))
}

impl SqliteStore {
    /// Story summaries from a query selecting the `story_index` columns in table order.
    pub(crate) fn story_summaries(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<StorySummary>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params, |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        let mut stories = Vec::new();
        for row in rows {
            let (id, title, first, latest, count, outlets) = row?;
            stories.push(StorySummary {
                id,
                title,
                first,
                latest,
                article_count: to_usize(count),
                outlets: from_json("story outlets", &outlets)?,
            });
        }
        Ok(stories)
    }

    pub(crate) fn entity_detail_of(&self, id: &str) -> Result<Option<EntityDetail>, StoreError> {
        let Some(entity) = self.entity_summary(id)? else {
            return Ok(None);
        };
        let parent = match &entity.parent {
            Some(parent) => self.entity_summary(parent)?,
            None => None,
        };
        let mut per_day = Vec::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT a.published, sum(m.count), count(*) FROM entity_mentions m
                   JOIN articles a ON a.id = m.article
                  WHERE m.entity = ?1 AND a.published IS NOT NULL
                  GROUP BY a.published ORDER BY a.published",
            )?;
            let rows = stmt.query_map([id], |r| {
                Ok(DayCount {
                    day: r.get(0)?,
                    mentions: to_usize(r.get(1)?),
                    articles: to_usize(r.get(2)?),
                })
            })?;
            for row in rows {
                per_day.push(row?);
            }
        }
        let stories = self.story_summaries(
            "SELECT s.story, s.title, s.first, s.latest, s.article_count, s.outlets
               FROM story_index s
              WHERE s.story IN (SELECT sa.story FROM story_articles sa
                                  JOIN entity_mentions m ON m.article = sa.article
                                 WHERE m.entity = ?1)
              ORDER BY s.latest IS NULL, s.latest DESC, s.position LIMIT ?2",
            params![id, ENTITY_LIST],
        )?;
        let articles = {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {ARTICLE_COLUMNS} FROM entity_mentions m JOIN articles a ON a.id = m.article
                  WHERE m.entity = ?1 ORDER BY a.published IS NULL, a.published DESC LIMIT ?2"
            ))?;
            stmt.query_map(params![id, ENTITY_LIST], article_summary)?
                .collect::<Result<Vec<_>, _>>()?
        };
        let quotes: Vec<dragoman_model::Quote> = self.json_rows(
            "SELECT json FROM quotes WHERE actor = ?1 ORDER BY rowid",
            [id],
            "quote",
        )?;
        let positions: Vec<dragoman_model::Position> = self.json_rows(
            "SELECT json FROM positions WHERE actor = ?1 ORDER BY rowid",
            [id],
            "position",
        )?;
        let mut sources = BTreeMap::new();
        {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?1"
            ))?;
            let cited = quotes
                .iter()
                .flat_map(|q| &q.sources)
                .chain(positions.iter().flat_map(|p| &p.sources));
            for source in cited {
                if !sources.contains_key(&source.article)
                    && let Some(summary) = stmt
                        .query_row([&source.article], article_summary)
                        .optional()?
                {
                    sources.insert(source.article.clone(), summary);
                }
            }
        }
        Ok(Some(EntityDetail {
            parent,
            quotes,
            positions,
            sources,
            mentions_per_day: per_day,
            stories,
            articles,
            entity,
        }))
    }

    pub(crate) fn search_articles(
        &self,
        query: &SearchQuery,
    ) -> Result<Vec<SearchHit>, StoreError> {
        let limit = if query.limit == 0 {
            DEFAULT_LIMIT
        } else {
            query.limit
        };
        let mut filters = String::new();
        let mut values: Vec<Value> = Vec::new();
        let fts_query = fts::query(&query.text);
        if let Some(q) = &fts_query {
            values.push(Value::Text(q.clone()));
        }
        if let Some(outlet) = &query.outlet {
            filters.push_str(" AND lower(a.outlet) = lower(?)");
            values.push(Value::Text(outlet.trim().to_owned()));
        }
        if let Some(since) = query.since {
            filters.push_str(" AND a.published >= ?");
            values.push(Value::Text(since.to_string()));
        }
        if let Some(until) = query.until {
            filters.push_str(" AND a.published <= ?");
            values.push(Value::Text(until.to_string()));
        }
        if let Some(name) = &query.entity {
            let Some(entity) = self.find_entity(name)? else {
                return Ok(Vec::new());
            };
            filters.push_str(" AND a.id IN (SELECT article FROM entity_mentions WHERE entity = ?)");
            values.push(Value::Text(entity.id));
        }
        values.push(Value::Integer(to_i64(limit)));
        let sql = if fts_query.is_some() {
            format!(
                "SELECT a.id, a.title, a.outlet, a.published,
                        snippet(articles_fts, 2, '{}', '{}', '…', 24)
                   FROM articles_fts JOIN articles a ON a.id = articles_fts.id
                  WHERE articles_fts MATCH ?{filters}
                  ORDER BY rank LIMIT ?",
                fts::OPEN,
                fts::CLOSE
            )
        } else if filters.is_empty() {
            return Ok(Vec::new());
        } else {
            format!(
                "SELECT a.id, a.title, a.outlet, a.published, substr(a.text, 1, 200)
                   FROM articles a WHERE 1 = 1{filters}
                  ORDER BY a.published IS NULL, a.published DESC LIMIT ?"
            )
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(values), |r| {
            let marked: String = r.get(4)?;
            let (snippet, highlights) = fts::highlights(&marked);
            Ok(SearchHit {
                article: r.get(0)?,
                title: r.get(1)?,
                outlet: r.get(2)?,
                published: r.get(3)?,
                snippet,
                highlights,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}
