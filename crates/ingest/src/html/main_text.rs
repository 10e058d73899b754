//! Finding the article body of a parsed page.
//!
//! 1. One walk over the tree cuts it into text blocks (the text a paragraph, heading, list
//!    item, table row or a `div`'s loose text holds), skipping what is never visible
//!    (scripts, styles, hidden elements) and page furniture: navigation, headers and footers,
//!    forms, figures and captions, and elements whose class or id names furniture in the
//!    vocabulary common across the web (share bars, comments, related links, ads, captions,
//!    bylines…) unless it also names main content. Furniture that holds most of the page's
//!    paragraph text is kept: some pages wrap everything in a `<form>` or a "sidebar" layout.
//! 2. Each paragraph-like block scores its parent and grandparent (more for longer text and
//!    commas); a container's score is weighted by its text density and lowered by its link
//!    density. The best container wins, with siblings that score close to it and boxes built
//!    like it (same element and class), as when pictures or ads cut an article into pieces.
//! 3. The blocks inside the chosen containers are kept unless they are mostly links, short
//!    loose fragments, or lines that are never article text (see [`crate::text`]).
//!
//! Everything is linear in the page: element statistics come from running totals over the
//! document-order blocks, never from walking subtrees again.

use super::dom::Dom;
use super::squash;
use crate::text;

/// Elements never holding visible article text.
const INVISIBLE_TAGS: [&str; 19] = [
    "script", "style", "noscript", "template", "svg", "math", "head", "title", "select",
    "textarea", "button", "input", "iframe", "object", "embed", "canvas", "video", "audio",
    "datalist",
];

/// Elements that hold page furniture, unless a page wraps most of its text in one (a whole
/// page inside a `<form>`, an article inside a `<header>`-less `<aside>`…).
const FURNITURE_TAGS: [&str; 10] = [
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "figure",
    "figcaption",
    "menu",
    "dialog",
    "label",
];

/// Class or id words marking the main content: an element named with one is never taken for
/// furniture by its class ("main-content-wrap has-nav").
/// "embed" and "tweet" mark quoted posts embedded in the story ("social-media-embed"), which
/// are part of it, unlike share bars.
const CONTENT_WORDS: [&str; 12] = [
    "article", "content", "main", "body", "story", "post", "entry", "text", "hentry", "blog",
    "embed", "tweet",
];

/// Class or id words marking page furniture (matched per word, with common suffixes).
const FURNITURE_WORDS: [&str; 22] = [
    "caption",
    "credit",
    "byline",
    "trending",
    "popular",
    "recommended",
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
    /// `li`, `dd`, `dt`, `tr`.
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
        // A table row is one line: its cells run together, separated by spaces.
        "li" | "dd" | "dt" | "tr" => Kind::Item,
        "blockquote" => Kind::Quote,
        "div" | "section" | "article" | "main" | "body" | "center" | "address" | "html"
        | "table" | "ul" | "ol" | "dl" | "tbody" => Kind::Loose,
        _ => return None,
    })
}

/// One run of text from one block element.
#[derive(Debug, Clone)]
struct Block {
    /// The text, whitespace collapsed.
    text: String,
    /// Non-space characters of the text.
    chars: usize,
    /// Non-space characters inside links.
    link_chars: usize,
    kind: Kind,
    /// The element holding the text.
    element: usize,
    /// The index of the block's first text node.
    first_node: usize,
}

impl Block {
    fn link_density(&self) -> f64 {
        if self.chars == 0 {
            1.0
        } else {
            self.link_chars as f64 / self.chars as f64
        }
    }

    /// True for a block of real text worth scoring: a paragraph-like element, long enough,
    /// mostly not links.
    fn is_scoring(&self) -> bool {
        matches!(self.kind, Kind::Paragraph | Kind::Quote | Kind::Loose)
            && self.text.chars().count() >= 25
            && self.link_density() < 0.5
    }
}

