//! A fast, forgiving HTML parser into a flat document tree.
//!
//! Extraction needs the element structure and the text of a page, not a browser-exact DOM, so
//! this parser trades the full HTML5 tree-construction algorithm for one linear scan:
//!
//! - tags, attributes, comments, doctypes and character references are tokenized as HTML does;
//! - the content of `script`, `style` and the other raw-text elements is skipped in one search
//!   for its end tag (kept only for `<title>`, `<textarea>` and JSON-LD scripts);
//! - the tree is built with an open-element stack and the common implied-end-tag rules
//!   (`<p>` closed by a block, `<li>` by the next item, table cells and rows, headings, links),
//!   and an end tag closes only an element that is open within its scope, as browsers do;
//!   formatting-element adoption and table foster-parenting are left out.
//!
//! Nodes are stored in document order, so an element's descendants are the nodes from its
//! index to its `end`: subtree walks are plain slices, never recursion.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// The parent index of the root.
pub(crate) const NO_PARENT: u32 = u32::MAX;

/// How far up the open-element stack an implied or explicit end tag searches.
const SCOPE_LIMIT: usize = 512;

/// What a node is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NodeKind {
    /// The document itself (index 0).
    Root,
    /// An element: its lower-case name and its attributes' range in [`Dom::attrs`].
    Element {
        /// Name, as a range of [`Dom::buffer`].
        name: Range<u32>,
        /// Attributes, as a range of [`Dom::attrs`].
        attrs: Range<u32>,
    },
    /// Text with character references decoded, as a range of [`Dom::buffer`].
    Text(Range<u32>),
}

/// One node of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Node {
    /// The parent's index ([`NO_PARENT`] for the root).
    pub parent: u32,
    /// One past the index of the last descendant.
    pub end: u32,
    /// What the node is.
    pub kind: NodeKind,
}

/// One attribute: lower-case name and decoded value, both ranges of [`Dom::buffer`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attr {
    name: Range<u32>,
    value: Range<u32>,
}

/// A parsed page.
#[derive(Debug, Default)]
pub(crate) struct Dom {
    /// All nodes in document order; index 0 is the root.
    pub nodes: Vec<Node>,
    attrs: Vec<Attr>,
    buffer: String,
}

fn range(start: usize, end: usize) -> Range<u32> {
    // Pages are capped well below 4 GiB upstream; saturate rather than wrap if one is not.
    let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    clamp(start)..clamp(end)
}

fn span(range: &Range<u32>) -> Range<usize> {
    range.start as usize..range.end as usize
}

impl Dom {
    /// Parses a page.
    pub(crate) fn parse(page: &str) -> Dom {
        let mut builder = Builder {
            dom: Dom {
                nodes: Vec::with_capacity(page.len() / 64),
                attrs: Vec::with_capacity(page.len() / 64),
                buffer: String::with_capacity(page.len() / 2),
            },
            open: Vec::with_capacity(64),
            open_names: HashMap::default(),
        };
        builder.dom.nodes.push(Node {
            parent: NO_PARENT,
            end: 1,
            kind: NodeKind::Root,
        });
        builder.open.push(0);
        tokenize(page, &mut builder);
        builder.finish()
    }

    fn str(&self, range: &Range<u32>) -> &str {
        self.buffer.get(span(range)).unwrap_or_default()
    }

    /// The element name of node `id` (`None` for text and the root).
    pub(crate) fn name(&self, id: usize) -> Option<&str> {
        match &self.nodes.get(id)?.kind {
            NodeKind::Element { name, .. } => Some(self.str(name)),
            _ => None,
        }
    }

    /// The text of node `id` when it is a text node.
    pub(crate) fn text(&self, id: usize) -> Option<&str> {
        match &self.nodes.get(id)?.kind {
            NodeKind::Text(text) => Some(self.str(text)),
            _ => None,
        }
    }

