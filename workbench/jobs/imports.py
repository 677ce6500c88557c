"""Importing: a pair of files, a folder of pairs, a translation memory, a bead file. Ingest
reads, the store keeps.

A batch (a folder, a memory) is read and checked whole before its first write, so a refused
batch leaves the database as it was; then each pair is stored in its own transaction, so a
review waits for the write lock a pair at a time, and a batch killed halfway keeps the pairs it
stored: run again, it leaves them out without reading them and stores the rest.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from workbench import ingest, store
from workbench.align.beads import Bead
from workbench.display import counted
from workbench.ingest.tmx import memory_languages, read_tmx
from workbench.jobs import Refused
from workbench.model import Document, name_text

LANG_SUFFIX = re.compile(r"^(?P<name>.+?)\.(?P<lang>[a-z]{2})(?:\.[A-Za-z0-9]+)?$", re.IGNORECASE)
FOLD_SHORT = 4  # this many documents too short to check their language are said in one line
Key = tuple[str, str, str, str]  # what `store.pair_keys` knows a stored pair by


@dataclass(frozen=True)
class PairFiles:
    """Two files that name each other as translations."""

    name: str
    src: Path
    tgt: Path


@dataclass(frozen=True)
class Reading:
    """How files are read: their languages, whether they hold a sentence a line, and whether a
    detected language that contradicts the declared one refuses them."""

    src_lang: str = "en"
    tgt_lang: str = "es"
    presplit: bool = False
    check_languages: bool = True


@dataclass(frozen=True)
class Ready:
    """A pair read and checked, ready to be stored: its name, its documents and, from a
    translation memory, its beads."""

    name: str
    src: Document
    tgt: Document
    beads: list[Bead] | None = None

    def key(self) -> Key:
        return self.src.sha256, self.src.lang, self.tgt.sha256, self.tgt.lang


@dataclass
class Batch:
    """What a batch import read: the pairs ready to store, the notices to show, why each refused
    file was refused, and how many pairs were left out because they are stored already."""

    ready: list[Ready] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    already: int = 0

    def line(self, new: int) -> str:
        """`imported 1288 pairs; 1212 were already imported`, once `new` pairs are stored."""
        return f"imported {counted(new, 'pair')}" + (
            f"; {self.already} {'was' if self.already == 1 else 'were'} already imported" if self.already else "")


def language_notices(documents: Iterable[Document]) -> list[str]:
    """A notice for each document too short to check its language, or one line for all of them
    when a folder has many (they would drown every other notice)."""
    short = [doc for doc in documents if ingest.too_short_to_check(doc)]
    if len(short) >= FOLD_SHORT:
        return [f"{len(short)} files too short to check their language; taken as declared"]
    return [f"{doc.path}: too short to check its language; taking {doc.lang} as declared" for doc in short]


def read_pair(src: Path, tgt: Path, reading: Reading, title: str | None = None,
              on_progress: ingest.Progress = lambda phase, share: None) -> tuple[Document, Document, list[str]]:
    """Both documents of a pair, language-checked (unless the reading says not to), with the
    notices to show; `on_progress` hears the phases of reading each file, named with the file."""
    src_doc, tgt_doc, notices = _read_checked(src, tgt, reading, title, on_progress)
    return src_doc, tgt_doc, notices + (language_notices([src_doc, tgt_doc]) if reading.check_languages else [])


def _read_checked(src: Path, tgt: Path, reading: Reading, title: str | None = None,
                  on_progress: ingest.Progress = lambda phase, share: None) -> tuple[Document, Document, list[str]]:
    """`read_pair` but for the notices of documents too short to check, which a batch says
    together (see `language_notices`)."""
    src_doc = ingest.read(src, reading.src_lang, reading.presplit, title, _naming(src, on_progress))
    tgt_doc = ingest.read(tgt, reading.tgt_lang, reading.presplit, None, _naming(tgt, on_progress))
    checked = ingest.check_languages(src_doc, tgt_doc) if reading.check_languages else []
    return src_doc, tgt_doc, [*src_doc.notes, *tgt_doc.notes, *checked]


def _naming(path: Path, on_progress: ingest.Progress) -> ingest.Progress:
    return lambda phase, share: on_progress(f"{phase}: {path.name}", share)


def find_pairs(folder: Path, src_lang: str, tgt_lang: str) -> tuple[list[PairFiles], list[Path]]:
    """Pairs in `folder` by name, case-insensitively: NAME.<src>[.ext] with NAME.<tgt>[.ext], or
    <src>/NAME.* with <tgt>/NAME.*. Returns the pairs and the files left without a partner.
    Links that lead out of the folder are not followed. A NAME that is not UTF-8 is kept as
    `name_text` writes it."""
    by_key: dict[tuple[str, str], Path] = {}
    inside = folder.resolve()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.resolve().is_relative_to(inside)):
        if path.resolve().parent != folder.resolve() and path.parent.parent.resolve() != folder.resolve():
            continue
        if path.parent.resolve() == folder.resolve():
            match = LANG_SUFFIX.match(path.name)
            if match:
                by_key[(match["name"].lower(), match["lang"].lower())] = path
        elif path.parent.name.lower() in {src_lang, tgt_lang}:
            by_key[(path.name.split(".")[0].lower(), path.parent.name.lower())] = path
    pairs, alone = [], []
    for (name, lang), path in sorted(by_key.items()):
        other = by_key.get((name, tgt_lang if lang == src_lang else src_lang))
        if lang == src_lang and other:
            pairs.append(PairFiles(name_text(name), path, other))
        elif lang in {src_lang, tgt_lang} and not other:
            alone.append(path)
    return pairs, alone


def _sha256(path: Path) -> str | None:
    """The digest a document read from this file is stored with (see `ingest.read`)."""
    try:
        return hashlib.sha256(ingest.read_bytes(path)).hexdigest()
    except ingest.InputError:
        return None


def folder_pairs(folder: Path, reading: Reading, stored: set[Key],
                 ) -> tuple[list[PairFiles], list[PairFiles], list[Path]]:
    """The pairs of a folder to read: those not among the `stored` pairs as their files are now
    (a batch run again after an interruption reads only the rest); also all of the folder's
    pairs, and its files without a partner."""
    if not folder.is_dir():
        raise Refused(f"{folder}: not a directory")
    pairs, alone = find_pairs(folder, reading.src_lang, reading.tgt_lang)
    if not pairs:
        raise Refused(f"{folder}: no NAME.{reading.src_lang} / NAME.{reading.tgt_lang} pairs found")
    todo = [pair for pair in pairs
            if (_sha256(pair.src), reading.src_lang, _sha256(pair.tgt), reading.tgt_lang) not in stored]
    return todo, pairs, alone


def read_batch(todo: list[PairFiles], reading: Reading, already: int,
               on_read: Callable[[], None] = lambda: None) -> Batch:
    """The pairs read and checked, every bad file named (not just the first); `already` counts
    the pairs left out as stored. `on_read` hears each pair read."""
    batch = Batch(already=already)
    for pair in todo:
        try:
            src, tgt, found = _read_checked(pair.src, pair.tgt, reading)
        except ingest.InputError as exc:
            batch.refused.append(str(exc))
        else:
            batch.ready.append(Ready(pair.name, src, tgt))
            batch.notices += found
        on_read()
    if reading.check_languages:
        batch.notices += language_notices(doc for pair in batch.ready for doc in (pair.src, pair.tgt))
    return batch


def read_memory(path: Path, skip_bad: bool, stored: set[Key],
                on_phase: Callable[[str], None] = lambda phase: None) -> Batch:
    """The pairs of a translation memory (TMX) read and checked whole, less those stored already.
    With `skip_bad`, units a pair has no place for are left out (see `ingest.tmx.read_tmx`)."""
    notes: list[str] = []
    src_lang, tgt_lang, aligned = read_tmx(path, ingest.read_bytes(path), notes, skip_bad)
    on_phase("checking the languages")
    detected = memory_languages(aligned)
    batch = Batch(notices=notes)
    for pair in aligned:
        ready = Ready(pair.title, *pair.documents(path, src_lang, tgt_lang, detected), pair.beads)
        if ready.key() in stored:
            batch.already += 1
        else:
            batch.ready.append(ready)
    return batch


def stored_keys(db_path: Path) -> set[Key]:
    """The pairs stored already (see `store.pair_keys`), read without writing: a refused batch
    leaves the database as it was, and makes none."""
    return store.pair_keys(store.open_database(db_path, write=False)) if db_path.exists() else set()


def store_batch(db: Database, ready: list[Ready]) -> Iterator[tuple[Ready, int | None]]:
    """Store the pairs of a checked batch, each in its own transaction, yielding each with its
    new pair id (None if it was stored meanwhile); the caller may stop between two pairs."""
    store.batch_writes(db)
    for pair in ready:
        if pair.beads is None:
            yield pair, store.add_pair(db, pair.src, pair.tgt, pair.name)
        else:
            yield pair, store.add_aligned_pair(db, pair.src, pair.tgt, pair.beads, pair.name, "import-tmx")


def import_beads(db: Database, pair_id: int, path: Path) -> int:
    """Load a bead file as a pair's alignment (it must cover every sentence); how many beads."""
    beads = ingest.read_beads(path)
    store.load_beads(db, pair_id, beads, "import-beads")
    return len(beads)
