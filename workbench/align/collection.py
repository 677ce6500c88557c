"""Aligning documents that belong together: the one path every alignment takes (`workbench
align`, the review's re-alignment, `workbench eval`, `align-pair` and the benchmarks), so
every figure we publish is a figure of what users get.

A document's own lexicon is learnt from its own beads: an article of a hundred sentences
teaches it little. A collection's documents share most of their vocabulary, so each is aligned
alone first, a lexicon is learnt from the beads of all of them (per language pair and use of
MT), and each is aligned again with it; its own lexicon, learnt again, still wins where the two
differ. Where MT is off, the archive (the beads stored for other pairs) lends its words too.

Where documents come from and where their beads go is a `Source`'s business (the store, or
files in memory); how tasks are computed is the caller's `compute_all` (here, in worker
processes, on a cluster). The rounds, the grouping and the lexicon are decided here only.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from dataclasses import asdict, dataclass, field, replace
from typing import Protocol

from workbench.align.beads import Bead
from workbench.align.features import COLLECTION_WITH_MT, COLLECTION_WITHOUT_MT, BeadWords, bead_words, \
    lexicon_from_beads, words
from workbench.align.mt import Apertium, apertium_version, cache_key, mt_direction
from workbench.align.pipeline import ALIGNER_VERSION, AlignOptions, Side, _views, align_sentences, to_translate

Group = tuple[str, str, bool]  # source and target language, MT used: documents whose lexicons pool
Lexicon = dict[str, list[str]]
CHUNK_SENTENCES = 4000  # sentences a task carries: one Apertium process per chunk
CHUNK_TASKS = 50


@dataclass(frozen=True)
class AlignTask:
    """Everything needed to align one document pair, away from the store: its sides, anchors
    (beads kept as they are), the translations known when its round began, and the lexicon of
    its group. It crosses to worker processes and cluster nodes, so it holds plain data."""

    key: int
    src: Side
    tgt: Side
    options: AlignOptions  # without translator: MT is `no_mt` and the installed Apertium
    no_mt: bool
    anchors: list[Bead] = field(default_factory=list)
    cached: dict[str, str] = field(default_factory=dict)
    collect: bool = False  # return the words of the beads, for a second round's lexicon
    lexicon: Lexicon = field(default_factory=dict)
    lexicon_pairs: int = 0  # how many document pairs it was learnt from

    def mt_keys(self) -> tuple[str, list[str], list[str]] | None:
        """The mode, sentences and cache keys the aligner translates for this pair, if any."""
        direction = None if self.no_mt else mt_direction(self.src.lang, self.tgt.lang)
        if direction is None:
            return None
        side, mode = direction
        texts = (self.src, self.tgt)[side]
        sentences = [texts.sentences[k] for k in to_translate(texts, self.options.disabled)]
        return mode, sentences, [cache_key(mode, s) for s in sentences]


@dataclass(frozen=True)
class AlignResult:
    """One aligned document pair: its beads, the run record, and the translations it made."""

    key: int
    beads: list[Bead]
    run: dict
    translations: dict[str, str]  # cache entries new since the task was made
    sentences: int
    group: Group
    words: list[BeadWords] | None = None  # with `collect`


def document_bead_words(src: Side, tgt: Side, beads: list[Bead], opts: AlignOptions,
                        ) -> tuple[list[BeadWords], bool]:
    """The words of each side of a document's beads, over the texts the aligner compares (a
    side's machine translation where MT is on), and whether one side was translated."""
    (src_view, tgt_view), translated = _views(src, tgt, opts)
    pairs = [(list(b.src), list(b.tgt)) for b in beads if b.src and b.tgt]
    return bead_words([words(s) for s in src_view], [words(t) for t in tgt_view], pairs), translated


def collection_lexicon(beads: list[BeadWords], translated: bool) -> Lexicon:
    """The lexicon of a collection's beads (all of one language pair, MT on or off for all)."""
    return lexicon_from_beads(beads, COLLECTION_WITH_MT if translated else COLLECTION_WITHOUT_MT)


def _align(task: AlignTask, cache: dict[str, str], mt: tuple[str, list[str], list[str]] | None) -> AlignResult:
    """Align one task; `mt` is its `mt_keys()`."""
    opts = replace(task.options, translator=Apertium(cache) if mt else None, lexicon=task.lexicon)
    started = time.time()
    beads = align_sentences(task.src, task.tgt, opts, task.anchors)
    run = {"aligner_version": ALIGNER_VERSION,
           "params": asdict(opts.params) | {"collection_pairs": task.lexicon_pairs},
           "mt_used": mt is not None, "mt_version": apertium_version() if mt else None,
           "seconds": round(time.time() - started, 3)}
    new = {k: cache[k] for k in mt[2] if k not in task.cached} if mt else {}
    found = document_bead_words(task.src, task.tgt, beads, opts)[0] if task.collect else None
    return AlignResult(task.key, beads, run, new, len(task.src.sentences) + len(task.tgt.sentences),
                       (task.src.lang, task.tgt.lang, mt is not None), found)


