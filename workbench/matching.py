"""Which article translates which: pure scoring of two collections of documents.

Two stages. **Candidates** come from bags of what survives translation: the prose's numbers
and the character 4- and 5-grams of its accent-folded words (which catch names and cognates,
as chrF does) and of its machine translation when there is one; code blocks add their lines
whole, so that shared code counts once a line and never as prose. Bags are compared by TF-IDF
cosine, computed block by block so that memory stays proportional to the collection, never to
all pairs of documents; a token found in every document weighs nothing. A cosine means little
alone (long articles on one subject share many words), so a candidate is ranked by its margin
over the usual similarity of both documents to their *other* nearest neighbours, discounted
when its length ratio is far from that of the collection's likely pairs (its mutual best
matches).

**Verification** then sentence-aligns each document with its few best candidates (the caller
does that, through the aligner), of those more alike than their documents are to their other
neighbours (`MIN_MARGIN`), and measures the share of both documents' prose that lies in beads
the aligner is confident of and whose two sides share more of their words than chance makes
sentences of these collections share (`Agreement`): that share is the score, a figure a reader
can check ("71% of the text aligns") and that means the same in any collection. One-to-one pairs come from competitive linking: pairs most of whose text aligns
(`SURE`) first, best first; then the partial ones (an original rewritten since it was
translated, a translation of part of it), by their rank before verification, because there a
few aligned paragraphs tell a page from the page its content moved to less well than the whole
vocabulary does.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from workbench.align.beads import Bead
from workbench.align.confidence import DEFAULT_THRESHOLD as CONFIDENT
from workbench.align.features import WORD, fold, tokens
from workbench.model import CODE

if TYPE_CHECKING:  # scipy is imported where it is used: the command line imports this module at start
    from scipy import sparse

NEIGHBOURS = 4  # nearest neighbours (the candidate left out) whose mean similarity a margin is over
CANDIDATES = 10  # nearest neighbours of each document considered as its partner
BLOCK = 256  # source documents compared at a time
NGRAMS = (4, 5)
NUMBERS = frozenset({"numbers"})
CONTENT = frozenset({"numbers", "words"})  # the tokens a bead's sides must share (no punctuation)
CODE_LINE = 8  # shorter code lines (`}`, `);`) say nothing about which article they are in
MIN_MARGIN = 1.0  # a pair is more alike than its documents are to their other nearest neighbours
VERIFY = 3  # a document's best candidates sentence-aligned, at most...
VERIFY_WITHIN = 0.5  # ...those ranked at least this share of its best candidate's rank
LENGTH_SPREAD = 0.1  # the least spread of the log length ratio of likely pairs
LENGTH_FREE = 2.0  # spreads from the typical ratio that cost nothing...
LENGTH_FLOOR = 0.5  # ...and the most a length ratio costs (a translation of an older, shorter version)
CHANCE_PAIRS = 20_000  # sentence pairs drawn from documents that are not likely pairs...
CHANCE_QUANTILE = 0.99  # ...of which a bead's sides must share more words than this share does
CHANCE_LENGTHS = 1.5  # ...and whose lengths are at most this ratio apart
CHANCE_FLOOR = {True: 0.1, False: 0.05}  # the least Dice asked, with and without MT (and when no pairs to draw)
SURE = 0.5  # an aligned share from which a pair is linked before any partial one
DEFAULT_THRESHOLD = 0.15  # least aligned share of a proposed pair: see README, "Whole archives"


@dataclass(frozen=True)
class Candidate:
    """A possible pair (indexes into the source and target collections) and its rank before
    verification: the cosine of the bags, the margin (the cosine over the mean of both
    documents' other nearest neighbours, times the numbers' agreement), the length ratio
    (target over source prose) and how many spreads it lies from the typical one, and `rank`,
    the margin discounted by that deviation."""

    src: int
    tgt: int
    similarity: float
    margin: float
    length_ratio: float
    length_deviation: float
    rank: float
    mutual: bool  # each is the other's most similar document: a likely pair


@dataclass(frozen=True)
class Proposal:
    """A proposed pair: indexes into the source and target collections, its score (the aligned
    share of both documents, 0-1), the share of each side that aligns, and its candidate."""

    src: int
    tgt: int
    score: float
    aligned_src: float
    aligned_tgt: float
    candidate: Candidate


@dataclass(frozen=True)
class Pairing:
    """Proposed pairs (in the order they were linked) and the documents left without a partner."""

    proposals: list[Proposal]
    unpaired_src: list[int]
    unpaired_tgt: list[int]


def bag(sentences: Sequence[str], kinds: Sequence[str] | None = None,
        translations: Sequence[str] | None = None) -> Counter[str]:
    """The tokens of a document that can match the other language, with their counts: of its
    prose (and its prose's translation), and its code's lines. `kinds` says which sentences are
    code (none without it); `translations`, when given, has one entry a sentence."""
    found: Counter[str] = Counter()
    for k, text in enumerate(sentences):
        if kinds and kinds[k] == CODE:
            found.update("`" + line for line in (" ".join(raw.split()) for raw in text.splitlines())
                         if len(line) >= CODE_LINE)
            continue
        for version in (text, translations[k]) if translations else (text,):
            found.update(tokens(version, kinds=NUMBERS))
            for word in WORD.findall(fold(version)):
                padded = f" {word} "
                for n in NGRAMS:
                    found.update(padded[q:q + n] for q in range(max(1, len(padded) - n + 1)))
    return found


@dataclass(frozen=True)
class Bags:
    """A collection's bags as rows of token counts over a vocabulary both collections share (see
    `Vocabulary`), with each document's numbers and prose length (see `prose_weights`)."""

    counts: sparse.csr_matrix
    numbers: list[frozenset[str]]
    sizes: list[int]


