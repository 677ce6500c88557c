"""Redo needs to know which logged edits are undone; reviews filter beads by status."""

from __future__ import annotations

from sqlite_utils import Database


def migrate(db: Database) -> None:
    db["edits"].add_column("undone", int, not_null_default=0)
    db["beads"].create_index(["pair_id", "status"])
