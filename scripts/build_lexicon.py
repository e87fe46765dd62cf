"""Build the guard's vendored lexicon (optimizer/data/lexicon/) from Debian's packages.

    apt-get install wordnet-base wamerican wbritish
    python scripts/build_lexicon.py

Writes three files, each derived data under its source's licence (see LICENSE there):

* ``words.txt.gz``    every known English word, lowercase (SCOWL american + british lists
                      and WordNet 3.0's single-word lemmas): a word not in it is never
                      "corrected" into one that is, unless it is a plain typo of it;
* ``names.txt.gz``    the words the SCOWL lists hold only with a capital (places, people,
                      brands), lowercase: a typo repair never lands on one;
* ``spelling.tsv``    British -> American spelling pairs, each accepted only when the British
                      form is in the British list and not the American one and the American
                      form the other way round (so "four"/"for" or "timbre"/"timber" never pair).

(A third file, WordNet synonym classes for the aggressive strategy, was dropped: it served
no paraphrase of the guard's suites and merged different requests, "older"/"elderly".)
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

WORDNET = Path("/usr/share/wordnet")
DICT = Path("/usr/share/dict")
OUT = Path(__file__).resolve().parent.parent / "optimizer" / "data" / "lexicon"
POS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}


def read_list(name: str) -> set[str]:
    return {w.strip() for w in (DICT / name).read_text(encoding="utf-8", errors="replace").splitlines() if w.strip()}


def wordnet_index() -> dict[tuple[str, str], list[str]]:
    """(lemma, pos) -> synset offsets in WordNet's order (most frequent sense first)."""
    out = {}
    for pos, name in POS.items():
        for line in (WORDNET / f"index.{name}").read_text(encoding="utf-8").splitlines():
            if line.startswith(" "):
                continue
            parts = line.split()
            lemma, n_synsets, n_ptrs = parts[0], int(parts[2]), int(parts[3])
            offsets = parts[4 + n_ptrs + 2 :]
            assert len(offsets) == n_synsets, line
            out[(lemma, pos)] = [pos + o for o in offsets]
    return out


UK_US = [
    (r"isation(s?)$", r"ization\1"),
    (r"ise(s|d)?$", r"ize\1"),
    (r"ising$", "izing"),
    (r"iser(s?)$", r"izer\1"),
    (r"yse(s|d)?$", r"yze\1"),
    (r"ysing$", "yzing"),
    (r"our(s|ed|ing|ful|less|ite|ites|able)?$", r"or\1"),
    (r"([^aeiou])re(s|d)?$", r"\1er\2"),
    (r"ll(ed|ing|er|ers)$", r"l\1"),
    (r"ogue(s?)$", r"og\1"),
    (r"ence(s?)$", r"ense\1"),
    (r"(?<=[a-z])ae(?=[a-z]{2})", "e"),
    (r"^ae(?=[a-z]{2})", "e"),
    (r"(?<=[a-z])oe(?=[a-z]{2})", "e"),
    (r"^oe(?=[a-z]{2})", "e"),
    (r"mme(s?)$", r"m\1"),
    (r"ph", "f"),
    (r"ey$", "ay"),
    (r"eing$", "ing"),
]


def spelling_pairs(american: set[str], british: set[str]) -> list[tuple[str, str]]:
    uk_only = {w for w in british - american if w.islower() and "'" not in w}
    us_only = {w for w in american - british if w.islower()}
    pairs = []
    for word in sorted(uk_only):
        for pattern, repl in UK_US:
            us = re.sub(pattern, repl, word)
            if us != word and us in us_only:
                pairs.append((word, us))
                break
    return pairs


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    american, british = read_list("american-english"), read_list("british-english")
    index = wordnet_index()
    words = {w.lower() for w in american | british if "'" not in w}
    words |= {lemma.lower() for lemma, _ in index if "_" not in lemma}
    with gzip.open(OUT / "words.txt.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("\n".join(sorted(words)) + "\n")
    pairs = spelling_pairs(american, british)
    (OUT / "spelling.tsv").write_text("".join(f"{uk}\t{us}\n" for uk, us in pairs), encoding="utf-8")
    names = sorted(proper_names(american | british))
    with gzip.open(OUT / "names.txt.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("\n".join(names) + "\n")
    print(f"{len(words)} words, {len(pairs)} spelling pairs, {len(names)} names")


def proper_names(listed: set[str]) -> set[str]:
    """The listed words written only with a capital (lowercased): names of places, people and
    brands ("Montpelier", "Barcelona"), never a common word ("antioxidant")."""
    lower = {w for w in listed if w[:1].islower()}
    return {w.lower() for w in listed if w[:1].isupper() and "'" not in w and w.lower() not in lower}


if __name__ == "__main__":
    main()
