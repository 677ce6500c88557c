"""`workbench align`, the review's re-alignment and its pairs screen's alignment: stored pairs
aligned as a collection (`workbench.align.collection`, the same rounds, grouping and lexicon as
`eval`), computed where `jobs.workers` says, and written back by this process alone, a pair a
transaction as each result arrives."""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlite_utils import Database

from workbench import store
from workbench.align import AlignOptions, Bead, Side
from workbench.align.collection import AlignResult, AlignTask, Lexicon, align_collection, document_bead_words
from workbench.align.confidence import DEFAULT_THRESHOLD
from workbench.align.features import BeadWords
from workbench.align.mt import apertium_modes, mt_direction
from workbench.display import counted
from workbench.jobs import Refused
from workbench.jobs.workers import computed
from workbench.model import PairStatus

MT_OFF_NOTICE = "MT is off: Apertium is not installed; aligning with lengths, numbers, names, cognates and the learnt lexicon"
ARCHIVE_PAIRS = 200  # the most recently aligned pairs that lend their words: enough for a lexicon, bounded time


def mt_notice(no_mt: bool) -> str | None:
    """What to say once about MT being off, or None when it is on."""
    if no_mt:
        return "MT is off (--no-mt)"
    return None if apertium_modes() else MT_OFF_NOTICE


def mt_notices(no_mt: bool, language_pairs: Iterable[tuple[str, str]]) -> list[str]:
    """What to say about MT for a run: once that it is off, or else, once each, the language
    pairs of the run that Apertium cannot translate."""
    if (line := mt_notice(no_mt)):
        return [line]
    return [f"MT is off: Apertium has no {src}-{tgt} pair (the other signals align it)"
            for src, tgt in sorted(set(language_pairs)) if mt_direction(src, tgt) is None]


def pairs_to_align(db: Database, named: list[int], every: bool, realign: bool) -> list[int]:
    """The pairs a run aligns: those named, or with `every` those not aligned yet, or with
    `realign` alone all of them; each must be accepted (a proposed pair may not translate the
    other). Refused with one line otherwise."""
    if not (named or every or realign):
        raise Refused("name the pairs to align, or use --all")
    ids = named or (store.pair_ids(db) if realign else store.unaligned_pair_ids(db))
    summaries = {s.id: s for s in store.pair_summaries(db)}
    for pair_id in ids:
        if pair_id not in summaries:
            raise Refused(f"no pair {pair_id} (see `workbench list`)")
        if summaries[pair_id].status != PairStatus.ACCEPTED:
            raise Refused(f"pair {pair_id} is {summaries[pair_id].status}: accept it first (workbench review, "
                          "or pair-collection --accept)")
    return ids


def check_workers(workers: int, scheduler: str | None) -> None:
    """Refuse a run that could not start its workers (before any pair is aligned)."""
    if workers < 1:
        raise Refused("--workers must be at least 1")
    if scheduler and importlib.util.find_spec("distributed") is None:
        raise Refused("--dask-scheduler needs Dask: pip install 'workbench[cluster]'")


@dataclass
class BatchSummary:
    """What `workbench align` reports at the end."""

    pairs: int = 0
    sentences: int = 0
    beads: int = 0
    low_confidence: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        share = self.low_confidence / self.beads if self.beads else 0.0
        return (f"aligned {counted(self.pairs, 'pair')}, {counted(self.sentences, 'sentence')}, "
                f"{counted(self.beads, 'bead')} in "
                f"{self.seconds:.1f} s; low-confidence (< {DEFAULT_THRESHOLD}): {share:.1%}")


def archive_words(db: Database, src_lang: str, tgt_lang: str, exclude: set[int]) -> tuple[list[BeadWords], int]:
    """The words of the stored beads (rejected ones left out) of up to ARCHIVE_PAIRS aligned
    pairs of these languages not in `exclude`, and how many pairs that is."""
    found: list[BeadWords] = []
    pairs = [pid for pid in store.aligned_pairs(db, src_lang, tgt_lang) if pid not in exclude][:ARCHIVE_PAIRS]
    for pid in pairs:
        texts = store.pair_texts(db, pid)
        beads = store.beads(db, pid, rejected=False)
        found += document_bead_words(Side(texts.src, src_lang), Side(texts.tgt, tgt_lang), beads, AlignOptions())[0]
    return found, len(pairs)


