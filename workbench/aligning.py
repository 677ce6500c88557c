"""Aligning stored pairs: tasks read from the store, computed by the pure aligner in this
process, in worker processes or on a Dask cluster, and written back by this process alone.

Workers never touch the database: a task carries the pair's sentences, its anchors and the
translations the store already has, and a result carries the beads and the new translations.
So SQLite only ever sees one writer, and a cluster node needs no access to the database file.
The rounds, grouping and lexicon are `workbench.align.collection`'s, the same as `eval`'s.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from multiprocessing import connection, get_context, parent_process
from pathlib import Path

from sqlite_utils import Database

from workbench import store
from workbench.align import AlignOptions, Bead, Side
from workbench.align.collection import AlignResult, AlignTask, Lexicon, align_collection, chunks, compute, \
    document_bead_words
from workbench.align.confidence import DEFAULT_THRESHOLD
from workbench.align.features import BeadWords
from workbench.align.mt import apertium_modes
from workbench.wording import counted

MT_OFF_NOTICE = "MT is off: Apertium is not installed; aligning with lengths, numbers, names, cognates and the learnt lexicon"
ARCHIVE_PAIRS = 200  # the most recently aligned pairs that lend their words: enough for a lexicon, bounded time


def mt_notice(no_mt: bool) -> str | None:
    """What to say once about MT being off, or None when it is on."""
    if no_mt:
        return "MT is off (--no-mt)"
    return None if apertium_modes() else MT_OFF_NOTICE


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
        found += document_bead_words(Side(texts.src, src_lang), Side(texts.tgt, tgt_lang), beads, None)[0]
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
        task = AlignTask(key, Side(texts.src, texts.src_lang, texts.src_paragraphs),
                         Side(texts.tgt, texts.tgt_lang, texts.tgt_paragraphs), self.options, self.no_mt,
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


def _windowed(submit: Callable, tasks: Iterable[list[AlignTask]], window: int,
              first_done: Callable) -> Iterator[list[AlignResult]]:
    """Results of `compute` over chunks, keeping at most `window` chunks in flight (so tasks are
    read from the store only as workers become free), in the order they finish."""
    pending: set = set()

    def finished() -> Iterator[list[AlignResult]]:
        for future in first_done(pending):
            pending.discard(future)
            yield future.result()

    for task in tasks:
        pending.add(submit(compute, task))
        while len(pending) >= window:
            yield from finished()
    while pending:
        yield from finished()


def _first_done_local(pending: set) -> set:
    return wait(pending, return_when=FIRST_COMPLETED).done


def _exit_with_parent() -> None:
    """Worker initializer: the worker exits as soon as the process that asked for it dies, even
    by kill -9 (a watcher thread waits for the pipe to it to close). Idle workers wait for work
    on a pipe they hold both ends of, so they never see it close; they, the fork server (which
    waits for every worker) and the resource tracker (which waits for both) outlived a killed
    `align --workers 2` by 13 minutes and more."""
    parent = parent_process()
    if parent is not None:
        threading.Thread(target=_exit_when_closed, args=(parent.sentinel,), daemon=True).start()


def _exit_when_closed(sentinel: int) -> None:
    connection.wait([sentinel])
    os._exit(1)


def computed(tasks: Iterable[AlignTask], workers: int = 1, scheduler: str | None = None,
             ) -> Iterator[list[AlignResult]]:
    """Results of every task, a chunk at a time: here (one worker), in worker processes, or on a
    Dask cluster."""
    if scheduler:
        from distributed import Client
        from distributed import wait as dask_wait
        with Client(scheduler) as client:
            window = 2 * max(1, len(client.scheduler_info()["workers"]))
            yield from _windowed(lambda fn, chunk: client.submit(fn, chunk, pure=False), chunks(tasks), window,
                                 lambda pending: dask_wait(list(pending), return_when="FIRST_COMPLETED").done)
    elif workers > 1:
        context = get_context("forkserver")  # workers start from a process that has the aligner loaded
        context.set_forkserver_preload(["workbench.aligning"])
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_exit_with_parent) as pool:
            yield from _windowed(pool.submit, chunks(tasks), 2 * workers, _first_done_local)
    else:
        yield from map(compute, chunks(tasks))


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