class Vocabulary:
    """Token ids shared by two collections, so that their bags are kept as rows of numbers, one
    document at a time: 10,000 articles held as Counters of strings took gigabytes."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def bags(self, documents: Iterable[tuple[Counter[str], int]]) -> Bags:
        """The bags of a collection, given each document's bag and prose length."""
        from scipy import sparse
        indices, data, indptr = array("i"), array("f"), [0]
        numbers, sizes = [], []
        for found, size in documents:
            indices.extend(self.ids.setdefault(t, len(self.ids)) for t in found)
            data.extend(found.values())
            indptr.append(len(indices))
            numbers.append(frozenset(t for t in found if t.startswith("#")))
            sizes.append(size)
        counts = sparse.csr_matrix((np.frombuffer(data, dtype=np.float32), np.frombuffer(indices, dtype=np.int32),
                                    np.asarray(indptr, dtype=np.int64)), shape=(len(sizes), len(self.ids)))
        return Bags(counts, numbers, sizes)


def prose_weights(sentences: Sequence[str], kinds: Sequence[str] | None = None) -> list[int]:
    """Each sentence's weight in a document's length and aligned share: its characters, none
    for code (a code block is as long in both languages and is not what a translator wrote)."""
    return [0 if kinds and kinds[k] == CODE else len(text) for k, text in enumerate(sentences)]


def _tfidf(src: sparse.csr_matrix, tgt: sparse.csr_matrix) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """L2-normalised TF-IDF rows of both collections (token counts over one vocabulary, the
    source's possibly narrower): term frequency 1 + log(count), inverse document frequency
    log(documents / df), so that a token in every document (of both collections) weighs
    nothing."""
    from scipy import sparse
    from sklearn.preprocessing import normalize
    width = max(src.shape[1], tgt.shape[1])
    counts = sparse.vstack([sparse.csr_matrix((m.data, m.indices, m.indptr), shape=(m.shape[0], width))
                            for m in (src, tgt)], format="csr")
    df = np.bincount(counts.indices, minlength=width)
    idf = np.log(counts.shape[0] / np.maximum(df, 1)).astype(np.float32)
    counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
    weights = normalize(counts)
    return weights[: src.shape[0]], weights[src.shape[0]:]


