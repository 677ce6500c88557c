"""align_sentences: sentences in, beads out. Pure apart from the optional Apertium process."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np

from workbench.align import confidence, signals
from workbench.align.beads import Bead
from workbench.align.features import WITH_MT, WITHOUT_MT, Lexicon, encode, is_debris, learn_lexicon, tokens, words
from workbench.align.mt import Apertium, mt_direction
from workbench.model import CODE, PARAGRAPH, paragraph_blocks
from workbench.align.search import CostParams, Posteriors, band, min_risk_path, path_features, posteriors, search

# Recorded with every run; raised when the same input and parameters give other beads (2: the
# minimum-risk decoding, see search.RISK_PRICE; 3: a collection's lexicon narrowed to each
# document, see _relevant; 4: the structure signal, see signals.SIGNALS).
ALIGNER_VERSION = "4"


@dataclass(frozen=True)
class Side:
    """One document side: sentences, language, and if known each sentence's paragraph id and
    the kind of block it comes from (`ingest.blocks.BlockKind`: heading, list_item, code...)."""

    sentences: list[str]
    lang: str
    paragraphs: list[str] | None = None
    kinds: list[str] | None = None


@dataclass(frozen=True)
class AlignOptions:
    """What the aligner may use; `translator` None means MT is off. `disabled` switches signals
    off (for ablation studies): names of `signals.SIGNALS`. `lexicon`: one learnt from other documents of
    the same collection (see `align_collection`), used where its translations occur in the
    document (see `_relevant`); the document's own lexicon overrides it."""

    translator: Apertium | None = None
    params: CostParams = field(default_factory=CostParams)
    lexicon_passes: int = 1
    disabled: frozenset[str] = frozenset()
    lexicon: Mapping[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        signals.check(self.disabled)

    def effective_params(self, ratio: float) -> CostParams:
        """The cost parameters with the document's length ratio and disabled signals applied."""
        return replace(signals.weighed(self.params, self.disabled), ratio=ratio)


def _views(src: Side, tgt: Side, opts: AlignOptions) -> tuple[tuple[list[str], list[str]], bool]:
    """Texts compared token by token: each side as is, or machine translated into the other's
    language; and whether one was translated (MT may be on for a pair Apertium lacks). With the
    structure signal, code stays as it is: MT would translate its identifiers apart from the
    other side's identical code."""
    views = [src.sentences, tgt.sentences]
    if opts.translator is not None and (direction := mt_direction(src.lang, tgt.lang)):
        side, mode = direction
        prose = to_translate((src, tgt)[side], opts.disabled)
        views[side] = spliced(views[side], prose, opts.translator.translate([views[side][k] for k in prose], mode))
        return (views[0], views[1]), True
    return (views[0], views[1]), False


def to_translate(side: Side, disabled: frozenset[str]) -> list[int]:
    """The sentences of a side that MT translates: all but code, with the structure signal."""
    kinds = side.kinds if "structure" not in disabled else None
    return [k for k in range(len(side.sentences)) if not kinds or kinds[k] != CODE]


def spliced(sentences: list[str], indexes: list[int], translations: list[str]) -> list[str]:
    """A side as compared: the sentences at `indexes` (see `to_translate`) replaced by their
    translations, in order; the others (code) as they are."""
    out = list(sentences)
    for k, translation in zip(indexes, translations, strict=True):
        out[k] = translation
    return out


def _kind_tokens(side: Side, disabled: frozenset[str]) -> list[frozenset[str]]:
    """Each sentence's block kind as a token (prose has none): a heading then shares a token with
    a heading, a caption with a caption, and a bead joining kinds leaves one uncovered, which
    costs (see search._uncovered). Code needs no more than this: never machine translated (see
    `to_translate`), identical code shares every token with its copy. Identical code blocks
    were tried as anchors fixed before the search: cutting a document into segments cut its
    lexicon passes short too, and the article dev sets without MT lost a bead to a slip across
    a section missing from one side (react-docs-divergent: 9.4 against 3.3 fixes per 100 beads,
    MT on and off summed)."""
    if "structure" in disabled or side.kinds is None:
        return [frozenset()] * len(side.sentences)
    return [frozenset() if kind == PARAGRAPH else frozenset({"§" + kind}) for kind in side.kinds]


def _beads(path: np.ndarray, feats: np.ndarray, post: Posteriors, views: tuple[list[str], list[str]],
           mt: bool) -> list[Bead]:
    """Beads of a segment's path, with their confidence (views are the segment's compared texts)."""
    out = []
    for (i0, j0), (i1, j1), (sim, lpen, margin), p in zip(path[:-1], path[1:], feats, post.beads):
        if i1 == i0 or j1 == j0:  # a run of skipped sentences: one bead each
            out += [Bead((i,), (), confidence.estimate_unaligned(float(post.src[i]))) for i in range(i0, i1)]
            out += [Bead((), (j,), confidence.estimate_unaligned(float(post.tgt[j]))) for j in range(j0, j1)]
            continue
        score = confidence.chrf(" ".join(views[1][j0:j1]), " ".join(views[0][i0:i1]))
        conf = confidence.estimate(int(i1 - i0), int(j1 - j0), float(sim), float(lpen), score, float(margin),
                                   float(p), mt)
        out.append(Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), conf))
    return out