def compute(chunk: list[AlignTask]) -> list[AlignResult]:
    """Align a chunk of tasks (in this process or a worker). All sentences of the chunk that
    need MT go through one Apertium process per mode before any pair is aligned."""
    cache = {k: v for task in chunk for k, v in task.cached.items()}
    mts = [task.mt_keys() for task in chunk]
    by_mode: dict[str, list[str]] = {}
    for mt in filter(None, mts):
        by_mode.setdefault(mt[0], []).extend(mt[1])
    for mode, sentences in by_mode.items():
        Apertium(cache).translate(sentences, mode)
    return [_align(task, cache, mt) for task, mt in zip(chunk, mts)]


def chunks(tasks: Iterable[AlignTask]) -> Iterator[list[AlignTask]]:
    """Tasks grouped so that a chunk is big enough to pay for its Apertium start-up and small
    enough to spread over workers and to lose little when interrupted. The grouping depends on
    the tasks alone, so the beads are the same wherever chunks are computed."""
    chunk: list[AlignTask] = []
    size = 0
    for task in tasks:
        chunk.append(task)
        size += len(task.src.sentences) + len(task.tgt.sentences)
        if size >= CHUNK_SENTENCES or len(chunk) >= CHUNK_TASKS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def compute_here(tasks: Iterable[AlignTask]) -> Iterator[list[AlignResult]]:
    """Every chunk computed in this process, one after the other."""
    return map(compute, chunks(tasks))


class Source(Protocol):
    """Where a collection's documents come from and where their results go."""

    def languages(self, key: int) -> tuple[str, str]:
        """The source and target language of a document pair."""

    def begin_round(self) -> None:
        """A round starts: tasks made from now on see the translations known at this point only
        (Apertium's output for a sentence can depend on its neighbours in a batch, so a round
        must not see what another chunk of it translated)."""

    def task(self, key: int, lexicon: Lexicon, lexicon_pairs: int, collect: bool) -> AlignTask:
        """The task of one document pair, with its group's lexicon."""

    def archive_words(self, src_lang: str, tgt_lang: str) -> tuple[list[BeadWords], int]:
        """Bead words lent by aligned pairs outside the run (none for files), and their count."""

    def keep(self, result: AlignResult) -> None:
        """Store (or record) a result as soon as it arrives."""


@dataclass
class LexiconPool:
    """The lexicon of each group of a run: the bead words the run pooled (`pool_run`) plus, where
    MT is off, those the archive lends (read once per languages; the translation gives MT's
    words already, and on *Candide* a pooled archive changed nothing). Each lexicon is made
    once, until its group's pooled words change."""

    source: Source
    languages: Counter[tuple[str, str]]  # how many of the run's document pairs have these languages
    run: dict[Group, tuple[list[BeadWords], int]] = field(default_factory=dict)
    archived: dict[tuple[str, str], tuple[list[BeadWords], int]] = field(default_factory=dict)
    made: dict[Group, tuple[Lexicon, int]] = field(default_factory=dict)

    def second_round(self, group: Group) -> bool:
        """Whether the group's pairs are aligned twice, so their first round must collect their
        bead words: the run has more than one pair of these languages (MT is on for all of them
        or for none), or the archive lends the group words."""
        return self.languages[group[:2]] > 1 or self.lexicon(group)[1] > 0

    def pool_run(self, group: Group, found: list[BeadWords], pairs: int) -> None:
        """Add the bead words of a run's first round, from `pairs` pairs of the group."""
        self.run[group] = (found, pairs)
        self.made.pop(group, None)

    def lexicon(self, group: Group) -> tuple[Lexicon, int]:
        """The group's lexicon and the number of pairs it was learnt from (empty and 0: none)."""
        if group not in self.made:
            found, pairs = self.run.get(group, ([], 0))
            if not group[2]:
                if group[:2] not in self.archived:
                    self.archived[group[:2]] = self.source.archive_words(*group[:2])
                archived, count = self.archived[group[:2]]
                found, pairs = found + archived, pairs + count
            self.made[group] = (collection_lexicon(found, group[2]), pairs) if found else ({}, 0)
        return self.made[group]

    def task(self, key: int, group: Group, first_round: bool) -> AlignTask:
        """A task with its group's lexicon; a first round's task collects its bead words when
        its group will have a second round."""
        lexicon, pairs = self.lexicon(group)
        return self.source.task(key, lexicon, pairs, first_round and self.second_round(group))