def _nearest(rows, cols, k: int) -> tuple[np.ndarray, np.ndarray]:
    """For each row document: its k most similar column documents and their cosines."""
    n, k = rows.shape[0], min(k, cols.shape[0])
    index = np.zeros((n, k), dtype=np.int64)
    sims = np.zeros((n, k), dtype=np.float32)
    for start in range(0, n, BLOCK):
        block = (rows[start:start + BLOCK] @ cols.T).toarray()
        top = np.argpartition(-block, k - 1, axis=1)[:, :k]
        top_sims = np.take_along_axis(block, top, axis=1)
        order = np.argsort(-top_sims, axis=1, kind="stable")
        index[start:start + BLOCK] = np.take_along_axis(top, order, axis=1)
        sims[start:start + BLOCK] = np.take_along_axis(top_sims, order, axis=1)
    return index, sims


def _others_mean(index: np.ndarray, sims: np.ndarray, row: int, partner: int) -> float:
    """The mean cosine of a document's NEIGHBOURS nearest neighbours other than `partner`
    (0 when it has none): how similar it is to documents in general."""
    others = [float(s) for j, s in zip(index[row], sims[row]) if j != partner][:NEIGHBOURS]
    return sum(others) / len(others) if others else 0.0


def _agreement(a: frozenset[str], b: frozenset[str]) -> float:
    """1 when the numbers of two documents agree or one has none; down to 0.5 when both have
    numbers and share none (`Article 5` is not `Artículo 4`)."""
    return 1.0 if not (a and b) else 0.5 + 0.5 * len(a & b) / len(a | b)


def typical_length(log_ratios: list[float]) -> tuple[float, float]:
    """The usual log length ratio of a collection's pairs and its spread (median and scaled
    median absolute deviation, at least LENGTH_SPREAD), from the log ratios of its likely
    pairs; (0, LENGTH_SPREAD) without any."""
    if not log_ratios:
        return 0.0, LENGTH_SPREAD
    centre = float(np.median(log_ratios))
    return centre, max(LENGTH_SPREAD, 1.4826 * float(np.median(np.abs(np.asarray(log_ratios) - centre))))


def length_prior(deviation: float) -> float:
    """How much a length ratio `deviation` spreads from the typical one discounts a candidate:
    nothing within LENGTH_FREE spreads, then exponentially, never below LENGTH_FLOOR: many true
    pairs have a section more on one side, some translate an older and much shorter version."""
    return max(LENGTH_FLOOR, math.exp(-max(0.0, deviation - LENGTH_FREE)))


def candidates(src: Bags, tgt: Bags) -> list[Candidate]:
    """Candidate pairs: each document's nearest neighbours, both ways, ranked (see `Candidate`).
    The typical length ratio is learnt from the mutual best matches, not from the collections'
    totals, which say little when they hold different articles."""
    if not (src.sizes and tgt.sizes):
        return []
    xs, xt = _tfidf(src.counts, tgt.counts)
    s_index, s_sims = _nearest(xs, xt, CANDIDATES + 1)  # one more: a margin leaves the candidate out
    t_index, t_sims = _nearest(xt, xs, CANDIDATES + 1)
    pairs = {(i, int(j)): float(c) for i in range(len(src.sizes)) for j, c in zip(s_index[i, :CANDIDATES], s_sims[i])}
    pairs.update({(int(i), j): float(c) for j in range(len(tgt.sizes)) for i, c in zip(t_index[j, :CANDIDATES], t_sims[j])})
    log_ratio = {(i, j): math.log(max(tgt.sizes[j], 1) / max(src.sizes[i], 1)) for i, j in pairs}
    mutual = {(i, int(s_index[i, 0])) for i in range(len(src.sizes)) if s_sims[i, 0] > 0 and t_index[s_index[i, 0], 0] == i}
    centre, spread = typical_length([log_ratio[pair] for pair in sorted(mutual)])
    out = []
    for (i, j), cos in sorted(pairs.items()):
        usual = (_others_mean(s_index, s_sims, i, j) + _others_mean(t_index, t_sims, j, i)) / 2
        margin = _agreement(src.numbers[i], tgt.numbers[j]) * cos / max(usual, 0.01)
        deviation = abs(log_ratio[i, j] - centre) / spread
        out.append(Candidate(i, j, cos, margin, math.exp(log_ratio[i, j]), deviation,
                             margin * length_prior(deviation), (i, j) in mutual))
    return out


