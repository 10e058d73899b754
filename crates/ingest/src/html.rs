//! HTML pages: metadata (Open Graph, JSON-LD, `<time>`, canonical link, `<title>`) and the
//! main text, found by scoring containers on their paragraph text and link density.
//!
//! Every walk over the document tree is iterative (ego-tree's `traverse`), so pages nested
//! tens of thousands of levels deep cannot overflow the stack.

use std::collections::HashMap;
use std::sync::LazyLock;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use crate::{Draft, json, text};

/// Elements never holding article text.
const DROPPED_TAGS: [&str; 27] = [
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "figure",
    "figcaption",
    "noscript",
    "button",
    "iframe",
    "svg",
    "select",
    "textarea",
    "template",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "input",
    "label",
    "menu",
    "dialog",
    "head",
    "math",
];

/// Class or id words marking page furniture (matched per word, with common suffixes).
const FURNITURE_WORDS: [&str; 16] = [
    "nav",
    "navbar",
    "navigation",
    "menu",
    "share",
    "sharing",
    "social",
    "related",
    "comment",
    "cookie",
    "subscribe",
    "advert",
    "promo",
    "footer",
    "sidebar",
    "breadcrumb",
];

/// Suffixes a furniture word may carry inside one class word ("sharebar", "commentlist").
const FURNITURE_SUFFIXES: [&str; 16] = [
    "",
    "s",
    "bar",
    "box",
    "list",
    "links",
    "wrapper",
    "wrap",
    "container",
    "section",
    "block",
    "area",
    "button",
    "buttons",
    "widget",
    "tools",
];

/// What an element that holds text directly is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `p`, `pre`.
    Paragraph,
    /// `h2`–`h4`.
    Heading,
    /// `h1`, `h5`, `h6`: counted, not output (h1 is the title).
    Minor,
    /// `li`.
    Item,
    /// `blockquote`.
    Quote,
    /// Text directly inside a `div`, `section`, `td`…
    Loose,
}

fn block_kind(tag: &str) -> Option<Kind> {
    Some(match tag {
        "p" | "pre" => Kind::Paragraph,
        "h2" | "h3" | "h4" => Kind::Heading,
        "h1" | "h5" | "h6" => Kind::Minor,
        "li" | "dd" | "dt" => Kind::Item,
        "blockquote" => Kind::Quote,
        "div" | "section" | "article" | "main" | "td" | "th" | "body" | "center" | "address" => {
            Kind::Loose
        }
        _ => return None,
    })
}

/// One run of text from one block element.
#[derive(Debug, Clone)]
struct Block {
    text: String,
    link_chars: usize,
    kind: Kind,
    /// The block's parent and grandparent elements.
    parent: Option<NodeId>,
    grandparent: Option<NodeId>,
    /// Emission order.
    seq: usize,
}

/// Where an element's content lies in emission order, and how much text it holds.
#[derive(Debug, Clone, Copy, Default)]
struct Extent {
    first_seq: usize,
    end_seq: usize,
    chars_before: usize,
    chars_after: usize,
    links_before: usize,
    links_after: usize,
}

#[derive(Debug)]
struct Pending {
    node: NodeId,
    /// The block's position in the stack of open elements.
    depth: usize,
    kind: Kind,
    text: String,
    link_chars: usize,
}