    /// The attributes of element `id`, names lower case.
    pub(crate) fn attrs(&self, id: usize) -> impl Iterator<Item = (&str, &str)> {
        let attrs = match self.nodes.get(id).map(|n| &n.kind) {
            Some(NodeKind::Element { attrs, .. }) => self.attrs.get(span(attrs)),
            _ => None,
        };
        attrs
            .unwrap_or_default()
            .iter()
            .map(|a| (self.str(&a.name), self.str(&a.value)))
    }

    /// The value of attribute `name` (lower case) of element `id`.
    pub(crate) fn attr(&self, id: usize, name: &str) -> Option<&str> {
        self.attrs(id).find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// The parent of node `id`.
    pub(crate) fn parent(&self, id: usize) -> Option<usize> {
        let parent = self.nodes.get(id)?.parent;
        (parent != NO_PARENT).then_some(parent as usize)
    }

    /// One past the last descendant of node `id`.
    pub(crate) fn end(&self, id: usize) -> usize {
        self.nodes.get(id).map_or(id, |n| n.end as usize)
    }

    /// The text of node `id` and its descendants, concatenated.
    pub(crate) fn text_content(&self, id: usize) -> String {
        (id..self.end(id)).filter_map(|i| self.text(i)).collect()
    }

    /// Indices of the elements named `name`, in document order.
    pub(crate) fn elements<'a>(&'a self, name: &'a str) -> impl Iterator<Item = usize> + 'a {
        (0..self.nodes.len()).filter(move |&i| self.name(i) == Some(name))
    }
}

/// Elements without content.
const VOID: [&str; 16] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame",
];

/// Elements whose content is raw text.
const RAW_TEXT: [&str; 10] = [
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Start tags that close an open `<p>`.
const CLOSES_P: [&str; 36] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "li",
    "dd",
];

/// Elements an end tag or implied end tag never searches past ("scope" boundaries).
const SCOPE: [&str; 9] = [
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
];

/// The HTML "special" elements: an unmatched end tag of an inline element stops at them.
const SPECIAL: [&str; 52] = [
    "address",
    "applet",
    "article",
    "aside",
    "blockquote",
    "body",
    "button",
    "caption",
    "center",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "html",
    "li",
    "main",
    "marquee",
    "menu",
    "nav",
    "object",
    "ol",
    "p",
    "pre",
    "section",
    "select",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "search",
];

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

struct Builder {
    dom: Dom,
    /// Indices of the open elements, root first.
    open: Vec<u32>,
    /// How many elements of each name are open, so a search for one that is not open (an
    /// implied end tag, a stray end tag) costs nothing.
    open_names: HashMap<String, u32, BuildHasherDefault<Fnv>>,
}

/// FNV-1a: element names are a few bytes, and this is counted on every element, where the
/// default DoS-resistant hasher costs more than the rest of the bookkeeping.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

impl Builder {
    fn current(&self) -> usize {
        self.open.last().copied().unwrap_or(0) as usize
    }

    fn open_name(&self, depth: usize) -> &str {
        self.open
            .get(depth)
            .and_then(|&id| self.dom.name(id as usize))
            .unwrap_or_default()
    }

    /// Closes the open elements down to and including the one at `depth`.
    fn close_to(&mut self, depth: usize) {
        let end = range(self.dom.nodes.len(), 0).start;
        while self.open.len() > depth.max(1) {
            let Some(id) = self.open.pop() else { break };
            if let Some(count) = self
                .dom
                .name(id as usize)
                .and_then(|name| self.open_names.get_mut(name))
            {
                *count = count.saturating_sub(1);
            }
            if let Some(node) = self.dom.nodes.get_mut(id as usize) {
                node.end = end;
            }
        }
    }

    /// The depth of the nearest open element named like one of `targets`, searching down from
    /// the top and stopping at any element `stop` accepts.
    fn find_open(&self, targets: &[&str], stop: impl Fn(&str) -> bool) -> Option<usize> {
        let none_open = targets
            .iter()
            .all(|t| self.open_names.get(*t).is_none_or(|&n| n == 0));
        if none_open {
            return None;
        }
        let lowest = self.open.len().saturating_sub(SCOPE_LIMIT).max(1);
        for depth in (lowest..self.open.len()).rev() {
            let name = self.open_name(depth);
            if targets.contains(&name) {
                return Some(depth);
            }
            if stop(name) {
                return None;
            }
        }
        None
    }