def to_verify(found: list[Candidate]) -> list[Candidate]:
    """The candidates worth sentence-aligning: of those more alike than their documents are
    to their other neighbours (MIN_MARGIN), each document's best and, up to VERIFY, those ranked
    close to it (near-duplicates, a series of similar articles), in a stable order."""
    best: dict[tuple[int, int], list[Candidate]] = {}
    for c in (c for c in found if c.margin > MIN_MARGIN):
        best.setdefault((0, c.src), []).append(c)
        best.setdefault((1, c.tgt), []).append(c)
    chosen: set[tuple[int, int]] = set()
    for group in best.values():
        group.sort(key=lambda c: (-c.rank, c.src, c.tgt))
        chosen.update((c.src, c.tgt) for c in group[:VERIFY] if c.rank >= VERIFY_WITHIN * group[0].rank)
    return [c for c in found if (c.src, c.tgt) in chosen]


def _content(text: str) -> set[str]:
    return tokens(text, kinds=CONTENT)


@dataclass(frozen=True)
class Agreement:
    """When the two sides of a bead (as compared: one machine translated when MT is on) are
    translations rather than the aligner's best guess between texts that translate nothing of
    each other (its confidence is estimated on true pairs, and stays high there): their words,
    names and numbers, each weighted by its rarity in the collections (the words of every
    article say little), overlap more than chance makes them (`chance`, see `agreement`), and
    no number tells them apart."""

    weights: dict[str, float]
    chance: float

    def score(self, a: set[str], b: set[str]) -> float:
        """The weighted Dice of two token sets; 0 when either is empty or both have numbers and
        share none."""
        numbers_a, numbers_b = {t for t in a if t.startswith("#")}, {t for t in b if t.startswith("#")}
        if not (a and b) or (numbers_a and numbers_b and not numbers_a & numbers_b):
            return 0.0
        shared = sum(self.weights.get(t, self.weights[""]) for t in a & b)
        return 2 * shared / (sum(self.weights.get(t, self.weights[""]) for t in a | b) + shared)

    def agrees(self, src_text: str, tgt_text: str) -> bool:
        """Whether two texts (a bead's sides) agree beyond chance."""
        return self.score(_content(src_text), _content(tgt_text)) > self.chance


def _alike(a: int, b: int) -> bool:
    """Whether two sentences are close enough in length for the aligner to link them: chance
    is measured on such pairs, as the aligner picks them (long sentences share more words)."""
    return a <= CHANCE_LENGTHS * b and b <= CHANCE_LENGTHS * a


