//! The tagger: weights, Viterbi decoding and the binary model format.

use crate::features::{self, DocContext, DocTags, Lexicon, Prepared, SentenceFeatures, WordStats};
use crate::{NUM_TAGS, NerError, Tag};
use std::path::Path;

/// The shipped English model.
static EMBEDDED_MODEL: &[u8] = include_bytes!("../../../models/ner/en.bin");

/// Magic bytes and format version at the start of a model file.
const MAGIC: &[u8; 8] = b"DRGNER\x00\x04";

/// Score of a forbidden transition.
const FORBIDDEN: f32 = -1.0e30;

/// One feature's quantised weights, stored in the hash table itself so that a lookup touches
/// one cache line.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    /// Feature key; 0 = empty slot.
    key: u32,
    /// Weight per tag, in units of the model's scale.
    w: [i16; NUM_TAGS],
}

fn slot(key: u32, mask: usize) -> usize {
    (key.wrapping_mul(0x9e37_79b1) as usize) & mask
}

/// Open-addressing map from feature key (non-zero) to its quantised weights.
#[derive(Debug, Clone, Default)]
struct FeatureTable {
    slots: Vec<Slot>,
    mask: usize,
}

impl FeatureTable {
    fn new(entries: &[(u32, [i16; NUM_TAGS])]) -> FeatureTable {
        let capacity = (entries.len() * 2).next_power_of_two().max(16);
        let mask = capacity - 1;
        let mut slots = vec![Slot::default(); capacity];
        for &(key, w) in entries {
            let mut i = slot(key, mask);
            while let Some(s) = slots.get_mut(i) {
                if s.key == 0 || s.key == key {
                    *s = Slot { key, w };
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        FeatureTable { slots, mask }
    }

    fn get(&self, key: u32) -> Option<&[i16; NUM_TAGS]> {
        let mut i = slot(key, self.mask);
        loop {
            match self.slots.get(i) {
                Some(s) if s.key == key => return Some(&s.w),
                Some(s) if s.key == 0 => return None,
                None => return None,
                Some(_) => i = (i + 1) & self.mask,
            }
        }
    }

    /// The stored features, sorted by key.
    fn entries(&self) -> Vec<(u32, [i16; NUM_TAGS])> {
        let mut e: Vec<_> = self
            .slots
            .iter()
            .filter(|s| s.key != 0)
            .map(|s| (s.key, s.w))
            .collect();
        e.sort_unstable_by_key(|&(k, _)| k);
        e
    }
}

/// One linear sequence model: emission weights per feature, transition and start scores.
#[derive(Debug, Clone)]
pub(crate) struct Weights {
    table: FeatureTable,
    /// Value of one unit of the quantised emission weights.
    scale: f32,
    /// `trans[prev][cur]`.
    trans: [[f32; NUM_TAGS]; NUM_TAGS],
    /// Score of each tag at the first token.
    start: [f32; NUM_TAGS],
}

impl Weights {
    /// Builds a model from learnt parameters (`weights` has `NUM_TAGS` values per key);
    /// emission weights are quantised to 16 bits, IOB2-forbidden transitions are enforced.
    pub(crate) fn new(
        keys: Vec<u32>,
        weights: Vec<f32>,
        trans: [[f32; NUM_TAGS]; NUM_TAGS],
        start: [f32; NUM_TAGS],
    ) -> Weights {
        let max = weights.iter().fold(0.0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let entries: Vec<(u32, [i16; NUM_TAGS])> = keys
            .iter()
            .zip(weights.chunks_exact(NUM_TAGS))
            .map(|(&k, row)| {
                let q = std::array::from_fn(|t| {
                    let w = row.get(t).copied().unwrap_or(0.0);
                    (w / scale).round().clamp(-32767.0, 32767.0) as i16
                });
                (k, q)
            })
            .collect();
        Weights::from_quantised(&entries, scale, trans, start)
    }

    fn from_quantised(
        entries: &[(u32, [i16; NUM_TAGS])],
        scale: f32,
        mut trans: [[f32; NUM_TAGS]; NUM_TAGS],
        mut start: [f32; NUM_TAGS],
    ) -> Weights {
        for (cur, s) in start.iter_mut().enumerate() {
            if !Tag::from_index(cur).may_follow(None) {
                *s = FORBIDDEN;
            }
        }
        for (prev, row) in trans.iter_mut().enumerate() {
            for (cur, t) in row.iter_mut().enumerate() {
                if !Tag::from_index(cur).may_follow(Some(Tag::from_index(prev))) {
                    *t = FORBIDDEN;
                }
            }
        }
        Weights {
            table: FeatureTable::new(entries),
            scale,
            trans,
            start,
        }
    }

    /// Adds the quantised emission weights of `keys` to `acc`.
    fn emission(&self, keys: &[u32], acc: &mut [i32; NUM_TAGS]) {
        for &key in keys {
            if let Some(w) = self.table.get(key) {
                for (a, &x) in acc.iter_mut().zip(w) {
                    *a += i32::from(x);
                }
            }
        }
    }

    /// Viterbi decoding of a sentence whose token features are spread over `parts` (each part
    /// has one entry per token).
    pub(crate) fn decode(&self, parts: &[&SentenceFeatures]) -> Vec<Tag> {
        let n = parts.first().map_or(0, |p| p.len());
        let emissions: Vec<[f32; NUM_TAGS]> = (0..n)
            .map(|i| {
                let mut acc = [0i32; NUM_TAGS];
                for part in parts {
                    self.emission(part.token(i), &mut acc);
                }
                acc.map(|a| a as f32 * self.scale)
            })
            .collect();
        viterbi(&emissions, &self.start, &self.trans)
            .into_iter()
            .map(Tag::from_index)
            .collect()
    }

    fn write(&self, out: &mut Vec<u8>) {
        for v in self.start.iter().chain(self.trans.iter().flatten()) {
            // Forbidden entries are restored on load; store them as 0.
            let v = if *v <= FORBIDDEN { 0.0 } else { *v };
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&self.scale.to_le_bytes());
        let entries = self.table.entries();
        put_varint(out, entries.len() as u64);
        let mut last = 0u32;
        for (key, q) in entries {
            put_varint(out, u64::from(key - last));
            last = key;
            let mask = q
                .iter()
                .enumerate()
                .filter(|(_, v)| **v != 0)
                .fold(0u16, |m, (t, _)| m | (1 << t));
            out.extend_from_slice(&mask.to_le_bytes());
            for v in q.iter().filter(|v| **v != 0) {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
    }

    fn read(r: &mut Reader) -> Result<Weights, NerError> {
        let mut start = [0.0; NUM_TAGS];
        for s in start.iter_mut() {
            *s = r.f32()?;
        }
        let mut trans = [[0.0; NUM_TAGS]; NUM_TAGS];
        for t in trans.iter_mut().flatten() {
            *t = r.f32()?;
        }
        let scale = r.f32()?;
        if !scale.is_finite() {
            return Err(NerError::BadModel("invalid weight scale".into()));
        }
        let n = r.count()?;
        let mut entries: Vec<(u32, [i16; NUM_TAGS])> = Vec::with_capacity(n);
        let mut key = 0u32;
        for _ in 0..n {
            key = r.next_key(key)?;
            if entries.last().is_some_and(|&(k, _)| k == key) {
                return Err(NerError::BadModel("duplicate feature key".into()));
            }
            let mask = u16::from_le_bytes([r.u8()?, r.u8()?]);
            let mut q = [0i16; NUM_TAGS];
            for (t, w) in q.iter_mut().enumerate() {
                if mask & (1 << t) != 0 {
                    *w = i16::from_le_bytes([r.u8()?, r.u8()?]);
                }
            }
            entries.push((key, q));
        }
        Ok(Weights::from_quantised(&entries, scale, trans, start))
    }
}

/// A trained named-entity tagger. Cheap to share between threads (`Send + Sync`).
///
/// A first model tags from word, context and document-spelling features; an optional second
/// model re-tags with, in addition, the first model's tags of the same words elsewhere in the
/// document (document-level consistency).
#[derive(Debug, Clone)]
pub struct Tagger {
    first: Weights,
    second: Option<Weights>,
    lexicon: Lexicon,
}

impl Tagger {
    /// Assembles a tagger.
    pub(crate) fn from_parts(first: Weights, second: Option<Weights>, lexicon: Lexicon) -> Tagger {
        Tagger {
            first,
            second,
            lexicon,
        }
    }

    /// The shipped English model (trained on CoNLL-2003 English, see `models/ner/README.md`).
    pub fn embedded() -> Result<Tagger, NerError> {
        Tagger::from_bytes(EMBEDDED_MODEL)
    }

    /// Loads a model file written by [`Tagger::to_bytes`].
    pub fn load(path: &Path) -> Result<Tagger, NerError> {
        let bytes = std::fs::read(path).map_err(|source| NerError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Tagger::from_bytes(&bytes)
    }

    /// Tags one sentence: one valid IOB2 tag per token.
    pub fn tag(&self, tokens: &[&str]) -> Vec<Tag> {
        self.tag_document(&[tokens]).pop().unwrap_or_default()
    }

    /// Tags the sentences of one document together: how a word is spelt, and how the first
    /// pass tagged it, elsewhere in the document informs each occurrence.
    pub fn tag_document(&self, sentences: &[&[&str]]) -> Vec<Vec<Tag>> {
        let prepared: Vec<Prepared> = sentences
            .iter()
            .map(|tokens| Prepared::new(tokens, &self.lexicon))
            .collect();
        let mut doc = DocContext::default();
        for p in &prepared {
            doc.add(p);
        }
        let feats: Vec<SentenceFeatures> = prepared
            .iter()
            .map(|p| {
                let mut f = SentenceFeatures::default();
                features::extract(p, &doc, &mut f);
                f
            })
            .collect();
        let first: Vec<Vec<Tag>> = feats.iter().map(|f| self.first.decode(&[f])).collect();
        let Some(second) = &self.second else {
            return first;
        };
        let doc_tags = DocTags::new(&prepared, &first);
        let mut extra = SentenceFeatures::default();
        prepared
            .iter()
            .zip(&feats)
            .zip(&first)
            .map(|((p, f), tags)| {
                doc_tags.extract(p, tags, &mut extra);
                second.decode(&[f, &extra])
            })
            .collect()
    }

    /// Serialises the model (format described in `models/ner/README.md`).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        // Lexicon: sorted keys, delta-varint, then classes and case bin.
        let mut lex: Vec<(u32, WordStats)> =
            self.lexicon.words.iter().map(|(&k, &v)| (k, v)).collect();
        lex.sort_unstable_by_key(|&(k, _)| k);
        put_varint(&mut out, lex.len() as u64);
        let mut last = 0u32;
        for (k, stats) in &lex {
            put_varint(&mut out, u64::from(k - last));
            last = *k;
            put_varint(&mut out, u64::from(stats.coarse));
            put_varint(&mut out, u64::from(stats.fine));
            out.push(stats.case_bin);
        }
        // Known names: sorted 64-bit keys (delta varint) and type masks.
        let mut names: Vec<(u64, u8)> = self.lexicon.names.iter().map(|(&k, &m)| (k, m)).collect();
        names.sort_unstable_by_key(|&(k, _)| k);
        put_varint(&mut out, names.len() as u64);
        let mut last = 0u64;
        for (k, mask) in names {
            put_varint(&mut out, k - last);
            last = k;
            out.push(mask);
        }
        out.push(if self.second.is_some() { 2 } else { 1 });
        self.first.write(&mut out);
        if let Some(second) = &self.second {
            second.write(&mut out);
        }
        out
    }

    /// Reads a model written by [`Tagger::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, NerError> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(NerError::BadModel(
                "not a Dragoman NER model (bad magic or version)".into(),
            ));
        }
        let lex_len = r.count()?;
        let mut lexicon = Lexicon::default();
        lexicon.words.reserve(lex_len);
        let mut key = 0u32;
        for _ in 0..lex_len {
            key = r.next_key(key)?;
            let coarse = r.class()?;
            let fine = r.class()?;
            let case_bin = r.u8()?;
            lexicon.words.insert(
                key,
                WordStats {
                    coarse,
                    fine,
                    case_bin,
                },
            );
        }
        let n_names = r.count()?;
        lexicon.names.reserve(n_names);
        let mut name_key = 0u64;
        for i in 0..n_names {
            let delta = r.varint()?;
            if i > 0 && delta == 0 {
                return Err(NerError::BadModel("duplicate name key".into()));
            }
            name_key = name_key
                .checked_add(delta)
                .ok_or_else(|| NerError::BadModel("name key overflow".into()))?;
            lexicon.names.insert(name_key, r.u8()?);
        }
        lexicon.max_name_len = if n_names > 0 {
            features::MAX_NAME_LEN
        } else {
            0
        };
        let stages = r.u8()?;
        if !(1..=2).contains(&stages) {
            return Err(NerError::BadModel(format!("{stages} model stages")));
        }
        let first = Weights::read(&mut r)?;
        let second = if stages == 2 {
            Some(Weights::read(&mut r)?)
        } else {
            None
        };
        if r.pos != bytes.len() {
            return Err(NerError::BadModel(
                "trailing bytes after the weights".into(),
            ));
        }
        Ok(Tagger::from_parts(first, second, lexicon))
    }
}

/// Best tag-index sequence under start scores, transition scores and per-token emissions.
pub(crate) fn viterbi(
    emissions: &[[f32; NUM_TAGS]],
    start: &[f32; NUM_TAGS],
    trans: &[[f32; NUM_TAGS]; NUM_TAGS],
) -> Vec<usize> {
    let Some(first) = emissions.first() else {
        return Vec::new();
    };
    let mut score: [f32; NUM_TAGS] = std::array::from_fn(|t| first[t] + start[t]);
    let mut back: Vec<[u8; NUM_TAGS]> = Vec::with_capacity(emissions.len());
    for e in emissions.iter().skip(1) {
        let mut next = [0.0f32; NUM_TAGS];
        let mut ptr = [0u8; NUM_TAGS];
        for cur in 0..NUM_TAGS {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for prev in 0..NUM_TAGS {
                let s = score[prev] + trans[prev][cur];
                if s > best {
                    best = s;
                    arg = prev;
                }
            }
            next[cur] = best + e[cur];
            ptr[cur] = arg as u8;
        }
        score = next;
        back.push(ptr);
    }
    let mut best = 0;
    for t in 1..NUM_TAGS {
        if score[t] > score[best] {
            best = t;
        }
    }
    let mut path = vec![best];
    for ptr in back.iter().rev() {
        best = usize::from(ptr[best]);
        path.push(best);
    }
    path.reverse();
    path
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Bounds-checked little-endian reader over model bytes.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], NerError> {
        let end = self.pos.checked_add(n);
        let slice = end.and_then(|end| self.bytes.get(self.pos..end));
        match (slice, end) {
            (Some(s), Some(end)) => {
                self.pos = end;
                Ok(s)
            }
            _ => Err(NerError::BadModel("truncated model".into())),
        }
    }

    fn u8(&mut self) -> Result<u8, NerError> {
        self.take(1).map(|s| s.first().copied().unwrap_or(0))
    }

    fn f32(&mut self) -> Result<f32, NerError> {
        let s = self.take(4)?;
        let mut b = [0u8; 4];
        b.copy_from_slice(s);
        Ok(f32::from_le_bytes(b))
    }

    fn varint(&mut self) -> Result<u64, NerError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(NerError::BadModel("overlong varint".into()))
    }

