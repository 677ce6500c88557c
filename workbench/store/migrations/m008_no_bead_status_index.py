"""Every status change rewrote an entry of the (pair, status) index: 9 of the 15 ms of
SQLite's part in confirming 11,000 beads. Its one reader, the pairs screen's count of
confirmed beads, scans each pair's beads for its low-confidence count anyway."""

from __future__ import annotations

from sqlite_utils import Database


def migrate(db: Database) -> None:
    db.execute("drop index if exists idx_beads_pair_id_status")
