"""Documents, their sentences, pairs, beads, alignment runs, the edit log and the MT cache."""

from __future__ import annotations

from sqlite_utils import Database


def migrate(db: Database) -> None:
    db["documents"].create({
        "id": int, "title": str, "lang": str, "original_lang": str, "path": str, "sha256": str,
        "detected_lang": str, "detected_prob": float, "imported_at": str,
    }, pk="id", not_null={"lang", "sha256"})
    db["documents"].create_index(["sha256", "lang"], unique=True)
    db["sentences"].create({
        "id": int, "document_id": int, "position": int, "paragraph": str, "text": str,
    }, pk="id", foreign_keys=[("document_id", "documents", "id")], not_null={"text"})
    db["sentences"].create_index(["document_id", "position"], unique=True)
    db["sentences"].enable_fts(["text"], create_triggers=True,
                               tokenize="unicode61 remove_diacritics 2")
    db["pairs"].create({
        "id": int, "title": str, "src_doc": int, "tgt_doc": int, "status": str, "score": float,
        "created_at": str,
    }, pk="id", foreign_keys=[("src_doc", "documents", "id"), ("tgt_doc", "documents", "id")])
    db["pairs"].create_index(["src_doc", "tgt_doc"], unique=True)
    db["beads"].create({
        "id": int, "pair_id": int, "position": int, "src_start": int, "src_end": int,
        "tgt_start": int, "tgt_end": int, "confidence": float, "status": str, "edited": int,
        "version": int, "note": str,
    }, pk="id", foreign_keys=[("pair_id", "pairs", "id")], defaults={"status": "auto", "edited": 0, "version": 1})
    db["beads"].create_index(["pair_id", "position"], unique=True)
    db["runs"].create({
        "id": int, "pair_id": int, "aligner_version": str, "params": str, "mt_used": int,
        "mt_version": str, "started_at": str, "seconds": float,
    }, pk="id", foreign_keys=[("pair_id", "pairs", "id")])
    db["edits"].create({
        "id": int, "pair_id": int, "at": str, "action": str, "forward": str, "inverse": str,
    }, pk="id", foreign_keys=[("pair_id", "pairs", "id")])
    db["mt_cache"].create({"key": str, "translation": str}, pk="key")
