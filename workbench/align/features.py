"""Language-independent sentence features: tokens that survive translation, and their weights.

Every sentence becomes a set of token ids in one vocabulary shared by both sides, so the
search only has to count weighted overlaps. Tokens are accent-folded 4-letter word prefixes
(cognates, names), normalised numbers, and a few punctuation marks. A side that was machine
translated contributes the tokens of its translation; a lexicon learnt from the document maps
target words to the source words they co-occur with.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import numpy as np

NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
WORD = re.compile(r"[^\W\d_]+")
PUNCT = {"?": "?", "!": "!", '"': '"', "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "(": "(", ";": ";", ":": ":"}
PREFIX = 4


def fold(text: str) -> str:
    """Lower-case and strip accents, so that `Número` and `numero` compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


SPELLING = [("ph", "f"), ("th", "t"), ("qu", "c"), ("k", "c"), ("y", "i"), ("w", "v"), ("z", "s")]
DOUBLED = re.compile(r"(.)\1+")


def cognate_form(word: str) -> str:
    """A spelling-neutral form, so that cognates across European languages share a prefix
    (`Sektion`/`section`, `Physik`/`physique`)."""
    for a, b in SPELLING:
        word = word.replace(a, b)
    return DOUBLED.sub(r"\1", word)


def words(text: str) -> list[str]:
    """Folded words of two letters or more (numbers excluded)."""
    return [w for w in WORD.findall(fold(NUMBER.sub(" ", text))) if len(w) > 1]


def tokens(text: str, lexicon: dict[str, str] | None = None) -> set[str]:
    """The token set of one sentence; `lexicon` maps words of this side to the other side's words."""
    found = {"#" + re.sub(r"[.,:]", "", n).lstrip("0") for n in NUMBER.findall(text)}
    for word in words(text):
        found.add(cognate_form(lexicon.get(word, word) if lexicon else word)[:PREFIX])
    found.update(PUNCT[c] for c in text if c in PUNCT)
    return found


@dataclass
class SideFeatures:
    """One side in CSR form: sentence k has token ids `ids[ptr[k]:ptr[k+1]]`."""

    ptr: np.ndarray
    ids: np.ndarray
    chars: np.ndarray
    paragraphs: np.ndarray


def encode(src_sets: list[set[str]], tgt_sets: list[set[str]], src_chars: list[int],
           tgt_chars: list[int], src_par: list[int] | None, tgt_par: list[int] | None,
           ) -> tuple[SideFeatures, SideFeatures, np.ndarray]:
    """Both sides as CSR token ids plus an idf weight per id (document frequency over both sides)."""
    vocab: dict[str, int] = {}
    df: Counter[int] = Counter()

    def side(sets: list[set[str]], chars: list[int], par: list[int] | None) -> SideFeatures:
        ptr, ids = [0], []
        for sentence in sets:
            sid = sorted(vocab.setdefault(t, len(vocab)) for t in sentence)
            df.update(sid)
            ids.extend(sid)
            ptr.append(len(ids))
        paragraphs = np.asarray(par if par is not None else [0] * len(sets), dtype=np.int64)
        return SideFeatures(np.asarray(ptr, dtype=np.int64), np.asarray(ids, dtype=np.int64),
                            np.asarray(chars, dtype=np.float64), paragraphs)

    src, tgt = side(src_sets, src_chars, src_par), side(tgt_sets, tgt_chars, tgt_par)
    docs = len(src_sets) + len(tgt_sets) + 1
    weight = np.array([math.log(docs / df[i]) + 0.1 for i in range(len(vocab))], dtype=np.float64)
    return src, tgt, weight


def learn_lexicon(src_words: list[list[str]], tgt_words: list[list[str]],
                  pairs: list[tuple[list[int], list[int]]], min_count: int = 2, min_dice: float = 0.4,
                  ) -> dict[str, str]:
    """Map each target word to the source word it co-occurs with most (Dice) over aligned beads.

    `pairs` are the (source sentence ids, target sentence ids) of beads with both sides. Words
    that already look alike need no entry; rare associations (fewer than `min_count`) are noise.
    """
    count_s: Counter[str] = Counter()
    count_t: Counter[str] = Counter()
    joint: Counter[tuple[str, str]] = Counter()
    for i, j in pairs:
        s = {w for k in i for w in src_words[k]}
        t = {w for k in j for w in tgt_words[k]}
        count_s.update(s)
        count_t.update(t)
        joint.update((a, b) for a in s for b in t)
    best: dict[str, tuple[float, str]] = {}
    for (a, b), c in joint.items():
        if c < min_count or cognate_form(a)[:PREFIX] == cognate_form(b)[:PREFIX]:
            continue
        dice = 2 * c / (count_s[a] + count_t[b])
        if dice >= min_dice and dice > best.get(b, (0.0, ""))[0]:
            best[b] = (dice, a)
    return {b: a for b, (_, a) in best.items()}
