"""Pairing two folders of articles: ingest reads them, `matching` scores them, the store keeps the
proposals. Translations made here go to the MT cache with them, so aligning the accepted pairs
later translates nothing twice."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from sqlite_utils import Database

from workbench import align, ingest, matching, store
from workbench.align.mt import Apertium, cache_key, mt_direction
from workbench.jobs import Refused
from workbench.jobs.imports import language_notices
from workbench.jobs.workers import computed, mapped
from workbench.model import CODE, Document, PairStatus

TRANSLATE_BATCH = 5000  # sentences per Apertium process: start-up paid rarely, progress still moves
DEFAULT_THRESHOLD = matching.DEFAULT_THRESHOLD  # the command line's default, calibrated (see matching)


@dataclass(frozen=True)
class CollectionPairing:
    """Both collections, the proposed pairs and the translations that were made for them."""

    src: list[Document]
    tgt: list[Document]
    pairing: matching.Pairing
    translations: dict[str, str]


def article_files(folder: Path) -> list[Path]:
    """Every visible file under `folder`, in name order; links leading out of it are skipped."""
    inside = folder.resolve()
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and p.resolve().is_relative_to(inside)
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def folder_files(folders: list[Path]) -> list[list[Path]]:
    """The article files of each folder; refused (one line) when a folder is none, is empty,
    or is the other folder or inside it (its files would be paired with themselves)."""
    for folder in folders:
        if not folder.is_dir():
            raise Refused(f"{folder}: not a directory")
    src, tgt = (folder.resolve() for folder in folders)
    if src == tgt:
        raise Refused(f"{folders[0]} and {folders[1]} are the same folder: give the folder of each language")
    if src.is_relative_to(tgt) or tgt.is_relative_to(src):
        raise Refused(f"{folders[0]} and {folders[1]}: one folder is inside the other: give two separate folders")
    files = [article_files(folder) for folder in folders]
    for folder, found in zip(folders, files):
        if not found:
            raise Refused(f"{folder}: no files")
    return files


@dataclass(frozen=True)
class Read:
    """One file read for pairing: its document, or why it is left out (a notice) or refused."""

    doc: Document | None
    notices: list[str]
    refused: str | None = None


def read_article(path: Path, langs: tuple[str, str], check_languages: bool) -> Read:
    """A file of the folder in `langs[0]` (the other folder's is `langs[1]`), language-checked
    if asked. A file in the other folder's language (an untranslated page) is left out with a
    notice. (Module-level and plain: worker processes read files too.)"""
    try:
        doc = ingest.read(path, langs[0])
        if check_languages and ingest.in_other_language(doc, langs[1]):
            return Read(None, [f"left out: {doc.path}: in {langs[1]} (p={doc.detected_prob:.2f}), not {langs[0]}: "
                               "an untranslated page?"])
        found = ingest.check_language(doc) if check_languages else []
    except ingest.InputError as exc:
        return Read(None, [], str(exc))
    return Read(doc, [*doc.notes, *found])


def _read(task: tuple[Path, tuple[str, str], bool]) -> Read:
    return read_article(*task)


def read_collections(files: list[list[Path]], langs: tuple[str, str], check_languages: bool,
                     on_read: Callable[[], None], workers: int = 1,
                     ) -> tuple[list[Document], list[Document], list[str], list[str]]:
    """Both collections read (see `read_article`; in `workers` processes), with the notices of
    both and every refusal; a file identical to one before it in its folder is refused. Files
    too short to check their language are said all together."""
    sides = [side for side, paths in enumerate(files) for _ in paths]
    tasks = [(path, order, check_languages) for paths, order in zip(files, (langs, langs[::-1])) for path in paths]
    collections: tuple[list[Document], list[Document]] = ([], [])
    notices: list[str] = []
    refused: list[str] = []
    first: dict[tuple[int, str], str] = {}
    for side, read in zip(sides, mapped(_read, tasks, workers)):
        notices += read.notices
        if read.refused:
            refused.append(read.refused)
        elif read.doc and (side, read.doc.sha256) in first:
            refused.append(f"{read.doc.path}: identical to {first[side, read.doc.sha256]}")
        elif read.doc:
            first[side, read.doc.sha256] = read.doc.path
            collections[side].append(read.doc)
        on_read()
    short = language_notices(collections[0] + collections[1]) if check_languages else []
    return collections[0], collections[1], notices + short, refused


def _translate(db: Database, docs: list[Document], mode: str, on_batch: Callable[[int], None],
               workers: int = 1) -> tuple[list[list[str]], dict[str, str], dict[str, str]]:
    """Each document's sentences with its prose translated with `mode` (the store's cache
    first; code stays as it is, as the aligner leaves it), every translation by cache key, and
    those that are new. The sentences the cache lacks go to Apertium in batches of
    TRANSLATE_BATCH, `workers` processes at a time; the batches are the same however many run
    at once, so the translations are too. `on_batch` hears how many sentences each batch
    stands for."""
    prose = [_prose(doc) for doc in docs]
    flat = [doc.sentences[k] for doc, ks in zip(docs, prose) for k in ks]
    cache = store.cached_translations(db, [cache_key(mode, s) for s in flat])
    missing = sorted({s for s in flat if cache_key(mode, s) not in cache})
    batches = [missing[k:k + TRANSLATE_BATCH] for k in range(0, len(missing), TRANSLATE_BATCH)]
    new: dict[str, str] = {}
    with ThreadPoolExecutor(max(1, workers)) as pool:  # each batch is an Apertium process
        for n, (batch, done) in enumerate(zip(batches, pool.map(lambda b: Apertium().translate(b, mode), batches))):
            new.update((cache_key(mode, s), t) for s, t in zip(batch, done))
            on_batch(len(flat) * (n + 1) // len(batches) - len(flat) * n // len(batches))
    if not batches:
        on_batch(len(flat))
    cache.update(new)
    from workbench.align.pipeline import spliced  # numba, imported when pairing runs (see `_prose`)
    views = [spliced(doc.sentences, ks, [cache[cache_key(mode, doc.sentences[k])] for k in ks])
             for doc, ks in zip(docs, prose)]
    return views, cache, new


def _side(doc: Document) -> align.Side:
    """A document as the aligner takes it (as `workbench align` gives a stored one)."""
    return align.Side(doc.sentences, doc.lang, doc.paragraphs, doc.structure()[0])


def _prose(doc: Document) -> list[int]:
    """The sentences of a document that the aligner machine translates (all but code). The
    aligner (numba) is imported on first use, so that the command line starts quickly."""
    from workbench.align.pipeline import to_translate
    return to_translate(_side(doc), frozenset())


def _direction(src: list[Document], tgt: list[Document], no_mt: bool) -> tuple[int, str] | None:
    return None if no_mt or not (src and tgt) else mt_direction(src[0].lang, tgt[0].lang)


def sentences_to_translate(src: list[Document], tgt: list[Document], no_mt: bool) -> int:
    """How many sentences pairing sends to Apertium (for a progress bar)."""
    direction = _direction(src, tgt, no_mt)
    return sum(len(_prose(d)) for d in (src, tgt)[direction[0]]) if direction else 0


@dataclass(frozen=True)
class Translated:
    """Both collections as compared: each side's sentences, its prose machine translated on
    the side MT translates (0 source, 1 target, None without MT), and the translations: all of
    them (for the aligner) and those new to the store."""

    src: list[Document]
    tgt: list[Document]
    views: tuple[list[list[str]], list[list[str]]]
    translated: int | None
    no_mt: bool
    cache: dict[str, str]
    translations: dict[str, str]


@dataclass(frozen=True)
class Ranked(Translated):
    """The collections as compared, the candidates ranked before verification, those to verify,
    and the test of a bead's sides that verification applies."""

    candidates: list[matching.Candidate]
    to_verify: list[matching.Candidate]
    agreement: matching.Agreement