def group_of(languages: tuple[str, str], no_mt: bool) -> Group:
    """The group of a document pair: its languages, and whether MT translates one side."""
    return (*languages, not no_mt and mt_direction(*languages) is not None)


ComputeAll = Callable[[Iterable[AlignTask]], Iterable[list[AlignResult]]]


def align_collection(keys: list[int], source: Source, no_mt: bool, compute_all: ComputeAll = compute_here,
                     on_done: Callable[[int], None] | None = None) -> Iterator[AlignResult]:
    """Align the document pairs `keys` of `source` as a collection (see the module docstring),
    handing each result to `source.keep` as it arrives and yielding it. A pair whose group has
    no second round (it is alone in the run and the archive lends nothing) is aligned once.
    `on_done` hears each key twice, after each round (both times after the first for a pair
    aligned once), so that a progress bar counts two steps a pair."""
    done = on_done or (lambda key: None)
    groups = {key: group_of(source.languages(key), no_mt) for key in keys}
    pool = LexiconPool(source, Counter(group[:2] for group in groups.values()))
    members: dict[Group, list[AlignResult]] = {}
    for result in _round(keys, groups, source, pool, compute_all, first_round=True):
        members.setdefault(result.group, []).append(result)
        done(result.key)
        yield result
    for group, results in members.items():
        if results[0].words is None:
            for result in results:
                done(result.key)
            continue
        pool.pool_run(group, [w for r in results for w in r.words or []], len(results))
        for result in _round([r.key for r in results], groups, source, pool, compute_all):
            done(result.key)
            yield result


def _round(keys: list[int], groups: dict[int, Group], source: Source, pool: LexiconPool, compute_all: ComputeAll,
           first_round: bool = False) -> Iterator[AlignResult]:
    """One round over `keys`: tasks are made only as `compute_all` asks for them (the store
    reads a pair when a worker is free), and each result is kept as it arrives."""
    source.begin_round()
    for results in compute_all(pool.task(key, groups[key], first_round) for key in keys):
        for result in results:
            source.keep(result)
            yield result


@dataclass
class Documents:
    """A `Source` of document pairs held in memory (`workbench eval`, `align-pair`, the
    benchmarks): each key is an index into `documents`. Translations go to `cache`, a mapping
    the caller may keep between runs."""

    documents: list[tuple[Side, Side]]
    options: AlignOptions = field(default_factory=AlignOptions)
    no_mt: bool = False
    cache: MutableMapping[str, str] = field(default_factory=dict)
    beads: dict[int, list[Bead]] = field(default_factory=dict)
    known: frozenset[str] = frozenset()

    def languages(self, key: int) -> tuple[str, str]:
        src, tgt = self.documents[key]
        return src.lang, tgt.lang

    def begin_round(self) -> None:
        self.known = frozenset(self.cache)

    def task(self, key: int, lexicon: Lexicon, lexicon_pairs: int, collect: bool) -> AlignTask:
        src, tgt = self.documents[key]
        task = AlignTask(key, src, tgt, self.options, self.no_mt, [], {}, collect, lexicon, lexicon_pairs)
        mt = task.mt_keys()
        cached = {k: self.cache[k] for k in mt[2] if k in self.known} if mt else {}
        return replace(task, cached=cached)

    def archive_words(self, src_lang: str, tgt_lang: str) -> tuple[list[BeadWords], int]:
        return [], 0

    def keep(self, result: AlignResult) -> None:
        self.beads[result.key] = result.beads
        self.cache.update(result.translations)


def align_documents(documents: list[tuple[Side, Side]], options: AlignOptions | None = None, no_mt: bool = False,
                    cache: MutableMapping[str, str] | None = None,
                    on_done: Callable[[int], None] | None = None) -> list[list[Bead]]:
    """The beads of each document pair of a collection held in memory, aligned exactly as
    `workbench align` aligns stored pairs. `options` carries ablation switches and parameters
    (its translator and lexicon are set here); `cache` keeps translations between calls."""
    source = Documents(documents, replace(options or AlignOptions(), translator=None, lexicon={}), no_mt,
                       {} if cache is None else cache)
    for _ in align_collection(list(range(len(documents))), source, no_mt, on_done=on_done):
        pass
    return [source.beads[k] for k in range(len(documents))]