/// True when element `id`'s class or id names page furniture (and no main-content word), or
/// it is hidden.
fn is_furniture(dom: &Dom, id: usize, name: &str) -> bool {
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    let mut words = Vec::new();
    for (key, value) in dom.attrs(id) {
        match key {
            "hidden" => return true,
            "aria-hidden" if value.trim() == "true" => return true,
            "style" => {
                let style: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if style.contains("display:none") || style.contains("visibility:hidden") {
                    return true;
                }
            }
            "class" | "id" => words.push(value),
            _ => {}
        }
    }
    let names: Vec<Vec<String>> = words
        .into_iter()
        .flat_map(str::split_whitespace)
        .map(name_words)
        .collect();
    let content = names
        .iter()
        .flatten()
        .any(|w| CONTENT_WORDS.contains(&w.as_str()));
    let advert = |word: &str| matches!(word, "ad" | "ads" | "advertisement" | "advertising");
    let furniture = |word: &str| {
        FURNITURE_WORDS.iter().any(|stem| {
            word.strip_prefix(stem)
                .is_some_and(|rest| FURNITURE_SUFFIXES.contains(&rest))
        })
    };
    !content
        && names.iter().any(|name| {
            // "ad" only opening or closing a name ("ad-slot", "top-ad"), not inside one
            // ("non-ad-column").
            name.first().is_some_and(|w| advert(w))
                || name.last().is_some_and(|w| advert(w))
                || name.iter().any(|w| furniture(w))
        })
}

/// The words of one class name or id, lower case: cut at punctuation and at camel-case
/// humps ("social-share" → social, share; "newsCaption" → news, caption).
fn name_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        let boundary = !c.is_ascii_alphanumeric() || (c.is_ascii_uppercase() && previous_lower);
        if boundary && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Bytes of paragraph text (text in a `<p>`, directly or one element down) before each node
/// and, last, in the whole page, so the prose an element holds is one subtraction.
fn text_before(dom: &Dom) -> Vec<usize> {
    let mut before = Vec::with_capacity(dom.nodes.len() + 1);
    let mut total = 0usize;
    for i in 0..dom.nodes.len() {
        before.push(total);
        if let Some(text) = dom.text(i) {
            let parent = dom.parent(i);
            let in_paragraph = parent.and_then(|p| dom.name(p)) == Some("p")
                || parent.and_then(|p| dom.parent(p)).and_then(|g| dom.name(g)) == Some("p");
            if in_paragraph {
                total += text.len();
            }
        }
    }
    before.push(total);
    before
}

/// True when element `id` is left out with everything in it: never-visible elements always,
/// furniture (by tag, class or id) unless it holds most of the page's paragraph text.
fn is_dropped(dom: &Dom, id: usize, name: &str, before: &[usize]) -> bool {
    if INVISIBLE_TAGS.contains(&name) {
        return true;
    }
    if !FURNITURE_TAGS.contains(&name) && !is_furniture(dom, id, name) {
        return false;
    }
    let at = |k: usize| before.get(k).copied().unwrap_or(0);
    let holds = at(dom.end(id)).saturating_sub(at(id));
    let page = at(dom.nodes.len());
    holds * 2 <= page
}

/// A block being filled.
struct Open {
    element: usize,
    first_node: usize,
    text: String,
    link_chars: usize,
}

