"""Stale edits are detected by comparing the beads' whole content with what the editor saw
(store/bead_edits.py), which catches every change a version counter would; the unused counter
goes."""

from __future__ import annotations

from sqlite_utils import Database


def migrate(db: Database) -> None:
    db["beads"].transform(drop={"version"})
