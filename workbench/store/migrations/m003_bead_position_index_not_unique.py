"""Review edits shift the positions of every later bead of a pair; with a unique index that
took two passes over them (through negative positions). One transaction per edit keeps the
positions distinct, and `workbench doctor` checks it."""

from __future__ import annotations

from sqlite_utils import Database


def migrate(db: Database) -> None:
    db.execute("drop index if exists idx_beads_pair_id_position")
    db["beads"].create_index(["pair_id", "position"], index_name="idx_beads_pair_position")