/// True when the element's class or id names page furniture, or it is hidden.
fn is_furniture(element: &scraper::node::Element) -> bool {
    if matches!(element.name(), "html" | "body" | "main" | "article") {
        return false;
    }
    if element.attr("hidden").is_some()
        || element.attr("aria-hidden") == Some("true")
        || element.attr("style").is_some_and(|s| {
            let s: String = s.split_whitespace().collect::<String>().to_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
    {
        return true;
    }
    let names = element
        .classes()
        .chain(element.id())
        .flat_map(|name| name.split(|c: char| !c.is_ascii_alphanumeric()));
    for word in names {
        let word = word.to_ascii_lowercase();
        if matches!(
            word.as_str(),
            "ad" | "ads" | "advertisement" | "advertising"
        ) {
            return true;
        }
        let furniture = FURNITURE_WORDS.iter().any(|stem| {
            word.strip_prefix(stem)
                .is_some_and(|rest| FURNITURE_SUFFIXES.contains(&rest))
        });
        if furniture {
            return true;
        }
    }
    false
}

/// Collapses whitespace runs to one space.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Walks the document once, iteratively: emits text blocks and records element extents.
fn collect(document: &Html) -> (Vec<Block>, HashMap<NodeId, Extent>) {
    let mut blocks: Vec<Block> = Vec::new();
    let mut extents: HashMap<NodeId, Extent> = HashMap::new();
    let mut open: Vec<NodeId> = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    let mut skipping: Option<NodeId> = None;
    let mut in_link = 0usize;
    let mut chars = 0usize;
    let mut links = 0usize;

    let flush = |pending: &mut Pending, open: &[NodeId], blocks: &mut Vec<Block>| {
        let parts: Vec<String> = if pending.kind == Kind::Loose {
            pending.text.split('\n').map(squash).collect()
        } else {
            vec![squash(&pending.text)]
        };
        if pending.text.trim().is_empty() {
            pending.text.clear();
            pending.link_chars = 0;
            return;
        }
        let depth = Some(pending.depth);
        let parent = depth
            .and_then(|d| d.checked_sub(1))
            .and_then(|d| open.get(d))
            .copied();
        let grandparent = depth
            .and_then(|d| d.checked_sub(2))
            .and_then(|d| open.get(d))
            .copied();
        let share = parts.len().max(1);
        for part in parts.into_iter().filter(|p| !p.is_empty()) {
            blocks.push(Block {
                text: part,
                link_chars: pending.link_chars / share,
                kind: pending.kind,
                parent,
                grandparent,
                seq: blocks.len(),
            });
        }
        pending.text.clear();
        pending.link_chars = 0;
    };

    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(element) => {
                        let tag = element.name();
                        if DROPPED_TAGS.contains(&tag) || is_furniture(element) {
                            skipping = Some(node.id());
                            continue;
                        }
                        open.push(node.id());
                        extents.insert(
                            node.id(),
                            Extent {
                                first_seq: blocks.len(),
                                chars_before: chars,
                                links_before: links,
                                ..Extent::default()
                            },
                        );
                        if tag == "a" {
                            in_link += 1;
                        }
                        if tag == "br" {
                            if let Some(top) = pending.last_mut() {
                                top.text.push('\n');
                            }
                        } else if let Some(kind) = block_kind(tag) {
                            if let Some(top) = pending.last_mut() {
                                flush(top, &open, &mut blocks);
                            }
                            pending.push(Pending {
                                node: node.id(),
                                depth: open.len() - 1,
                                kind,
                                text: String::new(),
                                link_chars: 0,
                            });
                        }
                    }
                    Node::Text(text) => {
                        let count = text.chars().filter(|c| !c.is_whitespace()).count();
                        chars += count;
                        if in_link > 0 {
                            links += count;
                        }
                        if let Some(top) = pending.last_mut() {
                            top.text.push_str(text);
                            if in_link > 0 {
                                top.link_chars += count;
                            }
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_some() || !node.value().is_element() {
                    continue;
                }
                if pending.last().is_some_and(|p| p.node == node.id())
                    && let Some(mut done) = pending.pop()
                {
                    flush(&mut done, &open, &mut blocks);
                }
                if let Some(Node::Element(element)) = Some(node.value())
                    && element.name() == "a"
                {
                    in_link = in_link.saturating_sub(1);
                }
                if let Some(extent) = extents.get_mut(&node.id()) {
                    extent.end_seq = blocks.len();
                    extent.chars_after = chars;
                    extent.links_after = links;
                }
                if open.last() == Some(&node.id()) {
                    open.pop();
                }
            }
        }
    }
    (blocks, extents)
}

fn link_density(block: &Block) -> f64 {
    let total = block.text.chars().filter(|c| !c.is_whitespace()).count();
    if total == 0 {
        1.0
    } else {
        block.link_chars as f64 / total as f64
    }
}

/// True for a block of real text worth scoring: a paragraph-like element, long enough,
/// mostly not links.
fn is_scoring(block: &Block) -> bool {
    matches!(block.kind, Kind::Paragraph | Kind::Quote | Kind::Loose)
        && block.text.chars().count() >= 25
        && link_density(block) < 0.5
}

/// Scores containers: each paragraph adds (1 + commas + length bonus) to its parent and half
/// to its grandparent; a container's score is weighted by its text density (share of its text
/// in paragraphs) and lowered by its link density.
fn best_containers(
    document: &Html,
    blocks: &[Block],
    extents: &HashMap<NodeId, Extent>,
) -> Vec<NodeId> {
    let mut raw: HashMap<NodeId, f64> = HashMap::new();
    for block in blocks.iter().filter(|b| is_scoring(b)) {
        let length = block.text.chars().count() as f64;
        let commas = block.text.matches([',', '،', '，']).count() as f64;
        let score = 1.0 + commas.min(10.0) + (length / 100.0).min(3.0);
        if let Some(parent) = block.parent {
            *raw.entry(parent).or_default() += score;
        }
        if let Some(grandparent) = block.grandparent {
            *raw.entry(grandparent).or_default() += score / 2.0;
        }
    }
    let scored: Vec<(NodeId, f64)> = raw
        .into_iter()
        .map(|(id, score)| {
            let Some(extent) = extents.get(&id) else {
                return (id, 0.0);
            };
            let total = extent
                .chars_after
                .saturating_sub(extent.chars_before)
                .max(1) as f64;
            let link = extent.links_after.saturating_sub(extent.links_before) as f64 / total;
            let in_paragraphs: usize = blocks
                .get(extent.first_seq..extent.end_seq)
                .unwrap_or_default()
                .iter()
                .filter(|b| is_scoring(b))
                .map(|b| b.text.chars().filter(|c| !c.is_whitespace()).count())
                .sum();
            let density = (in_paragraphs as f64 / total).min(1.0);
            (id, score * (1.0 - link).max(0.0) * (0.5 + 0.5 * density))
        })
        .collect();
    let Some(&(best, best_score)) = scored
        .iter()
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
    else {
        return Vec::new();
    };
    // Siblings of the best container that score well too (an article split in two divs).
    let parent_of = |id: NodeId| {
        document
            .tree
            .get(id)
            .and_then(|n| n.parent())
            .map(|p| p.id())
    };
    let best_parent = parent_of(best);
    let mut chosen = vec![best];
    chosen.extend(
        scored
            .iter()
            .filter(|(id, score)| {
                *id != best && *score >= best_score * 0.3 && parent_of(*id) == best_parent
            })
            .map(|(id, _)| *id),
    );
    chosen
}

/// Paragraph texts of the chosen containers, in order, without furniture.
fn body_paragraphs(document: &Html) -> Vec<String> {
    let (blocks, extents) = collect(document);
    let containers = best_containers(document, &blocks, &extents);
    let inside = |block: &Block| {
        containers.iter().any(|id| {
            extents
                .get(id)
                .is_some_and(|e| (e.first_seq..e.end_seq).contains(&block.seq))
        })
    };
    let keep = |block: &Block| {
        block.kind != Kind::Minor
            && link_density(block) <= 0.5
            && !text::is_boilerplate(&block.text)
            && (block.kind != Kind::Loose
                || block.text.split_whitespace().count() >= 6
                || block.text.ends_with(['.', '!', '?', '"', '”', '»']))
    };
    let chosen: Vec<String> = if containers.is_empty() {
        blocks
            .iter()
            .filter(|b| keep(b))
            .map(|b| b.text.clone())
            .collect()
    } else {
        blocks
            .iter()
            .filter(|b| inside(b) && keep(b))
            .map(|b| b.text.clone())
            .collect()
    };
    chosen
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("constant selector is valid CSS")
}

static META: LazyLock<Selector> = LazyLock::new(|| selector("meta"));
static JSON_LD: LazyLock<Selector> =
    LazyLock::new(|| selector(r#"script[type="application/ld+json"]"#));
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| selector(r#"link[rel~="canonical"]"#));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| selector("h1"));

/// Page metadata gathered from `<meta>`, JSON-LD and friends.
#[derive(Debug, Default)]
struct Metadata {
    headline: Option<String>,
    published: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
    url: Option<String>,
}

/// `<meta property|name|itemprop=… content=…>` values, keys lower case.
fn meta_tags(document: &Html) -> HashMap<String, String> {
    let mut tags = HashMap::new();
    for element in document.select(&META) {
        let value = element.value();
        let Some(content) = value.attr("content").map(squash).filter(|c| !c.is_empty()) else {
            continue;
        };
        for key in ["property", "name", "itemprop"] {
            if let Some(name) = value.attr(key) {
                tags.entry(name.trim().to_ascii_lowercase())
                    .or_insert_with(|| content.clone());
            }
        }
    }
    tags
}

fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(squash(s)),
        Value::Object(object) => object.get("name").and_then(name_of),
        Value::Array(items) => items.iter().find_map(name_of),
        _ => None,
    }
}

/// Reads the first article-like JSON-LD object (one with a `headline`, or an `…Article` type),
/// walking `@graph`s and arrays iteratively.
fn json_ld(document: &Html) -> Metadata {
    let mut meta = Metadata::default();
    for script in document.select(&JSON_LD) {
        let raw: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<Value>(raw.trim()) else {
            continue;
        };
        let mut stack = vec![&value];
        while let Some(value) = stack.pop() {
            match value {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(object) => {
                    let typed = object.get("@type").is_some_and(|t| {
                        let types = match t {
                            Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
                            Value::String(s) => vec![s.as_str()],
                            _ => Vec::new(),
                        };
                        types
                            .iter()
                            .any(|t| t.ends_with("Article") || *t == "BlogPosting")
                    });
                    if typed || object.contains_key("headline") {
                        meta.headline = object.get("headline").and_then(name_of);
                        meta.published = object
                            .get("datePublished")
                            .or_else(|| object.get("dateCreated"))
                            .and_then(Value::as_str)
                            .map(str::to_owned);
                        meta.authors = match object.get("author") {
                            Some(Value::Array(items)) => items.iter().filter_map(name_of).collect(),
                            Some(other) => name_of(other).into_iter().collect(),
                            None => Vec::new(),
                        };
                        meta.publisher = object.get("publisher").and_then(name_of);
                        meta.url = object
                            .get("url")
                            .or_else(|| object.get("mainEntityOfPage").and_then(|m| m.get("@id")))
                            .and_then(Value::as_str)
                            .filter(|u| u.starts_with("http"))
                            .map(str::to_owned);
                        return meta;
                    }
                    if let Some(graph) = object.get("@graph") {
                        stack.push(graph);
                    }
                }
                _ => {}
            }
        }
    }
    meta
}

/// A page title without its " | Site" / " - Site" suffix.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let title = squash(title);
    for separator in [" | ", " - ", " – ", " — ", " :: ", " » ", " · "] {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            let is_site = site.is_some_and(|s| s.eq_ignore_ascii_case(tail.trim()));
            if is_site || (tail.chars().count() <= 40 && tail.len() <= head.len()) {
                return head.trim().to_owned();
            }
        }
    }
    title
}