def agreement(src_prose: Sequence[Sequence[str]], tgt_prose: Sequence[Sequence[str]],
              likely: set[tuple[int, int]], translated: bool) -> Agreement:
    """The agreement test of two collections (each document as its prose sentences, as
    compared): token weights 1 + log((1 + documents) / (1 + df)), and the chance level, the
    CHANCE_QUANTILE quantile of the weighted Dice over CHANCE_PAIRS sentence pairs drawn
    (seeded) from documents that are not `likely` pairs, at least CHANCE_FLOOR. Measured on the
    collections themselves, it follows what MT, the language pair and the texts' style make of
    a translation (a free 19th-century one shares fewer words than a technical one)."""
    documents = len(src_prose) + len(tgt_prose)
    df = Counter(t for doc in (*src_prose, *tgt_prose) for t in set().union(*map(_content, doc)))
    weights = {t: 1.0 + math.log((1 + documents) / (1 + n)) for t, n in df.items()}
    weights[""] = 1.0 + math.log(1 + documents)  # a token unseen: as rare as can be
    test = Agreement(weights, CHANCE_FLOOR[translated])
    src_ends, tgt_ends = (np.cumsum([len(doc) for doc in prose]) for prose in (src_prose, tgt_prose))
    if not (src_ends.size and src_ends[-1] and tgt_ends.size and tgt_ends[-1]):
        return test
    rng = np.random.default_rng(0)
    found = []
    for a, b in zip(rng.integers(src_ends[-1], size=CHANCE_PAIRS), rng.integers(tgt_ends[-1], size=CHANCE_PAIRS)):
        i, j = int(np.searchsorted(src_ends, a, side="right")), int(np.searchsorted(tgt_ends, b, side="right"))
        x, y = src_prose[i][a - (src_ends[i - 1] if i else 0)], tgt_prose[j][b - (tgt_ends[j - 1] if j else 0)]
        if (i, j) not in likely and _alike(len(x), len(y)):
            found.append(test.score(_content(x), _content(y)))
    return Agreement(weights, max(test.chance, float(np.quantile(found, CHANCE_QUANTILE)))) if found else test


def aligned_share(beads: list[Bead], src_view: Sequence[str], tgt_view: Sequence[str], src_weights: Sequence[int],
                  tgt_weights: Sequence[int], test: Agreement) -> tuple[float, float]:
    """The share of each document's prose weight (see `prose_weights`) in beads that link both
    sides, with confidence at least the aligner's low-confidence threshold, and whose sides
    agree (`Agreement`)."""
    src_aligned = tgt_aligned = 0
    for bead in beads:
        if (bead.src and bead.tgt and (bead.confidence or 0.0) >= CONFIDENT
                and test.agrees(" ".join(src_view[i] for i in bead.src), " ".join(tgt_view[j] for j in bead.tgt))):
            src_aligned += sum(src_weights[i] for i in bead.src)
            tgt_aligned += sum(tgt_weights[j] for j in bead.tgt)
    return src_aligned / max(1, sum(src_weights)), tgt_aligned / max(1, sum(tgt_weights))


def both_share(aligned_src: float, aligned_tgt: float, src_weight: int, tgt_weight: int) -> float:
    """The aligned share of two documents together, from each one's share and prose weight."""
    return (aligned_src * src_weight + aligned_tgt * tgt_weight) / max(1, src_weight + tgt_weight)


def link(verified: list[Proposal], src_count: int, tgt_count: int, threshold: float = DEFAULT_THRESHOLD,
         exclude: set[tuple[int, int]] | None = None) -> Pairing:
    """One-to-one pairs by competitive linking: pairs with at least SURE of their text aligned
    first, by score; then the others, by their rank before verification (ties broken by rank,
    then position, so the result is deterministic). Pairs in `exclude` are never made. Pairs
    scoring under `threshold` are then left out: a document whose best partner scores too low
    stays unpaired rather than taking a worse one."""
    def order(p: Proposal) -> tuple:
        sure = p.score >= SURE
        return (not sure, -(p.score if sure else p.candidate.rank), -p.candidate.rank, p.src, p.tgt)

    used_src: set[int] = set()
    used_tgt: set[int] = set()
    linked = []
    for p in sorted(verified, key=order):
        if p.src not in used_src and p.tgt not in used_tgt and (p.src, p.tgt) not in (exclude or ()):
            used_src.add(p.src)
            used_tgt.add(p.tgt)
            linked.append(p)
    proposals = [p for p in linked if p.score >= threshold]
    paired_src, paired_tgt = {p.src for p in proposals}, {p.tgt for p in proposals}
    return Pairing(proposals, [i for i in range(src_count) if i not in paired_src],
                   [j for j in range(tgt_count) if j not in paired_tgt])
