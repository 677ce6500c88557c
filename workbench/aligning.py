"""Aligning stored pairs: jobs read from the store, computed by the pure aligner in this process,
in worker processes or on a Dask cluster, and written back by this process alone.

Workers never touch the database: a job carries the pair's sentences, its anchors and the
translations the store already has, and a result carries the beads and the new translations.
So SQLite only ever sees one writer, and a cluster node needs no access to the database file.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from multiprocessing import connection, get_context, parent_process
from pathlib import Path

from sqlite_utils import Database

from workbench import store
from workbench.align import ALIGNER_VERSION, AlignOptions, Bead, Side, align_sentences, format_bead, parse_beads
from workbench.align.collection import document_bead_words
from workbench.align.confidence import DEFAULT_THRESHOLD
from workbench.align.features import BeadWords
from workbench.align.mt import Apertium, apertium_modes, apertium_version, cache_key, mt_direction
from workbench.lexicon_pool import LexiconPool
from workbench.wording import counted

MT_OFF_NOTICE = "MT is off: Apertium is not installed; aligning with lengths, numbers, names, cognates and the learnt lexicon"
CHUNK_SENTENCES = 4000  # sentences a worker aligns per task: one Apertium process per chunk
CHUNK_PAIRS = 50


def translator_for(src_lang: str, tgt_lang: str, no_mt: bool, cache=None) -> Apertium | None:
    """An Apertium translator when MT is wanted and installed for this pair, else None."""
    if no_mt or mt_direction(src_lang, tgt_lang) is None:
        return None
    return Apertium(cache)


def mt_notice(no_mt: bool) -> str | None:
    """What to say once about MT being off, or None when it is on."""
    if no_mt:
        return "MT is off (--no-mt)"
    return None if apertium_modes() else MT_OFF_NOTICE


@dataclass(frozen=True)
class AlignJob:
    """Everything a worker needs to align one pair."""

    pair_id: int
    texts: store.PairTexts
    anchors: list[Bead]
    no_mt: bool
    cached: dict[str, str]  # translations of this pair's sentences the store already has
    collect: bool = False  # return the words of the beads, for a second round's lexicon
    lexicon: dict[str, list[str]] = field(default_factory=dict)  # a collection's (see LexiconPool)
    lexicon_pairs: int = 0  # how many pairs it was learnt from


@dataclass(frozen=True)
class AlignResult:
    """What the writer stores for one pair."""

    pair_id: int
    beads: list[Bead]
    run: dict
    translations: dict[str, str]  # MT cache entries new to the store
    sentences: int
    group: tuple[str, str, bool]  # languages and MT used: pairs whose lexicons can be pooled
    words: list[BeadWords] | None = None  # with `collect`


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


def _mt_keys(texts: store.PairTexts, no_mt: bool) -> tuple[str, list[str], list[str]] | None:
    """The mode, sentences and cache keys the aligner will translate for this pair, if any."""
    direction = None if no_mt else mt_direction(texts.src_lang, texts.tgt_lang)
    if direction is None:
        return None
    side, mode = direction
    sentences = texts.tgt if side else texts.src
    return mode, sentences, [cache_key(mode, s) for s in sentences]


def make_job(db: Database, pair_id: int, no_mt: bool, anchors: list[Bead], pool: LexiconPool,
             horizon: int | None = None, first_round: bool = False) -> AlignJob:
    """A job for one stored pair, with the store's translations of its sentences (those stored
    before `horizon` only: see `align_pairs`) and its group's lexicon from `pool`. A first
    round's job collects its bead words when the pool will want them for a second round."""
    texts = store.pair_texts(db, pair_id)
    mt = _mt_keys(texts, no_mt)
    group = (texts.src_lang, texts.tgt_lang, mt is not None)
    lexicon, pairs = pool.lexicon(group)
    return AlignJob(pair_id, texts, anchors, no_mt, store.cached_translations(db, mt[2], horizon) if mt else {},
                    first_round and pool.second_round(group), lexicon, pairs)


