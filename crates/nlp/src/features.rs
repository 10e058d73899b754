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