def _debris(src: range, tgt: range) -> list[Bead]:
    """One-sided beads for sentences the search never saw (see `is_debris`)."""
    return ([Bead((i,), (), confidence.DEBRIS) for i in src]
            + [Bead((), (j,), confidence.DEBRIS) for j in tgt])


def _evidence(side: Side, disabled: frozenset[str]) -> list[int]:
    """Indexes of the sentences the search sees: all but debris (see `is_debris`), which is
    left unaligned."""
    keep = range(len(side.sentences))
    return list(keep) if "debris" in disabled else [k for k in keep if not is_debris(side.sentences[k])]


def _pick(side: Side, keep: list[int]) -> Side:
    paragraphs = [side.paragraphs[k] for k in keep] if side.paragraphs else None
    kinds = [side.kinds[k] for k in keep] if side.kinds else None
    return Side([side.sentences[k] for k in keep], side.lang, paragraphs, kinds)


def _restore(beads: list[Bead], keep_s: list[int], keep_t: list[int], n: int, m: int, i0: int, j0: int,
             ) -> list[Bead]:
    """Beads over the kept sentences of the segment src[i0:i0+n], tgt[j0:j0+m], renumbered into
    the document: debris between beads becomes one-sided beads, debris inside a bead's span
    joins it (a bead is a run of sentences)."""
    out: list[Bead] = []
    i = j = 0  # the segment's first sentence of each side that no bead holds yet
    for bead in beads:
        src = range(keep_s[bead.src[0]], keep_s[bead.src[-1]] + 1) if bead.src else range(i, i)
        tgt = range(keep_t[bead.tgt[0]], keep_t[bead.tgt[-1]] + 1) if bead.tgt else range(j, j)
        out += _debris(range(i0 + i, i0 + src.start), range(j0 + j, j0 + tgt.start))
        out.append(Bead(tuple(i0 + k for k in src), tuple(j0 + k for k in tgt), bead.confidence))
        i, j = src.stop, tgt.stop
    return out + _debris(range(i0 + i, i0 + n), range(j0 + j, j0 + m))


def _paragraph_numbers(paragraphs: list[str] | None) -> list[int] | None:
    """Paragraph ids as run numbers: a new number wherever the id changes."""
    return None if paragraphs is None else paragraph_blocks(paragraphs)


RATIO_BOUNDS = (0.75, 1.33)


def _length_ratio(src: list[str], tgt: list[str]) -> float:
    """Target/source characters over the document, bounded: a stretch missing from one side
    must not make every true pair look too long or too short."""
    total_s, total_t = sum(map(len, src)), sum(map(len, tgt))
    ratio = total_t / total_s if total_s and total_t else 1.0
    return min(max(ratio, RATIO_BOUNDS[0]), RATIO_BOUNDS[1])


def _aligned_ratio(src: list[str], tgt: list[str], pairs: list[tuple[list[int], list[int]]], fallback: float) -> float:
    """The median target/source length ratio of the 1-1 beads of a first pass: the ratio of true
    translations, robust to the beads a skewed first ratio got wrong."""
    ratios = [len(tgt[t[0]]) / len(src[s[0]]) for s, t in pairs if len(s) == len(t) == 1 and src[s[0]] and tgt[t[0]]]
    return float(np.median(ratios)) if len(ratios) >= 10 else fallback


def _relevant(lexicon: Mapping[str, list[str]], src_words: list[list[str]]) -> dict[str, list[str]]:
    """A collection's lexicon narrowed to the translations that occur in this document's source
    side. Another translation can match nothing here, and where MT is on a mapped word loses its
    own token: in an archive of mixed genres, Europarl's `assembly` -> `house` hid the exact
    match of "The General Assembly" in the UDHR, and candide-dev aligned with the UDHR and a
    Europarl sitting fell from 0.959 to 0.935 strict F1 with MT (0.945 with this narrowing).
    Without MT the extra translations only dilute a sentence's tokens: they are 12-29% of the
    collection translations in the short Text+Berg test documents (test0-6 0.899 -> 0.905) and 7%
    in dev, whose measures stay the same."""
    present = {w for sentence in src_words for w in sentence}
    return {word: kept for word, translations in lexicon.items()
            if (kept := [t for t in translations if t in present])}