/// Cuts the page into text blocks in one walk, skipping furniture.
fn collect(dom: &Dom) -> Vec<Block> {
    let count = dom.nodes.len();
    // Per node: the nearest block element at or above it, and whether it is inside a link.
    let mut block_of = vec![0usize; count];
    let mut in_link = vec![false; count];
    let mut blocks = Vec::new();
    let mut open: Option<Open> = None;

    let flush = |open: Option<Open>, blocks: &mut Vec<Block>| {
        let Some(open) = open else { return };
        let kind = dom.name(open.element).and_then(block_kind);
        let Some(kind) = kind else { return };
        let parts: Vec<&str> = if kind == Kind::Loose {
            open.text.split('\n').collect()
        } else {
            vec![open.text.as_str()]
        };
        let share = parts.len().max(1);
        for part in parts {
            let text = squash(part);
            if text.is_empty() {
                continue;
            }
            let chars = text.chars().filter(|c| !c.is_whitespace()).count();
            blocks.push(Block {
                chars,
                link_chars: (open.link_chars / share).min(chars),
                text,
                kind,
                element: open.element,
                first_node: open.first_node,
            });
        }
    };

    let before = text_before(dom);
    let mut i = 1usize;
    while i < count {
        let parent = dom.parent(i).unwrap_or(0);
        if let Some(name) = dom.name(i) {
            if is_dropped(dom, i, name, &before) {
                i = dom.end(i).max(i + 1);
                continue;
            }
            let block = if block_kind(name).is_some() {
                i
            } else {
                block_of.get(parent).copied().unwrap_or(0)
            };
            if let Some(slot) = block_of.get_mut(i) {
                *slot = block;
            }
            let link = name == "a" || in_link.get(parent).copied().unwrap_or(false);
            if let Some(slot) = in_link.get_mut(i) {
                *slot = link;
            }
            if let Some(current) = open.as_mut()
                && current.element == block
            {
                match name {
                    "br" => current.text.push('\n'),
                    "td" | "th" | "img" => current.text.push(' '),
                    _ => {}
                }
            }
        } else if let Some(content) = dom.text(i) {
            let block = block_of.get(parent).copied().unwrap_or(0);
            if open.as_ref().is_none_or(|o| o.element != block) {
                flush(open.take(), &mut blocks);
                open = Some(Open {
                    element: block,
                    first_node: i,
                    text: String::new(),
                    link_chars: 0,
                });
            }
            if let Some(current) = open.as_mut() {
                current.text.push_str(content);
                if in_link.get(parent).copied().unwrap_or(false) {
                    current.link_chars += content.chars().filter(|c| !c.is_whitespace()).count();
                }
            }
        }
        i += 1;
    }
    flush(open, &mut blocks);
    blocks
}

/// Running totals over blocks, so any element's text statistics come from two lookups.
struct Totals {
    /// `chars[k]`: characters in blocks before block `k` (and likewise for the others).
    chars: Vec<usize>,
    links: Vec<usize>,
    scoring: Vec<usize>,
}

impl Totals {
    fn new(blocks: &[Block]) -> Totals {
        let mut totals = Totals {
            chars: vec![0],
            links: vec![0],
            scoring: vec![0],
        };
        let (mut chars, mut links, mut scoring) = (0, 0, 0);
        for block in blocks {
            chars += block.chars;
            links += block.link_chars;
            if block.is_scoring() {
                scoring += block.chars;
            }
            totals.chars.push(chars);
            totals.links.push(links);
            totals.scoring.push(scoring);
        }
        totals
    }
}

/// The blocks inside element `id`, as a range of block indices.
fn blocks_within(dom: &Dom, blocks: &[Block], id: usize) -> std::ops::Range<usize> {
    let start = blocks.partition_point(|b| b.first_node < id);
    let end = blocks.partition_point(|b| b.first_node < dom.end(id));
    start..end.max(start)
}

fn difference(totals: &[usize], range: &std::ops::Range<usize>) -> usize {
    let at = |k: usize| totals.get(k).copied().unwrap_or(0);
    at(range.end).saturating_sub(at(range.start))
}

