"""Reading beads with their text, streamed pair by pair (exports), and loading aligned units
from elsewhere (imported translation memories and bead files)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlite_utils import Database

from workbench.align.beads import Bead, coverage_error
from workbench.model import CODE, Document
from workbench.store.database import transaction
from workbench.store.records import add_pair, pair_ids, pair_texts, save_alignment


@dataclass(frozen=True)
class Unit:
    """One bead with its text: what every export format writes."""

    pair_id: int
    title: str
    src_lang: str
    tgt_lang: str
    bead_id: int
    position: int
    src: list[str]
    tgt: list[str]
    confidence: float | None
    status: str
    note: str | None
    code: bool = False  # every sentence of both sides is a code block (not a translation)


def iter_units(db: Database, pairs: list[int] | None = None) -> Iterator[Unit]:
    """Every bead of the given pairs (all pairs by default) with its sentences, in order. Only one
    pair's sentences are in memory at a time."""
    for pair_id in pairs or pair_ids(db):
        texts = pair_texts(db, pair_id)
        title = db["pairs"].get(pair_id)["title"]
        rows = db.query("select id, position, src_start, src_end, tgt_start, tgt_end, confidence, status, "
                        "note from beads where pair_id = ? order by position", [pair_id])
        for r in rows:
            src = texts.src[r["src_start"]:r["src_end"]] if r["src_start"] is not None else []
            tgt = texts.tgt[r["tgt_start"]:r["tgt_end"]] if r["tgt_start"] is not None else []
            kinds = (texts.src_kinds[r["src_start"]:r["src_end"]] if src else []) + (
                texts.tgt_kinds[r["tgt_start"]:r["tgt_end"]] if tgt else [])
            yield Unit(pair_id, title, texts.src_lang, texts.tgt_lang, r["id"], r["position"], src, tgt,
                       r["confidence"], r["status"], r["note"], all(kind == CODE for kind in kinds))


def count_beads(db: Database, pairs: list[int]) -> int:
    """Number of beads of the given pairs."""
    marks = ",".join("?" * len(pairs))
    return db.execute(f"select count(*) from beads where pair_id in ({marks})", pairs).fetchone()[0]


def add_aligned_pair(db: Database, src: Document, tgt: Document, beads: list[Bead], title: str,
                     source: str) -> int | None:
    """Store a pair that arrives already aligned (a translation memory): documents, pair and
    beads in one transaction. None if the pair exists already."""
    with transaction(db):
        pair_id = add_pair(db, src, tgt, title)
        if pair_id is not None:
            save_alignment(db, pair_id, beads, {"aligner_version": source, "mt_used": False})
        return pair_id


def load_beads(db: Database, pair_id: int, beads: list[Bead], source: str) -> None:
    """Replace a pair's alignment by the given beads, which must cover every sentence once."""
    texts = pair_texts(db, pair_id)
    error = coverage_error(beads, len(texts.src), len(texts.tgt))
    if error:
        raise ValueError(f"pair {pair_id}: {error}")
    with transaction(db):
        db.execute("delete from beads where pair_id = ?", [pair_id])
        save_alignment(db, pair_id, beads, {"aligner_version": source, "mt_used": False})