def _align(job: AlignJob, cache: dict[str, str], mt: tuple[str, list[str], list[str]] | None) -> AlignResult:
    """Align one job; `mt` is its `_mt_keys` (None: MT off or Apertium lacks the pair)."""
    texts = job.texts
    opts = AlignOptions(translator=Apertium(cache) if mt else None, lexicon=job.lexicon)
    started = time.time()
    document = (Side(texts.src, texts.src_lang, texts.src_paragraphs),
                Side(texts.tgt, texts.tgt_lang, texts.tgt_paragraphs))
    beads = align_sentences(*document, opts, job.anchors)
    run = {"aligner_version": ALIGNER_VERSION, "params": asdict(opts.params) | {"collection_pairs": job.lexicon_pairs},
           "mt_used": mt is not None, "mt_version": apertium_version() if mt else None,
           "seconds": round(time.time() - started, 3)}
    new = {k: cache[k] for k in mt[2] if k not in job.cached} if mt else {}
    words = document_bead_words(document, beads, opts.translator)[0] if job.collect else None
    return AlignResult(job.pair_id, beads, run, new, len(texts.src) + len(texts.tgt),
                       (texts.src_lang, texts.tgt_lang, mt is not None), words)


def compute(chunk: list[AlignJob]) -> list[AlignResult]:
    """Align a chunk of pairs (runs in a worker). All sentences of the chunk that need MT go
    through one Apertium process per mode before any pair is aligned."""
    cache = {k: v for job in chunk for k, v in job.cached.items()}
    mts = [_mt_keys(job.texts, job.no_mt) for job in chunk]
    by_mode: dict[str, list[str]] = {}
    for mt in filter(None, mts):
        by_mode.setdefault(mt[0], []).extend(mt[1])
    for mode, sentences in by_mode.items():
        Apertium(cache).translate(sentences, mode)
    return [_align(job, cache, mt) for job, mt in zip(chunk, mts)]


