//! Outlet names for web domains, from the embedded `data/outlets.toml`.

use std::collections::HashMap;
use std::sync::LazyLock;

/// The shipped domain table: `[domains]` with `"domain" = "Outlet name"` lines.
const OUTLETS_TOML: &str = include_str!("../../../data/outlets.toml");

#[derive(serde::Deserialize)]
struct OutletFile {
    domains: HashMap<String, String>,
}

static OUTLETS: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    toml::from_str::<OutletFile>(OUTLETS_TOML)
        .map(|file| file.domains)
        .unwrap_or_default()
});

/// The web domain of a URL, lower case and without `www.`: "https://www.Reuters.com/x" →
/// "reuters.com". `None` when the URL has no host.
pub fn domain_of(url: &str) -> Option<String> {
    let rest = url.trim();
    let rest = match rest.find("://") {
        Some(at) => rest.get(at + 3..)?,
        None if rest.starts_with("//") => rest.get(2..)?,
        None => rest,
    };
    let host = rest
        .split(['/', '?', '#'])
        .next()?
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .trim_end_matches('.')
        .to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let valid = host.contains('.')
        && host.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    valid.then(|| host.to_owned())
}

/// The outlet name for a domain from the table, trying parent domains too
/// ("edition.cnn.com" → "CNN"); `None` when the table does not know it.
pub fn outlet_for_domain(domain: &str) -> Option<&'static str> {
    let mut candidate = domain.strip_prefix("www.").unwrap_or(domain);
    loop {
        if let Some(name) = OUTLETS.get(candidate) {
            return Some(name.as_str());
        }
        let (_, parent) = candidate.split_once('.')?;
        if !parent.contains('.') {
            return None;
        }
        candidate = parent;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_and_is_large() {
        let parsed = toml::from_str::<OutletFile>(OUTLETS_TOML).map(|f| f.domains.len());
        assert!(parsed.as_ref().is_ok_and(|n| *n >= 150), "{parsed:?}");
    }

    #[test]
    fn domains_and_names() {
        assert_eq!(
            domain_of("https://www.Reuters.com/world/x?y=1").as_deref(),
            Some("reuters.com")
        );
        assert_eq!(
            domain_of("http://user@tass.com:8080/a").as_deref(),
            Some("tass.com")
        );
        assert_eq!(domain_of("not a url"), None);
        assert_eq!(outlet_for_domain("tass.com"), Some("TASS"));
        assert_eq!(outlet_for_domain("edition.cnn.com"), Some("CNN"));
        assert_eq!(
            outlet_for_domain("kyivindependent.com"),
            Some("The Kyiv Independent")
        );
        assert_eq!(outlet_for_domain("example.org"), None);
    }
}
