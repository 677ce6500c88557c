"""Pairing two folders of articles: ingest reads them, `matching` scores them, the store keeps the
proposals. Translations made here go to the MT cache with them, so aligning the accepted pairs
later translates nothing twice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from workbench import ingest, matching, store
from workbench.align.mt import Apertium, cache_key, mt_direction
from workbench.jobs import Refused
from workbench.jobs.imports import language_notices
from workbench.model import Document, PairStatus

TRANSLATE_BATCH = 5000  # sentences per Apertium process: start-up paid rarely, progress still moves


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
    """The article files of each folder; refused (one line) when a folder is none or empty."""
    for folder in folders:
        if not folder.is_dir():
            raise Refused(f"{folder}: not a directory")
    files = [article_files(folder) for folder in folders]
    for folder, found in zip(folders, files):
        if not found:
            raise Refused(f"{folder}: no files")
    return files


def read_articles(paths: list[Path], lang: str, check_languages: bool,
                  on_read: Callable[[], None]) -> tuple[list[Document], list[str], list[str]]:
    """The documents, language-checked if asked, the notices to show, and why each refused file
    was refused (those too short to check are for `read_collections` to say, all together)."""
    docs, notices, refused = [], [], []
    for path in paths:
        try:
            doc = ingest.read(path, lang)
            found = ingest.check_language(doc) if check_languages else []
        except ingest.InputError as exc:
            refused.append(str(exc))
        else:
            notices += [*doc.notes, *found]
            docs.append(doc)
        on_read()
    return docs, notices, refused


def read_collections(files: list[list[Path]], langs: tuple[str, str], check_languages: bool,
                     on_read: Callable[[], None]) -> tuple[list[Document], list[Document], list[str], list[str]]:
    """Both collections read (see `read_articles`), with the notices of both and every refusal."""
    src, src_notes, src_refused = read_articles(files[0], langs[0], check_languages, on_read)
    tgt, tgt_notes, tgt_refused = read_articles(files[1], langs[1], check_languages, on_read)
    short = language_notices(src + tgt) if check_languages else []
    return src, tgt, src_notes + tgt_notes + short, src_refused + tgt_refused


def _translate(db: Database, docs: list[Document], mode: str,
               on_batch: Callable[[int], None]) -> tuple[list[list[str]], dict[str, str]]:
    """Each document's sentences translated with `mode` (the store's cache first), and the new
    translations."""
    flat = [s for doc in docs for s in doc.sentences]
    cache = store.cached_translations(db, [cache_key(mode, s) for s in flat])
    known = set(cache)
    out: list[str] = []
    for start in range(0, len(flat), TRANSLATE_BATCH):
        batch = flat[start:start + TRANSLATE_BATCH]
        out.extend(Apertium(cache).translate(batch, mode))
        on_batch(len(batch))
    it = iter(out)
    return [[next(it) for _ in doc.sentences] for doc in docs], {k: v for k, v in cache.items() if k not in known}


def _direction(src: list[Document], tgt: list[Document], no_mt: bool) -> tuple[int, str] | None:
    return None if no_mt or not (src and tgt) else mt_direction(src[0].lang, tgt[0].lang)


def sentences_to_translate(src: list[Document], tgt: list[Document], no_mt: bool) -> int:
    """How many sentences pairing sends to Apertium (for a progress bar)."""
    direction = _direction(src, tgt, no_mt)
    return sum(len(d.sentences) for d in (src, tgt)[direction[0]]) if direction else 0


def pair_documents(db: Database, src: list[Document], tgt: list[Document], no_mt: bool,
                   threshold: float, on_batch: Callable[[int], None]) -> CollectionPairing:
    """Proposals between the two collections; pairs a reviewer rejected before stay apart."""
    direction = _direction(src, tgt, no_mt)
    views: list[list[list[str]] | None] = [None, None]
    translations: dict[str, str] = {}
    if direction:
        side, mode = direction
        views[side], translations = _translate(db, (src, tgt)[side], mode, on_batch)
    src_bags = [matching.bag(d.sentences, views[0][k] if views[0] else None) for k, d in enumerate(src)]
    tgt_bags = [matching.bag(d.sentences, views[1][k] if views[1] else None) for k, d in enumerate(tgt)]
    found = matching.propose(src_bags, tgt_bags, [sum(map(len, d.sentences)) for d in src],
                            [sum(map(len, d.sentences)) for d in tgt], threshold, _rejected(db, src, tgt))
    return CollectionPairing(src, tgt, found, translations)


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