def translate(db: Database, src: list[Document], tgt: list[Document], no_mt: bool,
              on_batch: Callable[[int], None], workers: int = 1) -> Translated:
    """Translate one side's prose (the store's cache first; `workers` Apertium processes at a
    time), as the aligner will compare it."""
    direction = _direction(src, tgt, no_mt)
    views = [[d.sentences for d in src], [d.sentences for d in tgt]]
    cache: dict[str, str] = {}
    translations: dict[str, str] = {}
    if direction:
        side, mode = direction
        views[side], cache, translations = _translate(db, (src, tgt)[side], mode, on_batch, workers)
    return Translated(src, tgt, (views[0], views[1]), direction[0] if direction else None, no_mt, cache, translations)


def rank_candidates(found: Translated, on_document: Callable[[], None]) -> Ranked:
    """The candidate pairs, ranked, those to verify and the agreement test (see `matching`).
    `on_document` hears each document's bag made."""
    vocabulary = matching.Vocabulary()

    def bags(side: int) -> Iterator[tuple[Counter[str], int]]:
        for doc, view in zip((found.src, found.tgt)[side], found.views[side]):
            kinds = doc.structure()[0]
            yield (matching.bag(doc.sentences, kinds, view if side == found.translated else None),
                   sum(matching.prose_weights(doc.sentences, kinds)))
            on_document()

    src_bags, tgt_bags = vocabulary.bags(bags(0)), vocabulary.bags(bags(1))
    ranked = matching.candidates(src_bags, tgt_bags)
    prose = [[[view[k] for k, kind in enumerate(d.structure()[0]) if kind != CODE] for d, view in zip(docs, side)]
             for docs, side in zip((found.src, found.tgt), found.views)]
    agreement = matching.agreement(prose[0], prose[1], {(c.src, c.tgt) for c in ranked if c.mutual},
                                   found.translated is not None)
    return Ranked(**vars(found), candidates=ranked, to_verify=matching.to_verify(ranked), agreement=agreement)


