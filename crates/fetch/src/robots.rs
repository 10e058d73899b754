//! A small robots.txt reader: the group for our product token (else `*`), Allow/Disallow
//! rules with `*` and `$` wildcards, the longest match winning and Allow winning ties, and
//! Crawl-delay.

use std::time::Duration;

/// The rules of one host that apply to Dragoman.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Robots {
    /// `(allow, pattern)` pairs.
    rules: Vec<(bool, String)>,
    /// The pause the site asks for between requests.
    pub crawl_delay: Option<Duration>,
}

#[derive(Default)]
struct Group {
    agents: Vec<String>,
    rules: Vec<(bool, String)>,
    delay: Option<Duration>,
}

impl Robots {
    /// Reads robots.txt `text` for the product `token` (lower case).
    pub fn parse(text: &str, token: &str) -> Robots {
        let mut groups: Vec<Group> = Vec::new();
        let mut in_agents = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or_default().trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            match key.as_str() {
                "user-agent" => {
                    if !in_agents {
                        groups.push(Group::default());
                    }
                    in_agents = true;
                    if let Some(group) = groups.last_mut() {
                        group.agents.push(value.to_ascii_lowercase());
                    }
                }
                "allow" | "disallow" => {
                    in_agents = false;
                    if let Some(group) = groups.last_mut()
                        && !value.is_empty()
                    {
                        group.rules.push((key == "allow", value.to_owned()));
                    }
                }
                "crawl-delay" => {
                    in_agents = false;
                    if let Some(group) = groups.last_mut() {
                        group.delay = value
                            .parse::<f64>()
                            .ok()
                            .filter(|s| s.is_finite() && *s >= 0.0 && *s <= 3600.0)
                            .map(Duration::from_secs_f64);
                    }
                }
                _ => {}
            }
        }
        let ours = |g: &&Group| {
            g.agents
                .iter()
                .any(|a| a != "*" && token.contains(a.as_str()))
        };
        let chosen: Vec<&Group> = if groups.iter().any(|g| ours(&g)) {
            groups.iter().filter(ours).collect()
        } else {
            groups
                .iter()
                .filter(|g| g.agents.iter().any(|a| a == "*"))
                .collect()
        };
        Robots {
            rules: chosen.iter().flat_map(|g| g.rules.clone()).collect(),
            crawl_delay: chosen.iter().find_map(|g| g.delay),
        }
    }

    /// Whether `path` (with its query) may be fetched.
    pub fn allows(&self, path: &str) -> bool {
        let mut best: Option<(usize, bool)> = None;
        for (allow, pattern) in &self.rules {
            if matches(pattern, path) {
                let length = pattern.len();
                let better = match best {
                    None => true,
                    Some((len, was_allow)) => {
                        length > len || (length == len && *allow && !was_allow)
                    }
                };
                if better {
                    best = Some((length, *allow));
                }
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// Matches a robots pattern (a path prefix with `*` for any run and a final `$` anchoring
/// the end) against `path`.
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let mut pieces = pattern.split('*');
    let first = pieces.next().unwrap_or_default();
    let Some(mut rest) = path.strip_prefix(first) else {
        return false;
    };
    let pieces: Vec<&str> = pieces.collect();
    for (i, piece) in pieces.iter().enumerate() {
        let last = i + 1 == pieces.len();
        if last && anchored {
            return rest.ends_with(piece);
        }
        match rest.find(piece) {
            Some(at) => rest = rest.get(at + piece.len()..).unwrap_or_default(),
            None => return false,
        }
    }
    !anchored || rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_group_beats_star_and_longest_rule_wins() {
        let text = "User-agent: *\nDisallow: /\n\nUser-agent: Dragoman\nDisallow: /private/\nAllow: /private/open\nCrawl-delay: 2\n";
        let robots = Robots::parse(text, "dragoman");
        assert!(robots.allows("/news/today"));
        assert!(!robots.allows("/private/x"));
        assert!(robots.allows("/private/open/page"));
        assert_eq!(robots.crawl_delay, Some(Duration::from_secs(2)));
    }

    #[test]
    fn star_group_and_wildcards() {
        let text = "User-agent: other\nDisallow: /\nUser-agent: *\nDisallow: /*.pdf$\nDisallow: /search?\n";
        let robots = Robots::parse(text, "dragoman");
        assert!(!robots.allows("/files/report.pdf"));
        assert!(robots.allows("/files/report.pdf.html"));
        assert!(!robots.allows("/search?q=talks"));
        assert!(robots.allows("/"));
    }

    #[test]
    fn empty_or_garbage_allows_everything() {
        assert!(Robots::parse("", "dragoman").allows("/a"));
        assert!(Robots::parse("\u{0}\u{1}junk: : :\nDisallow", "dragoman").allows("/a"));
    }
}