    /// Closes the nearest open element named like one of `targets`, if one is open before a
    /// boundary.
    fn close_open(&mut self, targets: &[&str], stop: impl Fn(&str) -> bool) {
        if let Some(depth) = self.find_open(targets, stop) {
            self.close_to(depth);
        }
    }

    fn start_tag(&mut self, name: &str, attrs: &[(Range<usize>, Range<usize>)], page: &str) {
        let special_stop = |n: &str| SPECIAL.contains(&n) && !matches!(n, "address" | "div" | "p");
        if CLOSES_P.contains(&name) {
            self.close_open(&["p"], |n| SCOPE.contains(&n) || n == "button");
        }
        match name {
            "li" => self.close_open(&["li"], |n| special_stop(n) || n == "ul" || n == "ol"),
            "dd" | "dt" => self.close_open(&["dd", "dt"], special_stop),
            "td" | "th" => self.close_open(&["td", "th"], |n| matches!(n, "tr" | "table")),
            "tr" => self.close_open(&["tr"], |n| {
                matches!(n, "table" | "thead" | "tbody" | "tfoot")
            }),
            "thead" | "tbody" | "tfoot" => {
                self.close_open(&["thead", "tbody", "tfoot"], |n| n == "table");
            }
            "option" => self.close_open(&["option"], |n| n == "select"),
            "a" => self.close_open(&["a"], |n| SCOPE.contains(&n)),
            _ => {}
        }
        if is_heading(name) && is_heading(self.open_name(self.open.len().saturating_sub(1))) {
            self.close_to(self.open.len().saturating_sub(1));
        }
        let name_start = self.dom.buffer.len();
        self.dom.buffer.push_str(name);
        let name_range = range(name_start, self.dom.buffer.len());
        let attrs_start = self.dom.attrs.len();
        for (attr_name, value) in attrs {
            let start = self.dom.buffer.len();
            let raw_name = page.get(attr_name.clone()).unwrap_or_default();
            for c in raw_name.chars() {
                self.dom.buffer.push(c.to_ascii_lowercase());
            }
            let name = range(start, self.dom.buffer.len());
            let start = self.dom.buffer.len();
            decode_into(
                page.get(value.clone()).unwrap_or_default(),
                &mut self.dom.buffer,
            );
            let value = range(start, self.dom.buffer.len());
            self.dom.attrs.push(Attr { name, value });
        }
        let id = self.dom.nodes.len();
        self.dom.nodes.push(Node {
            parent: range(self.current(), 0).start,
            end: range(id + 1, 0).start,
            kind: NodeKind::Element {
                name: name_range,
                attrs: range(attrs_start, self.dom.attrs.len()),
            },
        });
        if !VOID.contains(&name) {
            self.open.push(range(id, 0).start);
            match self.open_names.get_mut(name) {
                Some(count) => *count += 1,
                None => {
                    self.open_names.insert(name.to_owned(), 1);
                }
            }
        }
    }

    fn end_tag(&mut self, name: &str) {
        match name {
            "br" => return self.start_tag("br", &[], ""),
            "body" | "html" => return,
            _ => {}
        }
        if SPECIAL.contains(&name) {
            self.close_open(&[name], |n| SCOPE.contains(&n));
        } else {
            self.close_open(&[name], |n| SPECIAL.contains(&n));
        }
    }

    /// Appends text (raw, character references not yet decoded) to the current element.
    fn text(&mut self, raw: &str, decode: bool) {
        if raw.is_empty() {
            return;
        }
        let parent = self.current();
        let start = self.dom.buffer.len();
        if decode {
            decode_into(raw, &mut self.dom.buffer);
        } else {
            self.dom.buffer.push_str(raw);
        }
        let end = self.dom.buffer.len();
        if let Some(Node {
            parent: p,
            kind: NodeKind::Text(text),
            ..
        }) = self.dom.nodes.last_mut()
            && *p as usize == parent
            && text.end as usize == start
        {
            text.end = range(end, 0).start;
            return;
        }
        let id = self.dom.nodes.len();
        self.dom.nodes.push(Node {
            parent: range(parent, 0).start,
            end: range(id + 1, 0).start,
            kind: NodeKind::Text(range(start, end)),
        });
    }