def _align_segment(src: Side, tgt: Side, views: tuple[list[str], list[str]], opts: AlignOptions,
                   settings: Lexicon) -> tuple[np.ndarray, np.ndarray, Posteriors]:
    """Path, per-bead features and posteriors for one anchor-free segment, with lexicon
    re-alignment passes; the last pass's cheapest path gives way to the minimum-risk one."""
    ratio = _length_ratio(src.sentences, tgt.sentences)
    kinds = signals.token_kinds(opts.disabled)
    passes = 0 if "lexicon" in opts.disabled else opts.lexicon_passes
    src_words, tgt_words = [words(s) for s in views[0]], [words(t) for t in views[1]]
    lexicon = collection = {} if passes == 0 else _relevant(opts.lexicon, src_words)
    path = None
    src_tokens = [tokens(s, None, kinds, w) | marks
                  for s, w, marks in zip(views[0], src_words, _kind_tokens(src, opts.disabled))]
    tgt_marks = _kind_tokens(tgt, opts.disabled)
    for attempt in range(passes + 1):
        params = opts.effective_params(ratio)
        s_feat, t_feat, weight = encode(
            src_tokens, [tokens(t, lexicon, kinds, w, settings.keep_own) | marks
                         for t, w, marks in zip(views[1], tgt_words, tgt_marks)],
            [len(s) for s in src.sentences], [len(t) for t in tgt.sentences],
            _paragraph_numbers(src.paragraphs), _paragraph_numbers(tgt.paragraphs))
        path = search(s_feat, t_feat, weight, params, near=path)
        if attempt < passes:
            pairs = [(list(range(i, i1)), list(range(j, j1))) for (i, j), (i1, j1) in zip(path[:-1], path[1:])
                     if i1 > i and j1 > j]
            lexicon = {**collection, **learn_lexicon(src_words, tgt_words, pairs, settings)}
            ratio = _aligned_ratio(src.sentences, tgt.sentences, pairs, ratio)
    near = band(path, s_feat, t_feat, weight, params)
    if "min-risk" not in opts.disabled:
        path = min_risk_path(near)
    return path, path_features(path, s_feat, t_feat, weight, params), posteriors(path, near)


def _segments(anchors: list[Bead], n: int, m: int) -> list[tuple[int, int, int, int, Bead | None]]:
    """The ranges between consecutive anchors, (i0, i1, j0, j1, the anchor that ends them)."""
    out, i, j = [], 0, 0
    for bead in anchors:
        i1 = bead.src[0] if bead.src else i
        j1 = bead.tgt[0] if bead.tgt else j
        out.append((i, i1, j, j1, bead))
        i, j = (bead.src[-1] + 1 if bead.src else i), (bead.tgt[-1] + 1 if bead.tgt else j)
    out.append((i, n, j, m, None))
    return out


def _sub(side: Side, a: int, b: int) -> Side:
    return Side(side.sentences[a:b], side.lang, side.paragraphs[a:b] if side.paragraphs else None,
                side.kinds[a:b] if side.kinds else None)


def _segment_beads(src: Side, tgt: Side, views: tuple[list[str], list[str]], translated: bool,
                   opts: AlignOptions, i0: int, j0: int) -> list[Bead]:
    """The beads of an anchor-free segment (src and tgt are its sentences, starting at i0, j0)."""
    keep_s, keep_t = _evidence(src, opts.disabled), _evidence(tgt, opts.disabled)
    found: list[Bead] = []
    if keep_s or keep_t:
        kept_views = ([views[0][k] for k in keep_s], [views[1][k] for k in keep_t])
        path, feats, post = _align_segment(_pick(src, keep_s), _pick(tgt, keep_t), kept_views, opts,
                                           WITH_MT if translated else WITHOUT_MT)
        found = _beads(path, feats, post, kept_views, translated)
    return _restore(found, keep_s, keep_t, len(src.sentences), len(tgt.sentences), i0, j0)


def align_sentences(src: Side, tgt: Side, opts: AlignOptions | None = None,
                    anchors: list[Bead] | None = None) -> list[Bead]:
    """Beads covering every sentence of both sides once, in order. `anchors` (in document order,
    themselves consistent with coverage) are kept as given; only the gaps between them are aligned."""
    opts = opts or AlignOptions()
    views, translated = _views(src, tgt, opts)
    beads: list[Bead] = []
    for i0, i1, j0, j1, anchor in _segments(list(anchors or []), len(src.sentences), len(tgt.sentences)):
        if i1 > i0 or j1 > j0:
            beads += _segment_beads(_sub(src, i0, i1), _sub(tgt, j0, j1), (views[0][i0:i1], views[1][j0:j1]),
                                    translated, opts, i0, j0)
        if anchor is not None:
            beads.append(anchor)
    return beads