def verify(ranked: Ranked, on_done: Callable[[int], None], workers: int = 1,
           scheduler: str | None = None) -> list[matching.Proposal]:
    """Sentence-align every candidate to verify (here, in worker processes or on a Dask
    cluster, as `workbench align` does, with the translations made for ranking) and score
    each by the aligned share of both documents. `on_done` hears each candidate aligned."""
    from workbench.align.collection import AlignTask
    weights = [[matching.prose_weights(d.sentences, d.structure()[0]) for d in docs] for docs in (ranked.src, ranked.tgt)]

    def tasks() -> Iterator[AlignTask]:
        for key, c in enumerate(ranked.to_verify):
            task = AlignTask(key, _side(ranked.src[c.src]), _side(ranked.tgt[c.tgt]), align.AlignOptions(),
                             ranked.no_mt)
            mt = task.mt_keys()
            yield task if mt is None else replace(task, cached={k: ranked.cache[k] for k in mt[2] if k in ranked.cache})

    out = []
    for results in computed(tasks(), workers, scheduler):
        for result in results:
            c = ranked.to_verify[result.key]
            src_w, tgt_w = weights[0][c.src], weights[1][c.tgt]
            shares = matching.aligned_share(result.beads, ranked.views[0][c.src], ranked.views[1][c.tgt], src_w, tgt_w,
                                            ranked.agreement)
            out.append(matching.Proposal(c.src, c.tgt, round(matching.both_share(*shares, sum(src_w), sum(tgt_w)), 4),
                                         *shares, c))
            on_done(1)
    return out


def pair_documents(db: Database, ranked: Ranked, verified: list[matching.Proposal], threshold: float,
                   ) -> CollectionPairing:
    """Proposals between the two collections; pairs a reviewer rejected before stay apart."""
    found = matching.link(verified, len(ranked.src), len(ranked.tgt), threshold,
                          _rejected(db, ranked.src, ranked.tgt))
    return CollectionPairing(ranked.src, ranked.tgt, found, ranked.translations)


def _rejected(db: Database, src: list[Document], tgt: list[Document]) -> set[tuple[int, int]]:
    """Index pairs of the two collections that a reviewer rejected before."""
    src_at: dict[str, list[int]] = {}
    tgt_at: dict[str, list[int]] = {}
    for docs, at in ((src, src_at), (tgt, tgt_at)):
        for k, doc in enumerate(docs):
            at.setdefault(doc.sha256, []).append(k)
    return {(i, j) for s, t in store.rejected_pairs(db) for i in src_at.get(s, []) for j in tgt_at.get(t, [])}


def store_pairing(db: Database, result: CollectionPairing, accept: bool) -> list[int | None]:
    """Store the documents, the proposals (accepted at once with `accept`) and the translations,
    in one transaction."""
    return store.add_proposals(db, result.src, result.tgt,
                               [(p.src, p.tgt, p.score) for p in result.pairing.proposals],
                               PairStatus.ACCEPTED if accept else PairStatus.PROPOSED, result.translations)
