"""The schema, as sqlite-utils Migrations: add a function at the end, never edit an applied one."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from workbench.store.gaps import GAP

migrations = Migrations("workbench")


@migrations()
def m001_initial(db: Database) -> None:
    """Documents, their sentences, pairs, beads, alignment runs, the edit log and the MT cache."""
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


@migrations()
def m002_edit_undo_and_status_index(db: Database) -> None:
    """Redo needs to know which logged edits are undone; reviews filter beads by status."""
    db["edits"].add_column("undone", int, not_null_default=0)
    db["beads"].create_index(["pair_id", "status"])


@migrations()
def m003_bead_position_index_not_unique(db: Database) -> None:
    """Review edits shift the positions of every later bead of a pair; with a unique index that
    took two passes over them (through negative positions). One transaction per edit keeps the
    positions distinct, and `workbench doctor` checks it."""
    db.execute("drop index if exists idx_beads_pair_id_position")
    db["beads"].create_index(["pair_id", "position"], index_name="idx_beads_pair_position")


@migrations()
def m004_drop_bead_version(db: Database) -> None:
    """Stale edits are detected by comparing the beads' whole content with what the editor saw
    (store/review.py), which catches every change a version counter would; the unused counter
    goes."""
    db["beads"].transform(drop={"version"})


@migrations()
def m005_full_text_index_follows_text_only(db: Database) -> None:
    """A sentence split during review renumbers every later sentence of the document; the
    full-text trigger fired on any update and rewrote each of their index entries (12,000 on
    the review benchmark, most of a 500 ms edit). The index holds only the text."""
    db.execute("drop trigger if exists sentences_au")
    db.execute("""create trigger sentences_au after update of text on sentences begin
                    insert into sentences_fts (sentences_fts, rowid, text) values ('delete', old.rowid, old.text);
                    insert into sentences_fts (rowid, text) values (new.rowid, new.text);
                  end""")


@migrations()
def m006_sentence_position_index_not_unique(db: Database) -> None:
    """A sentence split during review moves every later sentence of the document one place on;
    with a unique index that took two passes through negative positions (60 of a 110 ms edit
    on a document of 12,000 sentences). As for beads (m003): one transaction per edit keeps the
    positions distinct, and `workbench doctor` checks it."""
    db.execute("drop index if exists idx_sentences_document_id_position")
    db["sentences"].create_index(["document_id", "position"], index_name="idx_sentences_document_position")


@migrations()
def m007_edit_log_one_step(db: Database) -> None:
    """The edit log kept each edit twice, forward and inverse (a bulk confirmation of 11,000
    beads wrote 2 MB and took 25 ms to serialise); undo now inverts the forward step, which
    every earlier row has too."""
    db["edits"].transform(rename={"forward": "step"}, drop={"inverse"})


@migrations()
def m008_no_bead_status_index(db: Database) -> None:
    """Every status change rewrote an entry of the (pair, status) index: 9 of the 15 ms of
    SQLite's part in confirming 11,000 beads. Its one reader, the pairs screen's count of
    confirmed beads, scans each pair's beads for its low-confidence count anyway."""
    db.execute("drop index if exists idx_beads_pair_id_status")


@migrations()
def m009_sentence_positions_with_gaps(db: Database) -> None:
    """Sentence positions GAP apart (store/gaps.py), as bead positions are: a sentence split
    during review rewrote every later sentence row of the document (12,000 rows, most of the
    database's part of the edit and of its write-ahead log)."""
    db.execute(f"""update sentences set position = ranked.k * {GAP} from
                   (select id, row_number() over (partition by document_id order by position) - 1 as k
                    from sentences) as ranked
                   where sentences.id = ranked.id""")


@migrations()
def m010_edit_log_index(db: Database) -> None:
    """Every edit drops the pair's undone steps and every undo looks for the last step; both
    scanned the whole log, reading past each row's step (megabytes for a re-alignment) to
    reach its `undone` flag."""
    db["edits"].create_index(["pair_id", "undone"], index_name="idx_edits_pair_undone")
