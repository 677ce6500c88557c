"""Typed reads and writes. Every write function is one transaction: all of it or nothing."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlite_utils import Database

from workbench.align.beads import Bead
from workbench.align.confidence import DEFAULT_THRESHOLD
from workbench.edits import ReviewBead
from workbench.store.database import StoreError, transaction
from workbench.store.gaps import GAP
from workbench.model import BeadStatus, Document, PairStatus

ANCHOR = f"status = '{BeadStatus.CONFIRMED}' or edited = 1"  # beads re-alignment keeps


def now() -> str:
    """UTC timestamp for records."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class PairSummary:
    """What `workbench list` shows of a pair."""

    id: int
    title: str
    src_lang: str
    tgt_lang: str
    src_sentences: int
    tgt_sentences: int
    beads: int
    confirmed: int
    low_confidence: int
    mt_used: bool | None
    status: str
    score: float | None


SENTENCES_PER_STATEMENT = 50_000
INSERT_DOCUMENT = ("insert into documents (title, lang, original_lang, path, sha256, detected_lang, detected_prob, "
                   "imported_at, metadata) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
Counter = Callable[[int], None]  # hears how many more rows are stored


def document_id(db: Database, doc: Document, on_stored: Counter = lambda count: None) -> tuple[int, bool]:
    """Id of the stored document with this content and language, inserting it if new
    (`on_stored` hears how many more of its sentences are stored, now and then)."""
    row = db.execute("select id from documents where sha256 = ? and lang = ?", [doc.sha256, doc.lang]).fetchone()
    if row:
        return row[0], False
    doc_id = db.execute(INSERT_DOCUMENT, [doc.title, doc.lang, doc.original_lang, doc.path, doc.sha256,
                                          doc.detected_lang, doc.detected_prob, now(),
                                          json.dumps(doc.metadata, ensure_ascii=False) if doc.metadata else None]
                        ).lastrowid
    _insert_sentences(db, doc_id, doc, on_stored)
    return doc_id, True


def _insert_sentences(db: Database, doc_id: int, doc: Document, on_stored: Counter) -> None:
    """A document's sentences, GAP apart, many to a statement: the full-text index writes what
    it gathered at the end of each statement, which at one statement a sentence took 20 µs a
    sentence (the 4.9 million one-word lines of issue 21: over 100 s; 12 s this way)."""
    rows = list(zip(doc.paragraphs, doc.sentences, *doc.structure()))
    for start in range(0, len(rows), SENTENCES_PER_STATEMENT):
        chunk = rows[start:start + SENTENCES_PER_STATEMENT]
        db.execute("insert into sentences (document_id, position, paragraph, text, kind, block, level) "
                   "select ?, (? + key) * ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 "
                   "from json_each(?)", [doc_id, start, GAP, json.dumps(chunk)])
        on_stored(len(chunk))


def add_pair(db: Database, src: Document, tgt: Document, title: str | None = None,
             on_stored: Counter = lambda count: None) -> int | None:
    """Store both documents and their pair in one transaction; None if the pair already exists.
    `on_stored` hears how many more sentences are stored (see `document_id`)."""
    with transaction(db):
        src_id, _ = document_id(db, src, on_stored)
        tgt_id, _ = document_id(db, tgt, on_stored)
        if db.execute("select 1 from pairs where src_doc = ? and tgt_doc = ?", [src_id, tgt_id]).fetchone():
            return None
        return db.execute("insert into pairs (title, src_doc, tgt_doc, status, created_at) "
                          "values (?, ?, ?, ?, ?)",
                          [title or src.title, src_id, tgt_id, PairStatus.ACCEPTED, now()]).lastrowid


def pair_ids(db: Database) -> list[int]:
    """Every pair id, in order."""
    return [r["id"] for r in db.query("select id from pairs order by id")]


def unaligned_pair_ids(db: Database) -> list[int]:
    """Accepted pairs with no beads yet (proposed and rejected pairs wait for a reviewer)."""
    return [r["id"] for r in db.query(
        f"select id from pairs where status = '{PairStatus.ACCEPTED}' and "
        "not exists (select 1 from beads where pair_id = pairs.id) order by id")]


SUMMARY_SQL = f"""
select p.id, p.title, s.lang as src_lang, t.lang as tgt_lang,
  (select count(*) from sentences where document_id = p.src_doc) as src_sentences,
  (select count(*) from sentences where document_id = p.tgt_doc) as tgt_sentences,
  (select count(*) from beads where pair_id = p.id) as beads,
  (select count(*) from beads where pair_id = p.id and status = '{BeadStatus.CONFIRMED}') as confirmed,
  (select count(*) from beads where pair_id = p.id and status = '{BeadStatus.AUTO}' and confidence < ?)
    as low_confidence,
  (select mt_used from runs where pair_id = p.id order by id desc limit 1) as mt_used,
  p.status, p.score
from pairs p join documents s on s.id = p.src_doc join documents t on t.id = p.tgt_doc
"""


def pair_summaries(db: Database, pair_id: int | None = None,
                   threshold: float = DEFAULT_THRESHOLD) -> list[PairSummary]:
    """Summaries of all pairs, or of one; beads under `threshold` count as low-confidence."""
    where, args = (" where p.id = ?", [pair_id]) if pair_id is not None else ("", [])
    rows = db.query(SUMMARY_SQL + where + " order by p.id", [threshold, *args])
    return [PairSummary(**{**r, "mt_used": None if r["mt_used"] is None else bool(r["mt_used"])})
            for r in rows]


@dataclass(frozen=True)
class PairTexts:
    """Both sides of a pair as the aligner wants them."""

    src_lang: str
    tgt_lang: str
    src: list[str]
    tgt: list[str]
    src_paragraphs: list[str]
    tgt_paragraphs: list[str]
    src_kinds: list[str]
    tgt_kinds: list[str]
    src_levels: list[int | None]
    tgt_levels: list[int | None]


def pair_texts(db: Database, pair_id: int) -> PairTexts:
    """Sentences, paragraph ids, block kinds and levels of both documents of a pair."""
    pair = next(db["pairs"].rows_where("id = ?", [pair_id]), None)
    if pair is None:
        raise StoreError(f"no pair {pair_id}")
    sides = []
    for doc_id in (pair["src_doc"], pair["tgt_doc"]):
        rows = db.execute("select text, paragraph, kind, level from sentences where document_id = ? "
                          "order by position", [doc_id]).fetchall()
        sides.append((db["documents"].get(doc_id)["lang"], *(list(column) for column in zip(*rows))))
    (sl, st, sp, sk, sv), (tl, tt, tp, tk, tv) = sides
    return PairTexts(sl, tl, st, tt, sp, tp, sk, tk, sv, tv)


def _span(start: int | None, end: int | None) -> tuple[int, ...]:
    return tuple(range(start, end)) if start is not None else ()


def _beads_where(db: Database, pair_id: int, condition: str = "1") -> list[Bead]:
    rows = db.query("select src_start, src_end, tgt_start, tgt_end, confidence from beads "
                    f"where pair_id = ? and ({condition}) order by position", [pair_id])
    return [Bead(_span(r["src_start"], r["src_end"]), _span(r["tgt_start"], r["tgt_end"]),
                 r["confidence"]) for r in rows]


def beads(db: Database, pair_id: int, rejected: bool = True) -> list[Bead]:
    """The stored beads of a pair, in order (without those a reviewer rejected, if not `rejected`)."""
    return _beads_where(db, pair_id, "1" if rejected else f"status != '{BeadStatus.REJECTED}'")


def aligned_pairs(db: Database, src_lang: str, tgt_lang: str) -> list[int]:
    """Accepted pairs of these languages that have beads, the most recently aligned first."""
    return [r["id"] for r in db.query(
        "select p.id from pairs p join documents s on s.id = p.src_doc join documents t on t.id = p.tgt_doc "
        f"where s.lang = ? and t.lang = ? and p.status = '{PairStatus.ACCEPTED}' "
        "and exists (select 1 from beads where pair_id = p.id) "
        "order by (select max(id) from runs where pair_id = p.id) desc, p.id desc", [src_lang, tgt_lang])]


def pair_languages(db: Database, pair_ids: Iterable[int]) -> list[tuple[str, str]]:
    """The source and target language of each of the pairs (in no particular order)."""
    return [(r["s"], r["t"]) for r in db.query(
        "select s.lang as s, t.lang as t from pairs p join documents s on s.id = p.src_doc "
        "join documents t on t.id = p.tgt_doc where p.id in (select value from json_each(?))",
        [json.dumps(list(pair_ids))])]


def anchor_beads(db: Database, pair_id: int) -> list[Bead]:
    """Beads that re-alignment must keep: confirmed or edited."""
    return _beads_where(db, pair_id, ANCHOR)


def _bounds(span: tuple[int, ...]) -> tuple[int | None, int | None]:
    """A span as its stored start and end (the inverse of `_span`)."""
    return (span[0], span[-1] + 1) if span else (None, None)


def _bead_row(pair_id: int, position: int, bead: Bead | ReviewBead) -> dict:
    (src_start, src_end), (tgt_start, tgt_end) = _bounds(bead.src), _bounds(bead.tgt)
    return {"pair_id": pair_id, "position": position, "src_start": src_start, "src_end": src_end,
            "tgt_start": tgt_start, "tgt_end": tgt_end, "confidence": bead.confidence}


def save_alignment(db: Database, pair_id: int, new_beads: list[Bead], run: dict,
                   translations: Mapping[str, str] | None = None) -> None:
    """Replace the pair's unprotected beads, add the run's new MT cache entries and record the
    run, in one transaction.

    Confirmed and edited beads (the anchors the aligner kept) keep their rows, status and notes.
    A pair removed while it was being aligned (`workbench remove` in another window) is refused.
    """
    with transaction(db):
        if not db.execute("select 1 from pairs where id = ?", [pair_id]).fetchone():
            raise StoreError(f"pair {pair_id} was removed while it was being aligned")
        kept = {(r["src_start"], r["src_end"], r["tgt_start"], r["tgt_end"]): r for r in db.query(
            f"select * from beads where pair_id = ? and ({ANCHOR})", [pair_id])}
        db.execute("delete from beads where pair_id = ?", [pair_id])
        rows = []
        for k, bead in enumerate(new_beads):
            position = k * GAP
            row = _bead_row(pair_id, position, bead)
            old = kept.get((row["src_start"], row["src_end"], row["tgt_start"], row["tgt_end"]))
            rows.append({**old, "position": position, "id": None} if old else row)
        db["beads"].insert_all(rows)
        add_translations(db, translations or {})
        db["runs"].insert({"pair_id": pair_id, **run, "params": json.dumps(run.get("params", {})),
                           "started_at": run.get("started_at", now())})


def mt_cache_horizon(db: Database) -> int:
    """The MT cache's current extent: entries added later have larger rowids."""
    return db.execute("select coalesce(max(rowid), 0) from mt_cache").fetchone()[0]


def cached_translations(db: Database, keys: list[str], horizon: int | None = None) -> dict[str, str]:
    """The MT cache entries stored under any of `keys` (the aligner's workers get these with
    their job, so they never read the database), only those present at `horizon` if given."""
    found: dict[str, str] = {}
    limit = "" if horizon is None else f" and rowid <= {int(horizon)}"
    for k in range(0, len(keys), 500):
        batch = keys[k:k + 500]
        found.update((r["key"], r["translation"]) for r in db.query(
            f"select key, translation from mt_cache where key in ({','.join('?' * len(batch))}){limit}", batch))
    return found


def add_translations(db: Database, translations: Mapping[str, str]) -> None:
    """Store new MT cache entries (inside the caller's transaction); an entry stored already
    stays as it is."""
    if translations:
        db["mt_cache"].insert_all(({"key": k, "translation": v} for k, v in translations.items()),
                                  pk="key", ignore=True)
