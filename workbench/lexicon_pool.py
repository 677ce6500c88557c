"""Where a stored pair's collection lexicon comes from (see `workbench.align.collection`).

A pair aligned on its own (`workbench align PAIR`, the review's re-alignment) has no batch to
learn from, but the archive has: the beads already stored for its other pairs of the same
languages, corrected ones included. Where MT is off, every alignment starts from a lexicon
learnt from them, and the second round (see `aligning.align_pairs`) pools the run's own
first-round beads with them: a pair aligned alone too is aligned twice. Where MT is on, only a
batch's own beads are pooled: the translation gives the words already, and on *Candide* a
pooled lexicon changed nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlite_utils import Database

from workbench import store
from workbench.align import Side
from workbench.align.collection import collection_lexicon, document_bead_words
from workbench.align.features import BeadWords

ARCHIVE_PAIRS = 200  # the most recently aligned pairs read: enough for the lexicon, bounded time
Group = tuple[str, str, bool]  # source and target language, MT used


def archive_words(db: Database, src_lang: str, tgt_lang: str, exclude: set[int]) -> tuple[list[BeadWords], int]:
    """The words of the stored beads (rejected ones left out) of up to ARCHIVE_PAIRS aligned
    pairs of these languages not in `exclude`, and how many pairs that is."""
    found: list[BeadWords] = []
    pairs = [pid for pid in store.aligned_pairs(db, src_lang, tgt_lang) if pid not in exclude][:ARCHIVE_PAIRS]
    for pid in pairs:
        texts = store.pair_texts(db, pid)
        document = (Side(texts.src, src_lang), Side(texts.tgt, tgt_lang))
        found += document_bead_words(document, store.beads(db, pid, rejected=False), None)[0]
    return found, len(pairs)


@dataclass
class LexiconPool:
    """The lexicon of each group of a run: the bead words the run pooled (`pool_run`) plus, where
    MT is off, those of the archive's other pairs (not in `exclude`, the run's pairs; read once
    per languages). Each lexicon is made once, until the group's pooled words change."""

    db: Database
    exclude: set[int]
    run: dict[Group, tuple[list[BeadWords], int]] = field(default_factory=dict)
    archived: dict[tuple[str, str], tuple[list[BeadWords], int]] = field(default_factory=dict)
    made: dict[Group, tuple[dict[str, list[str]], int]] = field(default_factory=dict)
    run_languages: Counter[tuple[str, str]] | None = None

    def second_round(self, group: Group) -> bool:
        """Whether the run's pairs of the group are aligned twice, so their first round must
        collect their bead words: there is more than one of them (one run uses MT for all of a
        language pair or for none), or the archive lends the group words."""
        if self.run_languages is None:
            self.run_languages = Counter(store.pair_languages(self.db, self.exclude))
        return self.run_languages[group[:2]] > 1 or self.lexicon(group)[1] > 0

    def pool_run(self, group: Group, words: list[BeadWords], pairs: int) -> None:
        """Add the bead words of a batch's first round, from `pairs` pairs of the group."""
        self.run[group] = (words, pairs)
        self.made.pop(group, None)

    def lexicon(self, group: Group) -> tuple[dict[str, list[str]], int]:
        """The group's lexicon and the number of pairs it was learnt from (empty and 0: none)."""
        if group not in self.made:
            words, pairs = self.run.get(group, ([], 0))
            if not group[2]:
                if group[:2] not in self.archived:
                    self.archived[group[:2]] = archive_words(self.db, group[0], group[1], self.exclude)
                archived, count = self.archived[group[:2]]
                words, pairs = words + archived, pairs + count
            self.made[group] = (collection_lexicon(words, group[2]), pairs) if words else ({}, 0)
        return self.made[group]
