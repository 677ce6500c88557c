"""Finding and importing document pairs: ingest reads, the store keeps."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from workbench import ingest, store
from workbench.align.beads import Bead
from workbench.document import Document, name_text

LANG_SUFFIX = re.compile(r"^(?P<name>.+?)\.(?P<lang>[a-z]{2})(?:\.[A-Za-z0-9]+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class PairFiles:
    """Two files that name each other as translations."""

    name: str
    src: Path
    tgt: Path


@dataclass(frozen=True)
class Ready:
    """A pair read and checked, ready to be stored: its name, its documents and, from a
    translation memory, its beads."""

    name: str
    src: Document
    tgt: Document
    beads: list[Bead] | None = None

    def key(self) -> tuple[str, str, str, str]:
        """What `store.pair_keys` knows a stored pair by."""
        return self.src.sha256, self.src.lang, self.tgt.sha256, self.tgt.lang


def store_ready(db: Database, ready: Ready) -> int | None:
    """Store one pair in its own transaction; None if it is stored already."""
    if ready.beads is None:
        return store.add_pair(db, ready.src, ready.tgt, ready.name)
    return store.add_aligned_pair(db, ready.src, ready.tgt, ready.beads, ready.name, "import-tmx")


def unstored(pairs: list[PairFiles], src_lang: str, tgt_lang: str,
             stored: set[tuple[str, str, str, str]]) -> list[PairFiles]:
    """The pairs whose files, as they are now, are not among the `stored` pairs (see
    `store.pair_keys`): a batch run again after an interruption reads only the rest. A file
    that cannot be read is left for reading to refuse, by name."""
    if not stored:
        return pairs
    return [pair for pair in pairs if (_sha256(pair.src), src_lang, _sha256(pair.tgt), tgt_lang) not in stored]


def _sha256(path: Path) -> str | None:
    """The digest a document read from this file is stored with (see `ingest.read`)."""
    try:
        return hashlib.sha256(ingest.read_bytes(path)).hexdigest()
    except ingest.InputError:
        return None


def read_pair(src: Path, tgt: Path, src_lang: str, tgt_lang: str, presplit: bool = False,
              force: bool = False, title: str | None = None,
              on_progress: ingest.Progress = lambda phase, share: None) -> tuple[Document, Document, list[str]]:
    """Both documents of a pair, language-checked (unless `force`), with notices to show;
    `on_progress` hears the phases of reading each file, named with the file (see `ingest.read`)."""
    src_doc = ingest.read(src, src_lang, presplit, title, _naming(src, on_progress))
    tgt_doc = ingest.read(tgt, tgt_lang, presplit, None, _naming(tgt, on_progress))
    notices = [*src_doc.notes, *tgt_doc.notes] + ([] if force else ingest.check_languages(src_doc, tgt_doc))
    return src_doc, tgt_doc, notices


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
