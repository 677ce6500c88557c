"""Every edit drops the pair's undone steps and every undo looks for the last step; both
scanned the whole log, reading past each row's step (megabytes for a re-alignment) to
reach its `undone` flag."""

from __future__ import annotations

from sqlite_utils import Database


def migrate(db: Database) -> None:
    db["edits"].create_index(["pair_id", "undone"], index_name="idx_edits_pair_undone")
