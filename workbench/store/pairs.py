"""Pairs proposed by `pair-collection`: stored as `proposed` with their score until a reviewer
accepts (they are then aligned) or rejects them (they are never proposed again)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlite_utils import Database

from workbench.model import Document
from workbench.store.database import StoreError, transaction
from workbench.store.records import add_translations, document_id, now
from workbench.display import counted
from workbench.model import BeadStatus, PairStatus

STATUSES = tuple(PairStatus)


def add_proposals(db: Database, src_docs: list[Document], tgt_docs: list[Document],
                  proposals: list[tuple[int, int, float]], status: str = PairStatus.PROPOSED,
                  translations: Mapping[str, str] | None = None) -> list[int | None]:
    """Store every document of both collections, the proposed pairs (source index, target
    index, score) and the translations made for them, in one transaction. Returns each
    proposal's pair id, None where that pair was stored before (it keeps its status)."""
    with transaction(db):
        src_ids = [document_id(db, doc)[0] for doc in src_docs]
        tgt_ids = [document_id(db, doc)[0] for doc in tgt_docs]
        add_translations(db, translations or {})
        ids = []
        for i, j, score in proposals:
            exists = next(db["pairs"].rows_where("src_doc = ? and tgt_doc = ?", [src_ids[i], tgt_ids[j]]), None)
            ids.append(None if exists else db["pairs"].insert({
                "title": src_docs[i].title, "src_doc": src_ids[i], "tgt_doc": tgt_ids[j], "status": status,
                "score": score, "created_at": now()}).last_pk)
        return ids


def rejected_pairs(db: Database) -> set[tuple[str, str]]:
    """Content hashes (source, target) of the pairs a reviewer rejected."""
    return {(r["s"], r["t"]) for r in db.query(
        "select s.sha256 as s, t.sha256 as t from pairs p join documents s on s.id = p.src_doc "
        f"join documents t on t.id = p.tgt_doc where p.status = '{PairStatus.REJECTED}'")}


def pair_keys(db: Database) -> set[tuple[str, str, str, str]]:
    """(source sha256, source language, target sha256, target language) of every stored pair:
    a batch import leaves out, without reading them, the pairs a run before it stored."""
    if not db["pairs"].exists():  # an empty file: no command has stored anything yet
        return set()
    return set(db.execute("select s.sha256, s.lang, t.sha256, t.lang from pairs p join documents s on s.id = p.src_doc "
                          "join documents t on t.id = p.tgt_doc").fetchall())


def set_pair_status(db: Database, pair_id: int, status: str) -> None:
    """Accept or reject a pair (one transaction). An aligned pair cannot be rejected."""
    if status not in STATUSES:
        raise StoreError(f"unknown pair status {status!r}")
    with transaction(db):
        if status == PairStatus.REJECTED and db.execute("select 1 from beads where pair_id = ?", [pair_id]).fetchone():
            raise StoreError(f"pair {pair_id} is aligned already; reject its beads instead")
        db["pairs"].update(pair_id, {"status": status})


def _reviewed_beads(db: Database, pair_id: int) -> int:
    """Beads of a pair that carry a reviewer's work: confirmed, rejected, edited or noted."""
    return db.execute(f"select count(*) from beads where pair_id = ? and (status != '{BeadStatus.AUTO}' or edited = 1 "
                      "or note is not null)", [pair_id]).fetchone()[0]


def remove_pairs(db: Database, pair_ids: list[int], force: bool = False) -> int:
    """Delete pairs with their beads, runs and edit log, and the documents (with their
    sentences) that no other pair uses, in one transaction; returns how many documents went.
    The whole request is refused, before anything is deleted, for an unknown pair, or (unless
    `force`) for a pair with reviewed beads: a mistyped id must not cost a reviewer's work."""
    with transaction(db):
        documents: set[int] = set()
        for pair_id in pair_ids:
            row = db.execute("select src_doc, tgt_doc from pairs where id = ?", [pair_id]).fetchone()
            if row is None:
                raise StoreError(f"no pair {pair_id} (see `workbench list`)")
            if not force and (reviewed := _reviewed_beads(db, pair_id)):
                raise StoreError(f"pair {pair_id} has {counted(reviewed, 'reviewed bead')} (confirmed, rejected, "
                                 f"edited or noted); `workbench remove {pair_id} --force` removes it all the same")
            documents.update(row)
        marks = ",".join("?" * len(pair_ids))
        for table in ("beads", "runs", "edits"):
            db.execute(f"delete from {table} where pair_id in ({marks})", pair_ids)
        db.execute(f"delete from pairs where id in ({marks})", pair_ids)
        unused = [d for d in sorted(documents)
                  if not db.execute("select 1 from pairs where ? in (src_doc, tgt_doc)", [d]).fetchone()]
        for doc_id in unused:
            db.execute("delete from sentences where document_id = ?", [doc_id])
            db.execute("delete from documents where id = ?", [doc_id])
        return len(unused)