    /// A word class id.
    fn class(&mut self) -> Result<u16, NerError> {
        u16::try_from(self.varint()?)
            .map_err(|_| NerError::BadModel("word class out of range".into()))
    }

    /// A count, checked against the remaining bytes so a corrupt file cannot ask for a huge
    /// allocation.
    fn count(&mut self) -> Result<usize, NerError> {
        let n = usize::try_from(self.varint()?)
            .map_err(|_| NerError::BadModel("count out of range".into()))?;
        if n > self.bytes.len().saturating_sub(self.pos) {
            return Err(NerError::BadModel("count exceeds file size".into()));
        }
        Ok(n)
    }

    /// Next key of a strictly sorted, delta-encoded key list.
    fn next_key(&mut self, last: u32) -> Result<u32, NerError> {
        let delta = u32::try_from(self.varint()?)
            .map_err(|_| NerError::BadModel("key delta out of range".into()))?;
        match last.checked_add(delta) {
            Some(k) if k != 0 => Ok(k),
            _ => Err(NerError::BadModel("invalid feature key".into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viterbi_respects_iob2() {
        // Emissions prefer I-PER everywhere, which is invalid at the start and after O.
        let tagger = Weights::new(
            Vec::new(),
            Vec::new(),
            [[0.0; NUM_TAGS]; NUM_TAGS],
            [0.0; NUM_TAGS],
        );
        let mut e = [0.0; NUM_TAGS];
        e[Tag::I(crate::EntityType::Per).index()] = 5.0;
        let path = viterbi(&[e, e, e], &tagger.start, &tagger.trans);
        let tags: Vec<Tag> = path.into_iter().map(Tag::from_index).collect();
        assert_eq!(tags[0], Tag::B(crate::EntityType::Per));
        for w in tags.windows(2) {
            assert!(w[1].may_follow(Some(w[0])));
        }
        assert!(viterbi(&[], &tagger.start, &tagger.trans).is_empty());
    }

    #[test]
    fn table_lookup() {
        let entries: Vec<(u32, [i16; NUM_TAGS])> = [5u32, 9, 1 << 20, 77]
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, [i as i16; NUM_TAGS]))
            .collect();
        let t = FeatureTable::new(&entries);
        assert_eq!(t.get(9).map(|w| w[0]), Some(1));
        assert_eq!(t.get(77).map(|w| w[8]), Some(3));
        assert_eq!(t.get(6), None);
        assert_eq!(t.entries().len(), 4);
    }

    #[test]
    fn bad_bytes_are_errors() {
        assert!(Tagger::from_bytes(b"").is_err());
        assert!(Tagger::from_bytes(b"DRGNER\x00\x04").is_err());
        let good = Tagger::embedded().map(|t| t.to_bytes()).unwrap_or_default();
        for cut in [9, 100, good.len() / 2, good.len().saturating_sub(1)] {
            assert!(Tagger::from_bytes(&good[..cut.min(good.len())]).is_err());
        }
    }
}