def chunks(jobs: Iterable[AlignJob]) -> Iterator[list[AlignJob]]:
    """Jobs grouped so that a task is big enough to pay for its Apertium start-up and small
    enough to spread over the workers and to lose little when interrupted."""
    chunk: list[AlignJob] = []
    size = 0
    for job in jobs:
        chunk.append(job)
        size += len(job.texts.src) + len(job.texts.tgt)
        if size >= CHUNK_SENTENCES or len(chunk) >= CHUNK_PAIRS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _windowed(submit: Callable, tasks: Iterable[list[AlignJob]], window: int,
              first_done: Callable) -> Iterator[list[AlignResult]]:
    """Results of `compute` over tasks, keeping at most `window` tasks in flight (so jobs are
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


def computed(tasks: Iterable[list[AlignJob]], workers: int = 1,
             scheduler: str | None = None) -> Iterator[list[AlignResult]]:
    """Results of every task: here (one worker), in worker processes, or on a Dask cluster."""
    if scheduler:
        from distributed import Client
        from distributed import wait as dask_wait
        with Client(scheduler) as client:
            window = 2 * max(1, len(client.scheduler_info()["workers"]))
            yield from _windowed(lambda fn, task: client.submit(fn, task, pure=False), tasks, window,
                                 lambda pending: dask_wait(list(pending), return_when="FIRST_COMPLETED").done)
    elif workers > 1:
        context = get_context("forkserver")  # workers start from a process that has the aligner loaded
        context.set_forkserver_preload(["workbench.aligning"])
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_exit_with_parent) as pool:
            yield from _windowed(pool.submit, tasks, 2 * workers, _first_done_local)
    else:
        yield from map(compute, tasks)


def align_pairs(db: Database, pair_ids: list[int], no_mt: bool = False, realign: bool = False,
                on_done: Callable[[int], None] | None = None, workers: int = 1,
                scheduler: str | None = None) -> BatchSummary:
    """Align the pairs and store each as soon as its result arrives, one transaction a pair, so
    an interrupted run keeps every pair it finished.

    As a collection (see `workbench.align.collection`): every pair is aligned and stored, then
    aligned and stored again with a lexicon learnt from all the pairs of its languages in the run
    and, where MT is off, from the archive's other pairs (see LexiconPool); a pair with no such
    company is aligned once. `on_done` is called twice for every pair, after each round (both
    times after the first for a pair aligned once).

    The beads do not depend on where or in which order chunks are computed. Apertium's output
    for a sentence can depend on its neighbours in a batch, so a chunk only gets the
    translations cached before the round began and translates the rest itself, in a batch
    that is the same whatever the number of workers."""
    started = time.time()
    final: dict[int, AlignResult] = {}
    pool = LexiconPool(db, set(pair_ids))
    groups: dict[tuple[str, str, bool], list[AlignResult]] = {}
    for result in _round(db, pair_ids, no_mt, realign, workers, scheduler, pool, first_round=True):
        final[result.pair_id] = result
        groups.setdefault(result.group, []).append(result)
        if on_done:
            on_done(result.pair_id)
    for group, members in groups.items():
        if members[0].words is None:  # no second round (see LexiconPool.second_round)
            for result in members:
                if on_done:
                    on_done(result.pair_id)
            continue
        ids = [r.pair_id for r in members]
        pool.pool_run(group, [w for r in members for w in r.words or []], len(ids))
        for result in _round(db, ids, no_mt, realign, workers, scheduler, pool):
            final[result.pair_id] = result
            if on_done:
                on_done(result.pair_id)
    return _summary(final.values(), time.time() - started)


def _round(db: Database, pair_ids: list[int], no_mt: bool, realign: bool, workers: int, scheduler: str | None,
           pool: LexiconPool, first_round: bool = False) -> Iterator[AlignResult]:
    """Align the pairs, storing each result as it arrives, and yield it."""
    horizon = store.mt_cache_horizon(db)
    jobs = (make_job(db, pid, no_mt, store.anchor_beads(db, pid) if realign else [], pool, horizon, first_round)
            for pid in pair_ids)
    for results in computed(chunks(jobs), workers, scheduler):
        for result in results:
            store.save_alignment(db, result.pair_id, result.beads, result.run, result.translations)
            yield result


def _summary(results: Iterable[AlignResult], seconds: float) -> BatchSummary:
    summary = BatchSummary(seconds=seconds)
    for result in results:
        summary.pairs += 1
        summary.sentences += result.sentences
        summary.beads += len(result.beads)
        summary.low_confidence += sum(1 for b in result.beads
                                      if b.confidence is not None and b.confidence < DEFAULT_THRESHOLD)
    return summary


def realign_pair(db_path: str, pair_id: int, anchors: list[Bead], no_mt: bool = False) -> list[Bead]:
    """Beads for a pair that keep `anchors`. New translations go to the MT cache here."""
    db = store.open_database(Path(db_path))
    pool = LexiconPool(db, {pair_id})
    result = compute([make_job(db, pair_id, no_mt, anchors, pool, first_round=True)])[0]
    with store.transaction(db):
        store.add_translations(db, result.translations)
    if result.words is not None:  # a second round, as align_pairs does
        pool.pool_run(result.group, result.words, 1)
        result = compute([make_job(db, pair_id, no_mt, anchors, pool)])[0]
    return result.beads


def main() -> None:
    """`python -m workbench.aligning DB PAIR`: the review UI's re-alignment process (the search is
    CPU-bound, so it runs outside the UI's process). Anchors come in on standard input and beads
    go out on standard output, both in the bead format. A refusal of the store (the pair was
    removed meanwhile) is one line on standard error, which the review shows."""
    anchors = parse_beads(sys.stdin.read())
    try:
        beads = realign_pair(sys.argv[1], int(sys.argv[2]), anchors)
    except store.StoreError as exc:
        sys.exit(str(exc))
    sys.stdout.write("".join(format_bead(b) + "\n" for b in beads))


if __name__ == "__main__":
    main()