@dataclass
class StoredPairs:
    """A `Source` of stored pairs (see `workbench.align.collection`): tasks read from the
    store, results written back, a pair a transaction, as they arrive. With `save_beads` off
    (the review's re-alignment, which applies the beads as an undoable edit) only the new
    translations are stored and the beads are kept in `beads`."""

    db: Database
    no_mt: bool
    anchors: Callable[[int], list[Bead]]
    exclude: set[int]  # the run's pairs: the archive lends the words of the others
    save_beads: bool = True
    options: AlignOptions = field(default_factory=AlignOptions)
    beads: dict[int, list[Bead]] = field(default_factory=dict)
    horizon: int = 0

    def languages(self, key: int) -> tuple[str, str]:
        found = store.pair_languages(self.db, [key])
        if not found:
            raise store.StoreError(f"no pair {key}")
        return found[0]

    def begin_round(self) -> None:
        self.horizon = store.mt_cache_horizon(self.db)

    def task(self, key: int, lexicon: Lexicon, lexicon_pairs: int, collect: bool) -> AlignTask:
        texts = store.pair_texts(self.db, key)
        task = AlignTask(key, Side(texts.src, texts.src_lang, texts.src_paragraphs, texts.src_kinds),
                         Side(texts.tgt, texts.tgt_lang, texts.tgt_paragraphs, texts.tgt_kinds), self.options, self.no_mt,
                         self.anchors(key), {}, collect, lexicon, lexicon_pairs)
        mt = task.mt_keys()
        return task if mt is None else replace(task, cached=store.cached_translations(self.db, mt[2], self.horizon))

    def archive_words(self, src_lang: str, tgt_lang: str) -> tuple[list[BeadWords], int]:
        return archive_words(self.db, src_lang, tgt_lang, self.exclude)

    def keep(self, result: AlignResult) -> None:
        self.beads[result.key] = result.beads
        if self.save_beads:
            store.save_alignment(self.db, result.key, result.beads, result.run, result.translations)
        else:
            with store.transaction(self.db):
                store.add_translations(self.db, result.translations)


def align_pairs(db: Database, pair_ids: list[int], no_mt: bool = False, realign: bool = False,
                on_done: Callable[[int], None] | None = None, workers: int = 1,
                scheduler: str | None = None) -> BatchSummary:
    """Align the pairs as a collection (see `workbench.align.collection`) and store each as
    soon as its result arrives, one transaction a pair, so an interrupted run keeps every pair
    it finished; `realign` keeps their confirmed and edited beads. `on_done` hears each pair
    twice, after each round. The beads do not depend on where or in which order chunks are
    computed."""
    started = time.time()
    source = StoredPairs(db, no_mt, (lambda pid: store.anchor_beads(db, pid)) if realign else (lambda pid: []),
                         set(pair_ids))
    final = {result.key: result for result in align_collection(
        pair_ids, source, no_mt, lambda tasks: computed(tasks, workers, scheduler), on_done)}
    return _summary(final.values(), time.time() - started)


def _summary(results: Iterable[AlignResult], seconds: float) -> BatchSummary:
    summary = BatchSummary(seconds=seconds)
    for result in results:
        summary.pairs += 1
        summary.sentences += result.sentences
        summary.beads += len(result.beads)
        summary.low_confidence += sum(1 for b in result.beads
                                      if b.confidence is not None and b.confidence < DEFAULT_THRESHOLD)
    return summary


def realign_pair(db_path: Path, pair_id: int, anchors: list[Bead], no_mt: bool = False) -> list[Bead]:
    """Beads for a stored pair that keep `anchors`, as `align_pairs` would make them, without
    storing them (the review applies them as one undoable edit); new translations are stored."""
    db = store.open_database(Path(db_path))
    source = StoredPairs(db, no_mt, lambda pid: anchors, {pair_id}, save_beads=False)
    for _ in align_collection([pair_id], source, no_mt):
        pass
    return source.beads[pair_id]


def align_stored(db_path: Path, pair_ids: list[int], no_mt: bool = False) -> BatchSummary:
    """`align_pairs` on the database at `db_path`: for a process of its own (the review's pairs
    screen aligns an accepted pair this way, off its screen's process)."""
    return align_pairs(store.open_database(Path(db_path)), pair_ids, no_mt)