fn first_text(document: &Html, selector: &Selector) -> Option<String> {
    document
        .select(selector)
        .map(|e: ElementRef| squash(&e.text().collect::<String>()))
        .find(|t| !t.is_empty())
}

/// Nesting deeper than this is flattened before parsing: html5ever's scope checks make deep
/// nesting quadratic, and no real article needs more.
const MAX_DEPTH: usize = 256;

/// Elements without content.
const VOID_TAGS: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag may be left out: not counted, so pages that omit them do not look deep.
const OPTIONAL_END_TAGS: [&str; 18] = [
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rp", "rt", "html", "head",
];

/// Elements whose content is raw text: a `<` inside them is not a tag.
const RAW_TEXT_TAGS: [&str; 8] = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Position of `needle` (ASCII, lower case) in `bytes` from `from` on, ignoring ASCII case.
fn find_ignore_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let rest = bytes.get(from..)?;
    rest.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|at| from + at)
}

/// The index just past the `>` closing a tag whose name ends at `from` (quotes respected).
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (offset, b) in bytes.iter().enumerate().skip(from) {
        match (quote, *b) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(*b),
            (None, b'>') => return offset + 1,
            _ => {}
        }
    }
    bytes.len()
}

/// Removes the tags (never the text) of elements nested deeper than [`MAX_DEPTH`], in one
/// linear scan. Pages within the limit come back unchanged.
fn limit_nesting(page: &str) -> std::borrow::Cow<'_, str> {
    let bytes = page.as_bytes();
    let mut depth = 0usize;
    let mut out: Option<String> = None;
    let mut copied = 0usize;
    let mut i = 0usize;
    while let Some(start) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|b| *b == b'<'))
        .map(|offset| i + offset)
    {
        let rest = bytes.get(start..).unwrap_or_default();
        if rest.starts_with(b"<!--") {
            i = find_ignore_case(bytes, start + 4, b"-->").map_or(bytes.len(), |at| at + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            i = tag_end(bytes, start + 1);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_len = bytes
            .get(name_start..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            i = start + 1;
            continue;
        }
        let name = page
            .get(name_start..name_start + name_len)
            .unwrap_or_default()
            .to_ascii_lowercase();
        let end = tag_end(bytes, name_start + name_len);
        let self_closing = end >= 2 && bytes.get(end - 2) == Some(&b'/');
        let counted = !self_closing
            && !VOID_TAGS.contains(&name.as_str())
            && !OPTIONAL_END_TAGS.contains(&name.as_str());
        let mut drop_tag = false;
        if counted {
            if closing {
                drop_tag = depth > MAX_DEPTH;
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                drop_tag = depth > MAX_DEPTH;
            }
        }
        if drop_tag {
            let kept = out.get_or_insert_with(|| String::with_capacity(page.len()));
            kept.push_str(page.get(copied..start).unwrap_or_default());
            kept.push(' ');
            copied = end;
        }
        i = end;
        if !closing && !self_closing && RAW_TEXT_TAGS.contains(&name.as_str()) {
            let close = format!("</{name}");
            i = find_ignore_case(bytes, end, close.as_bytes()).unwrap_or(bytes.len());
        }
    }
    match out {
        None => std::borrow::Cow::Borrowed(page),
        Some(mut kept) => {
            kept.push_str(page.get(copied..).unwrap_or_default());
            std::borrow::Cow::Owned(kept)
        }
    }
}

/// Extracts the article of an HTML page; `None` when the page has no body text.
pub(crate) fn extract(page: &str) -> Option<Draft> {
    let document = Html::parse_document(&limit_nesting(page));
    let paragraphs = body_paragraphs(&document);
    if paragraphs.is_empty() {
        return None;
    }
    let tags = meta_tags(&document);
    let ld = json_ld(&document);
    let tag = |keys: &[&str]| keys.iter().find_map(|k| tags.get(*k).cloned());
    let site = ld
        .publisher
        .clone()
        .or_else(|| tag(&["og:site_name", "application-name"]));
    let title = ld
        .headline
        .clone()
        .or_else(|| tag(&["og:title", "twitter:title"]))
        .map(|t| strip_site_suffix(&t, site.as_deref()))
        .or_else(|| first_text(&document, &H1))
        .or_else(|| first_text(&document, &TITLE).map(|t| strip_site_suffix(&t, site.as_deref())))
        .filter(|t| !t.is_empty());
    let time = document
        .select(&TIME)
        .find_map(|e| e.value().attr("datetime").map(str::to_owned));
    let published = [
        ld.published.clone(),
        tag(&[
            "article:published_time",
            "datepublished",
            "pubdate",
            "publishdate",
            "date",
            "dc.date",
            "dc.date.issued",
            "dcterms.created",
            "sailthru.date",
            "parsely-pub-date",
        ]),
        time,
    ]
    .into_iter()
    .flatten()
    .find_map(|raw| json::parse_date(&raw));
    let url = document
        .select(&CANONICAL)
        .find_map(|e| e.value().attr("href").map(str::trim).map(str::to_owned))
        .filter(|u| u.starts_with("http"))
        .or_else(|| tag(&["og:url"]).filter(|u| u.starts_with("http")))
        .or(ld.url);
    let mut authors = ld.authors;
    if authors.is_empty() {
        authors = tag(&["author", "article:author", "byl"])
            .filter(|a| !a.starts_with("http"))
            .map(|a| a.trim_start_matches("By ").to_owned())
            .into_iter()
            .collect();
    }

    let title_key = title.as_deref().map(|t| t.to_lowercase());
    let mut seen = Vec::new();
    let paragraphs: Vec<String> = paragraphs
        .into_iter()
        .filter(|p| {
            let key = p.to_lowercase();
            if Some(&key) == title_key.as_ref() || seen.contains(&key) {
                return false;
            }
            seen.push(key);
            true
        })
        .collect();
    let year_hint = published.as_ref().map(|p| chrono::Datelike::year(&p.date));
    let (dateline_outlet, dateline_date) = text::dateline_metadata(&paragraphs, year_hint);
    Some(Draft {
        id: None,
        title,
        truncated: text::is_truncated(&paragraphs),
        paragraphs,
        url,
        outlet: site.or(dateline_outlet),
        published: published.or(dateline_date),
        authors,
    })
}

/// The main text of an HTML page given as raw bytes (gzip or not, any character set),
/// paragraphs separated by blank lines, with the size of the decoded page; the error says
/// why no text came out.
pub(crate) fn extract_bytes(bytes: &[u8]) -> Result<(String, usize), String> {
    let cap = crate::IngestOptions::default().max_file_bytes;
    let unpacked;
    let bytes = if crate::decode::is_gzip(bytes) {
        unpacked = crate::decode::gunzip(bytes, cap).map_err(|e| e.to_string())?;
        unpacked.as_slice()
    } else {
        bytes
    };
    let page = crate::decode::decode(bytes, true).map_err(|e| e.to_string())?;
    let draft = extract(&page).ok_or_else(|| "HTML has no body text".to_owned())?;
    Ok((draft.paragraphs.join("\n\n"), page.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const PAGE: &str = r##"<!doctype html><html><head>
<title>Port Talks Resume After Pause | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2025-03-04T09:30:00+01:00">
<link rel="canonical" href="https://www.example-daily.org/world/port-talks">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
 {"@type":"NewsArticle","headline":"Port Talks Resume After a Two-Week Pause","author":[{"@type":"Person","name":"Ana Ruiz"}],"publisher":{"name":"The Daily Example"}}]}</script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav></header>
<div id="cookie-banner"><p>We use cookies to give you the best experience. Accept all cookies?</p></div>
<main><article class="story">
<h1>Port Talks Resume After a Two-Week Pause</h1>
<div class="share-buttons"><a href="#">Share on Facebook</a><a href="#">Tweet</a></div>
<p>Union leaders and the port authority returned to the table on Monday, ending a pause that had left dozens of ships waiting offshore.</p>
<p>The mediator, a retired judge, said both sides had agreed to keep the details of their proposals confidential until Friday.</p>
<h2>What is at stake</h2>
<p>Shipping companies estimate that each day of disruption costs the regional economy several million euros, a figure the union disputes.</p>
<blockquote><p>“We came back because the workers want a deal, not a fight,” a union spokesperson said.</p></blockquote>
<ul><li>Wages for night shifts</li><li>Automation of the container cranes</li></ul>
<div class="advert">Advertisement</div>
</article>
<aside class="related-stories"><h3>Related</h3><ul>
<li><a href="/a">Strike threatens holiday deliveries across the region</a></li>
<li><a href="/b">New crane contract signed with overseas supplier</a></li></ul></aside>
</main>
<footer><p>© 2025 The Daily Example. All rights reserved. Contact us at the newsroom for corrections.</p></footer>
</body></html>"##;

    #[test]
    fn article_page() {
        let draft = extract(PAGE);
        let Some(draft) = draft else {
            panic!("no article extracted");
        };
        assert_eq!(
            draft.title.as_deref(),
            Some("Port Talks Resume After a Two-Week Pause")
        );
        assert_eq!(draft.outlet.as_deref(), Some("The Daily Example"));
        assert_eq!(draft.authors, ["Ana Ruiz"]);
        assert_eq!(
            draft.url.as_deref(),
            Some("https://www.example-daily.org/world/port-talks")
        );
        assert_eq!(
            draft.published.as_ref().map(|p| p.date),
            NaiveDate::from_ymd_opt(2025, 3, 4)
        );
        let all = draft.paragraphs.join("\n");
        assert!(all.contains("returned to the table"), "{all}");
        assert!(all.contains("What is at stake"), "{all}");
        assert!(all.contains("the workers want a deal"), "{all}");
        assert!(all.contains("Wages for night shifts"), "{all}");
        for furniture in [
            "Home",
            "cookies",
            "Share on",
            "Advertisement",
            "Strike threatens",
            "©",
        ] {
            assert!(!all.contains(furniture), "{furniture} leaked: {all}");
        }
        assert_eq!(draft.paragraphs.len(), 7, "{:#?}", draft.paragraphs);
    }

    #[test]
    fn page_without_body_text() {
        let page = "<html><head><title>Empty</title><script>var x = 1;</script></head>\
            <body><nav><a href='/'>Home</a></nav><footer>Footer</footer></body></html>";
        assert!(extract(page).is_none());
    }

    #[test]
    fn div_text_with_line_breaks() {
        let page = "<html><body><div class='content'>The council met on Tuesday evening to vote.<br><br>\
            The motion passed by nine votes to four, officials said.</div></body></html>";
        let draft = extract(page);
        assert_eq!(draft.map(|d| d.paragraphs.len()), Some(2));
    }

    #[test]
    fn deep_nesting_is_flattened_not_lost() {
        let page = format!(
            "<div>{}<p>Deep text survives.</p><script>if (a<b) {{}}</script>{}</div><p>After.</p>",
            "<div class='x'>".repeat(1000),
            "</div>".repeat(1000)
        );
        let limited = limit_nesting(&page);
        assert_eq!(limited.matches("<div").count(), MAX_DEPTH);
        assert_eq!(limited.matches("</div>").count(), MAX_DEPTH);
        assert!(limited.contains("<p>Deep text survives.</p>"));
        assert!(limited.contains("<p>After.</p>"));
        let shallow = "<html><body><div><p>Fine</div></body></html>";
        assert!(matches!(
            limit_nesting(shallow),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn title_suffixes() {
        assert_eq!(
            strip_site_suffix("Big News Today - Site", None),
            "Big News Today"
        );
        assert_eq!(strip_site_suffix("A | B", Some("B")), "A");
        assert_eq!(strip_site_suffix("No suffix here", None), "No suffix here");
    }

    #[test]
    fn furniture_classes() {
        let document = Html::parse_fragment(
            "<div class='social-share'></div><div class='commentary-body'></div><div id='sidebar'></div>",
        );
        let flags: Vec<bool> = document
            .tree
            .root()
            .descendants()
            .filter_map(|n| n.value().as_element())
            .filter(|e| e.name() == "div")
            .map(is_furniture)
            .collect();
        assert_eq!(flags, [true, false, true]);
    }
}