    fn finish(mut self) -> Dom {
        self.close_to(1);
        let end = range(self.dom.nodes.len(), 0).start;
        if let Some(root) = self.dom.nodes.first_mut() {
            root.end = end;
        }
        self.dom
    }
}

/// Position of `needle` (ASCII, lower case) in `bytes` from `from` on, ignoring ASCII case.
fn find_ignore_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut at = from;
    while let Some(offset) = bytes
        .get(at..)
        .and_then(|rest| memchr::memchr2(first, first.to_ascii_uppercase(), rest))
    {
        let candidate = at + offset;
        if bytes
            .get(candidate..candidate + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        {
            return Some(candidate);
        }
        at = candidate + 1;
    }
    None
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Splits `page` into tokens and feeds them to the tree builder.
fn tokenize(page: &str, builder: &mut Builder) {
    let bytes = page.as_bytes();
    let mut i = 0usize;
    let mut attrs: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    let mut name = String::new();
    while i < bytes.len() {
        let Some(lt) = memchr::memchr(b'<', bytes.get(i..).unwrap_or_default()).map(|o| i + o)
        else {
            builder.text(page.get(i..).unwrap_or_default(), true);
            break;
        };
        let next = bytes.get(lt + 1).copied();
        let is_tag = match next {
            Some(b'!' | b'?') => true,
            Some(b'/') => bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic),
            Some(b) => b.is_ascii_alphabetic(),
            None => false,
        };
        if !is_tag {
            // A lone `<` is text.
            builder.text(page.get(i..lt + 1).unwrap_or_default(), true);
            i = lt + 1;
            continue;
        }
        builder.text(page.get(i..lt).unwrap_or_default(), true);
        if next == Some(b'!') && bytes.get(lt + 2..lt + 4) == Some(b"--") {
            i = find_ignore_case(bytes, lt + 4, b"-->").map_or(bytes.len(), |at| at + 3);
            continue;
        }
        if matches!(next, Some(b'!' | b'?')) {
            i = memchr::memchr(b'>', bytes.get(lt..).unwrap_or_default())
                .map_or(bytes.len(), |o| lt + o + 1);
            continue;
        }
        let closing = next == Some(b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_end = bytes
            .get(name_start..)
            .unwrap_or_default()
            .iter()
            .position(|&b| is_space(b) || b == b'/' || b == b'>')
            .map_or(bytes.len(), |o| name_start + o);
        name.clear();
        name.extend(
            page.get(name_start..name_end)
                .unwrap_or_default()
                .chars()
                .map(|c| c.to_ascii_lowercase()),
        );
        attrs.clear();
        let (end, self_closing) = read_attributes(bytes, name_end, &mut attrs);
        i = end;
        if closing {
            builder.end_tag(&name);
            continue;
        }
        builder.start_tag(&name, &attrs, page);
        if self_closing && builder.dom.name(builder.current()) == Some(name.as_str()) {
            builder.close_to(builder.open.len() - 1);
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            let stop = find_ignore_case(bytes, i, close.as_bytes()).unwrap_or(bytes.len());
            let keep = match name.as_str() {
                "title" | "textarea" => Some(true),
                "script" => builder
                    .dom
                    .attr(builder.current(), "type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
                    .then_some(false),
                _ => None,
            };
            if let Some(decode) = keep {
                builder.text(page.get(i..stop).unwrap_or_default(), decode);
            }
            builder.end_tag(&name);
            i = memchr::memchr(b'>', bytes.get(stop..).unwrap_or_default())
                .map_or(bytes.len(), |o| stop + o + 1);
        }
    }
}

/// Reads the attributes of a tag from `from` (just past its name) to its `>`; returns the
/// index past the tag and whether it ended in `/>`.
fn read_attributes(
    bytes: &[u8],
    from: usize,
    attrs: &mut Vec<(Range<usize>, Range<usize>)>,
) -> (usize, bool) {
    let mut i = from;
    let at = |i: usize| bytes.get(i).copied();
    loop {
        while at(i).is_some_and(|b| is_space(b) || b == b'/') {
            i += 1;
        }
        match at(i) {
            None => return (bytes.len(), false),
            Some(b'>') => return (i + 1, i > from && at(i - 1) == Some(b'/')),
            _ => {}
        }
        let name_start = i;
        i += 1;
        while at(i).is_some_and(|b| !is_space(b) && !matches!(b, b'/' | b'>' | b'=')) {
            i += 1;
        }
        let name = name_start..i;
        while at(i).is_some_and(is_space) {
            i += 1;
        }
        if at(i) != Some(b'=') {
            attrs.push((name, i..i));
            continue;
        }
        i += 1;
        while at(i).is_some_and(is_space) {
            i += 1;
        }
        let value = match at(i) {
            Some(q @ (b'"' | b'\'')) => {
                let start = i + 1;
                let end = memchr::memchr(q, bytes.get(start..).unwrap_or_default())
                    .map_or(bytes.len(), |o| start + o);
                i = (end + 1).min(bytes.len());
                start..end
            }
            _ => {
                let start = i;
                while at(i).is_some_and(|b| !is_space(b) && b != b'>') {
                    i += 1;
                }
                start..i
            }
        };
        attrs.push((name, value));
    }
}

/// Appends `raw` to `out` with its character references (`&amp;`, `&#8217;`, `&eacute;`…)
/// decoded.
pub(crate) fn decode_into(raw: &str, out: &mut String) {
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp + 1..).unwrap_or_default();
        match decode_reference(after) {
            Some((decoded, used)) => {
                out.extend(decoded.into_iter().flatten());
                rest = after.get(used..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// Decodes the character reference at the start of `after` (the text after `&`): the
/// characters and the bytes used.
fn decode_reference(after: &str) -> Option<([Option<char>; 2], usize)> {
    let bytes = after.as_bytes();
    if bytes.first() == Some(&b'#') {
        let hex = matches!(bytes.get(1), Some(b'x' | b'X'));
        let digits_start = if hex { 2 } else { 1 };
        let digits = bytes
            .get(digits_start..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return None;
        }
        let text = after.get(digits_start..digits_start + digits)?;
        let code = u32::from_str_radix(text, if hex { 16 } else { 10 }).unwrap_or(0xFFFD);
        let code = match code {
            // Windows-1252 codes that pages write as numeric references.
            0x80..=0x9F => windows_1252(code),
            _ => code,
        };
        let c = char::from_u32(code)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}');
        let mut used = digits_start + digits;
        if bytes.get(used) == Some(&b';') {
            used += 1;
        }
        return Some(([Some(c), None], used));
    }
    let name_len = bytes
        .iter()
        .take(40)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if name_len == 0 {
        return None;
    }
    let with_semicolon = bytes.get(name_len) == Some(&b';');
    let key = after.get(..name_len + usize::from(with_semicolon))?;
    let &(first, second) = web_atoms::NAMED_ENTITIES.get(key)?;
    let first = char::from_u32(first).filter(|&c| c != '\0')?;
    Some((
        [Some(first), char::from_u32(second).filter(|&c| c != '\0')],
        key.len(),
    ))
}

/// The character Windows-1252 puts at `code` (0x80–0x9F), which browsers use for numeric
/// references in that range.
fn windows_1252(code: u32) -> u32 {
    const TABLE: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    code.checked_sub(0x80)
        .and_then(|i| TABLE.get(i as usize))
        .copied()
        .unwrap_or(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dom: &Dom) -> Vec<String> {
        (0..dom.nodes.len())
            .map(|i| match (dom.name(i), dom.text(i)) {
                (Some(name), _) => format!("{name}^{}", dom.parent(i).unwrap_or(0)),
                (_, Some(text)) => format!("'{text}'^{}", dom.parent(i).unwrap_or(0)),
                _ => "root".to_owned(),
            })
            .collect()
    }

    #[test]
    fn builds_a_tree_in_document_order() {
        let dom = Dom::parse("<div class=a><p>One <b>two</b></p><p>three</div>");
        assert_eq!(
            names(&dom),
            [
                "root",
                "div^0",
                "p^1",
                "'One '^2",
                "b^2",
                "'two'^4",
                "p^1",
                "'three'^6"
            ]
        );
        assert_eq!(dom.end(1), 8);
        assert_eq!(dom.end(2), 6);
        assert_eq!(dom.attr(1, "class"), Some("a"));
        assert_eq!(dom.text_content(1), "One twothree");
    }

    #[test]
    fn implied_end_tags() {
        let dom = Dom::parse("<ul><li>a<li>b</ul><p>x<div>y</div><table><tr><td>1<td>2</table>");
        let texts: Vec<(String, &str)> = (0..dom.nodes.len())
            .filter_map(|i| {
                let parent = dom.parent(i)?;
                Some((dom.text(i)?.to_owned(), dom.name(parent)?))
            })
            .collect();
        assert_eq!(
            texts,
            [
                ("a".to_owned(), "li"),
                ("b".to_owned(), "li"),
                ("x".to_owned(), "p"),
                ("y".to_owned(), "div"),
                ("1".to_owned(), "td"),
                ("2".to_owned(), "td"),
            ]
        );
        // The div is not inside the p, and the second cell is not inside the first.
        let div = dom.elements("div").next().unwrap_or(0);
        assert_eq!(dom.parent(div), Some(0));
    }

    #[test]
    fn unmatched_end_tags_are_ignored() {
        let dom = Dom::parse("<div><span>a</i></div></span>b</p>c");
        let div = dom.elements("div").next().unwrap_or(0);
        assert_eq!(dom.text_content(div), "a");
        assert_eq!(dom.text_content(0), "abc");
    }

    #[test]
    fn raw_text_and_comments() {
        let page = "<head><title>A &amp; B</title><script>if (a<b) x='</p>';</script>\
            <script type='application/ld+json'>{\"a\":\"&amp;\"}</script></head>\
            <!-- <p>hidden</p> --><style>p{}</style><p>shown</p>";
        let dom = Dom::parse(page);
        let title = dom.elements("title").next().unwrap_or(0);
        assert_eq!(dom.text_content(title), "A & B");
        let scripts: Vec<String> = dom
            .elements("script")
            .map(|s| dom.text_content(s))
            .collect();
        assert_eq!(scripts, ["", "{\"a\":\"&amp;\"}"]);
        assert_eq!(dom.text_content(0), "A & B{\"a\":\"&amp;\"}shown");
    }

    #[test]
    fn character_references() {
        let mut out = String::new();
        decode_into(
            "caf&eacute; &#8217;&#x2014;&#150; &copy 5 &lt;&gt; &bogus; AT&T &#0;",
            &mut out,
        );
        assert_eq!(out, "café ’—– © 5 <> &bogus; AT&T \u{FFFD}");
    }

    #[test]
    fn attributes_in_every_form() {
        let dom = Dom::parse("<a HREF='/x?a=1&amp;b=2' data-x=plain hidden title=\"q'\">t</a>");
        let attrs: Vec<(&str, &str)> = dom.attrs(1).collect();
        assert_eq!(
            attrs,
            [
                ("href", "/x?a=1&b=2"),
                ("data-x", "plain"),
                ("hidden", ""),
                ("title", "q'")
            ]
        );
    }

    #[test]
    fn truncated_input_does_not_panic() {
        for page in [
            "<",
            "<a",
            "<a href='x",
            "<!--",
            "<script>x",
            "&#",
            "&#x",
            "</",
            "<p/>",
        ] {
            let dom = Dom::parse(page);
            assert!(dom.end(0) == dom.nodes.len());
        }
    }
}