/// Scores containers: each paragraph adds (1 + commas + length bonus) to its parent and half
/// to its grandparent; a container's score is weighted by its text density (share of its text
/// in paragraphs) and lowered by its link density.
fn best_containers(dom: &Dom, blocks: &[Block]) -> Vec<usize> {
    let mut raw: Vec<(usize, f64)> = Vec::new();
    for block in blocks.iter().filter(|b| b.is_scoring()) {
        let commas = block.text.matches([',', '،', '，']).count() as f64;
        let length = block.text.chars().count() as f64;
        let score = 1.0 + commas.min(10.0) + (length / 100.0).min(3.0);
        let parent = dom.parent(block.element);
        let grandparent = parent.and_then(|p| dom.parent(p));
        if let Some(parent) = parent {
            raw.push((parent, score));
        }
        if let Some(grandparent) = grandparent {
            raw.push((grandparent, score / 2.0));
        }
    }
    raw.sort_unstable_by_key(|&(id, _)| id);
    let mut summed: Vec<(usize, f64)> = Vec::new();
    for (id, score) in raw {
        match summed.last_mut() {
            Some(last) if last.0 == id => last.1 += score,
            _ => summed.push((id, score)),
        }
    }
    let totals = Totals::new(blocks);
    let scored: Vec<(usize, f64)> = summed
        .into_iter()
        .map(|(id, score)| {
            let within = blocks_within(dom, blocks, id);
            let total = difference(&totals.chars, &within).max(1) as f64;
            let link = difference(&totals.links, &within) as f64 / total;
            let density = (difference(&totals.scoring, &within) as f64 / total).min(1.0);
            (id, score * (1.0 - link).max(0.0) * (0.5 + 0.5 * density))
        })
        .collect();
    let Some(&(best, best_score)) = scored
        .iter()
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
    else {
        return Vec::new();
    };
    // Other parts of the article: siblings of the best container that score well too (an
    // article split in two divs), and boxes built like it (same element, same class) that
    // score at least a tenth as well, as when pictures or ads cut an article into boxes.
    let best_parent = dom.parent(best);
    let class = dom.attr(best, "class").filter(|c| !c.trim().is_empty());
    let built_alike = |id: usize| {
        class.is_some() && dom.name(id) == dom.name(best) && dom.attr(id, "class") == class
    };
    let mut chosen = vec![best];
    chosen.extend(
        scored
            .iter()
            .filter(|&&(id, score)| {
                id != best
                    && !(best..dom.end(best)).contains(&id)
                    && !(id..dom.end(id)).contains(&best)
                    && ((score >= best_score * 0.3 && dom.parent(id) == best_parent)
                        || (score >= best_score * 0.1 && built_alike(id)))
            })
            .map(|&(id, _)| id),
    );
    chosen
}

/// The paragraphs of the article body, in order, without furniture.
pub(crate) fn paragraphs(dom: &Dom) -> Vec<String> {
    let blocks = collect(dom);
    let containers = best_containers(dom, &blocks);
    let inside = |block: &Block| {
        containers
            .iter()
            .any(|&id| (id..dom.end(id)).contains(&block.first_node))
    };
    let keep = |block: &Block| {
        // A long block may link a good part of its words (a list of linked summaries); a short
        // one may not (a list of links).
        let link_limit = if block.chars >= 150 { 0.75 } else { 0.5 };
        block.kind != Kind::Minor
            && block.link_density() <= link_limit
            && !text::is_boilerplate(&block.text)
            && (block.kind != Kind::Loose
                || block.text.split_whitespace().count() >= 6
                || block.text.ends_with(['.', '!', '?', '"', '”', '»']))
    };
    blocks
        .into_iter()
        .filter(|b| (containers.is_empty() || inside(b)) && keep(b))
        .map(|b| b.text)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_classes() {
        let dom = Dom::parse(
            "<div class='social-share'></div><div class='commentary-body'></div>\
             <div id='sidebar'></div><div style='display: none'></div><article class='ad'></article>",
        );
        let flags: Vec<bool> = (0..dom.nodes.len())
            .filter_map(|i| Some((i, dom.name(i)?)))
            .filter(|(_, name)| matches!(*name, "div" | "article"))
            .map(|(i, name)| is_furniture(&dom, i, name))
            .collect();
        assert_eq!(flags, [true, false, true, true, false]);
    }

    #[test]
    fn class_name_words() {
        assert_eq!(name_words("newsCaption"), ["news", "caption"]);
        assert_eq!(
            name_words("PromoSmall-wrapper"),
            ["promo", "small", "wrapper"]
        );
        assert_eq!(name_words("sidebar__box--2col"), ["sidebar", "box", "2col"]);
        assert_eq!(name_words("URLBox"), ["urlbox"]);
    }
}
