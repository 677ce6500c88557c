"""Aligning documents that belong together (one archive, one language pair) as a collection.

A document's own lexicon is learnt from its own beads: an article of a hundred sentences
teaches it little. A collection's documents share most of their vocabulary, so each is aligned
alone first, a lexicon is learnt from all their beads together, and each is aligned again with
it (its own lexicon, learnt again, still wins where they differ). Measured with
`python -m benchmarks.align_bench quality textberg` (collection and each document alone).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from workbench.align.beads import Bead
from workbench.align.features import (
    COLLECTION_WITH_MT,
    COLLECTION_WITHOUT_MT,
    BeadWords,
    bead_words,
    lexicon_from_beads,
    words,
)
from workbench.align.mt import Apertium
from workbench.align.pipeline import AlignOptions, Side, _views, align_sentences

Document = tuple[Side, Side]


def document_bead_words(document: Document, beads: list[Bead], translator: Apertium | None,
                        ) -> tuple[list[BeadWords], bool]:
    """The words of each side of a document's beads, over the texts the aligner compares (a
    side's machine translation where MT is on), and whether one side was translated."""
    (src_view, tgt_view), translated = _views(*document, translator)
    pairs = [(list(b.src), list(b.tgt)) for b in beads if b.src and b.tgt]
    return bead_words([words(s) for s in src_view], [words(t) for t in tgt_view], pairs), translated


def collection_lexicon(beads: list[BeadWords], translated: bool) -> dict[str, list[str]]:
    """The lexicon of a collection's beads (all of one language pair, MT on or off for all)."""
    return lexicon_from_beads(beads, COLLECTION_WITH_MT if translated else COLLECTION_WITHOUT_MT)


def _groups(documents: list[Document]) -> list[list[int]]:
    """Indexes of the documents of each language pair."""
    groups: dict[tuple[str, str], list[int]] = {}
    for k, (src, tgt) in enumerate(documents):
        groups.setdefault((src.lang, tgt.lang), []).append(k)
    return list(groups.values())


def align_collection(documents: list[Document], opts: AlignOptions | None = None,
                     anchors: list[list[Bead]] | None = None,
                     on_done: Callable[[int], None] | None = None) -> list[list[Bead]]:
    """Beads of each document (see the module docstring); documents of different language pairs
    are grouped apart. `anchors` as for align_sentences, one list per document; `on_done` is
    called twice with each document's index, after each round (both times after the first for a
    document aligned once: no company of its languages, or the lexicon disabled), so that a
    progress bar counts two steps a document, as `workbench align` does."""
    opts = opts or AlignOptions()
    anchors = anchors or [[] for _ in documents]
    done = on_done or (lambda k: None)

    def align(k: int, with_opts: AlignOptions) -> list[Bead]:
        beads = align_sentences(*documents[k], with_opts, anchors[k])
        done(k)
        return beads

    out = [align(k, opts) for k in range(len(documents))]
    for members in _groups(documents):
        if len(members) == 1 or "lexicon" in opts.disabled:
            for k in members:
                done(k)
            continue
        found = [document_bead_words(documents[k], out[k], opts.translator) for k in members]
        lexicon = collection_lexicon([w for words_k, _ in found for w in words_k], found[0][1])
        for k in members:
            out[k] = align(k, replace(opts, lexicon=lexicon))
    return out
