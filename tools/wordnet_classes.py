#!/usr/bin/env python3
"""Writes data/lexicons/word-classes.tsv from WordNet 3.0 (Debian package wordnet-base).

For every one-word noun and verb lemma of WordNet: its lexicographer classes (the
`lexnames` of its synsets: verb.communication, noun.act, ...), most frequent sense first,
at most eight distinct ones. Then WordNet's exception lists for nouns and verbs (irregular
forms: "said" -> "say", "children" -> "child") as rows pointing at their lemma.

Usage: python3 tools/wordnet_classes.py [/usr/share/wordnet] > data/lexicons/word-classes.tsv
"""

import os
import sys

# WordNet's lexicographer files, by number (fixed by WordNet's documentation, lexnames(5WN)).
LEXNAMES = [
    "adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal",
    "noun.artifact", "noun.attribute", "noun.body", "noun.cognition",
    "noun.communication", "noun.event", "noun.feeling", "noun.food", "noun.group",
    "noun.location", "noun.motive", "noun.object", "noun.person", "noun.phenomenon",
    "noun.plant", "noun.possession", "noun.process", "noun.quantity", "noun.relation",
    "noun.shape", "noun.state", "noun.substance", "noun.time", "verb.body",
    "verb.change", "verb.cognition", "verb.communication", "verb.competition",
    "verb.consumption", "verb.contact", "verb.creation", "verb.emotion", "verb.motion",
    "verb.perception", "verb.possession", "verb.social", "verb.stative", "verb.weather",
    "adj.ppl",
]

MAX_CLASSES = 8

HEADER = """\
# Word classes from WordNet 3.0: word<TAB>n|v<TAB>classes (lexicographer files without
# their "noun."/"verb." prefix, most frequent sense first, at most eight), or, for an
# irregular form from WordNet's exception lists, word<TAB>n|v<TAB>=lemma[,lemma].
# Written by tools/wordnet_classes.py; see README-word-classes.md.
#
# WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.  BY WAY OF EXAMPLE, BUT NOT
# LIMITATION, PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT-
# ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE,
# DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS,
# TRADEMARKS OR OTHER RIGHTS.
# The name of Princeton University or Princeton may not be used in advertising or
# publicity pertaining to distribution of the software and/or database.  Title to
# copyright in this software, database and any associated documentation shall at all
# times remain with Princeton University and LICENSEE agrees to preserve same.
"""


def plain(word):
    """One word of letters, with inner hyphens or apostrophes."""
    return word.replace("-", "").replace("'", "").isalpha()


def synset_classes(path):
    """Lexicographer file number of every synset offset of a data file."""
    out = {}
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            parts = line.split(" ", 3)
            out[parts[0]] = int(parts[1])
    return out


def lemmas(wordnet, pos, name):
    classes = synset_classes(os.path.join(wordnet, f"data.{name}"))
    rows = []
    with open(os.path.join(wordnet, f"index.{name}"), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            parts = line.split()
            lemma = parts[0]
            if not plain(lemma):
                continue
            synsets = int(parts[2])
            pointers = int(parts[3])
            offsets = parts[4 + pointers + 2:][:synsets]
            found = []
            for o in offsets:
                c = LEXNAMES[classes[o]].split(".", 1)[1]
                if c not in found:
                    found.append(c)
            rows.append((lemma, pos, ",".join(found[:MAX_CLASSES])))
    return rows


def exceptions(wordnet, pos, name):
    rows = []
    with open(os.path.join(wordnet, f"{name}.exc"), encoding="latin-1") as f:
        for line in f:
            parts = line.split()
            form, bases = parts[0], [b for b in parts[1:] if plain(b)]
            if plain(form) and bases:
                rows.append((form, pos, "=" + ",".join(bases)))
    return rows


def main():
    wordnet = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
    rows = []
    for pos, name in (("n", "noun"), ("v", "verb")):
        rows += lemmas(wordnet, pos, name)
        rows += exceptions(wordnet, pos, name)
    sys.stdout.write(HEADER)
    for word, pos, classes in sorted(set(rows)):
        sys.stdout.write(f"{word}\t{pos}\t{classes}\n")


if __name__ == "__main__":
    main()
