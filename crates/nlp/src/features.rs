//! Helpers shared by the project's hashed-feature taggers (quote attribution, part of speech
//! and chunks): the feature hash, word affixes and the stored form of trained weights.

use std::hash::Hasher;

/// FNV-1a over feature parts.
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The hash of one feature: its template number and its parts (each followed by a separator
/// byte no UTF-8 text holds), folded to 32 bits. The trained models depend on these exact
/// values.
pub(crate) fn hash(template: u8, parts: &[&str]) -> u32 {
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    h.write(&[template]);
    for p in parts {
        h.write(p.as_bytes());
        h.write(&[0xff]);
    }
    (h.finish() >> 32) as u32
}

/// The last `count` characters of a word (all of it when shorter).
pub(crate) fn last_chars(w: &str, count: usize) -> &str {
    let start = w
        .char_indices()
        .rev()
        .nth(count.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    w.get(start..).unwrap_or(w)
}

/// Stored weights: a 4-byte `magic` header, an `f32` scale and little-endian `i16` weights in
/// rows of `row` values over a power-of-two number of buckets. Returns the weights, the scale
/// and the bucket mask; `what` names the model in errors.
pub(crate) fn read_weights(
    bytes: &[u8],
    magic: &[u8; 4],
    row: usize,
    what: &str,
) -> Result<(Vec<i16>, f32, u32), crate::NlpError> {
    let bad = |message: &str| crate::NlpError::Lexicon {
        name: what.into(),
        message: message.into(),
    };
    let body = bytes
        .strip_prefix(magic.as_slice())
        .ok_or_else(|| bad("bad header"))?;
    let (scale, body) = body.split_at_checked(4).ok_or_else(|| bad("no scale"))?;
    let scale: [u8; 4] = scale.try_into().map_err(|_| bad("no scale"))?;
    let buckets = body.len() / (row * 2).max(1);
    if body.len() % (row * 2).max(1) != 0 || !buckets.is_power_of_two() {
        return Err(bad("wrong size"));
    }
    let weights = body
        .chunks_exact(2)
        .map(|c| i16::from_le_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
        .collect();
    Ok((weights, f32::from_le_bytes(scale), (buckets - 1) as u32))
}

/// Shuffles `order` in place with a xorshift generator whose `state` carries over between
/// calls (one call per training epoch): the same seed gives the same order.
#[cfg(test)]
pub(crate) fn shuffle(order: &mut [usize], state: &mut u64) {
    for i in (1..order.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        order.swap(i, (*state % (i as u64 + 1)) as usize);
    }
}

/// An averaged perceptron's final weights quantised for storage: each weight minus its
/// accumulated updates over `step` (the average over training), as `i16` multiples of the
/// returned scale (the largest weight / `i16::MAX`). Training runs as ignored tests only.
#[cfg(test)]
pub(crate) fn averaged_quantised(weights: &[f32], totals: &[f64], step: f64) -> (Vec<i16>, f32) {
    let averaged: Vec<f32> = weights
        .iter()
        .zip(totals)
        .map(|(w, t)| (f64::from(*w) - t / step) as f32)
        .collect();
    let largest = averaged.iter().fold(0.0f32, |m, w| m.max(w.abs()));
    let scale = if largest > 0.0 {
        largest / f32::from(i16::MAX)
    } else {
        1.0
    };
    let quantised = averaged
        .iter()
        .map(|w| (w / scale).round() as i16)
        .collect();
    (quantised, scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_separate_parts_and_templates() {
        assert_ne!(hash(1, &["ab", "c"]), hash(1, &["a", "bc"]));
        assert_ne!(hash(1, &["word"]), hash(2, &["word"]));
        assert_eq!(hash(7, &["said"]), hash(7, &["said"]));
    }

    #[test]
    fn last_chars_counts_characters_not_bytes() {
        assert_eq!(last_chars("Kyïv", 2), "ïv");
        assert_eq!(last_chars("ab", 5), "ab");
        assert_eq!(last_chars("", 3), "");
    }

    #[test]
    fn averaged_weights_keep_their_ratios_when_quantised() {
        let (q, scale) = averaged_quantised(&[2.0, -1.0, 0.0], &[2.0, 0.0, 0.0], 2.0);
        assert_eq!(q, [i16::MAX, -i16::MAX, 0]);
        assert!((scale - 1.0 / f32::from(i16::MAX)).abs() < 1e-9);
        assert_eq!(averaged_quantised(&[0.0], &[0.0], 1.0), (vec![0], 1.0));
    }
}
