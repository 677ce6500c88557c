"""`workbench remove` and the review's delete: pairs removed with their beads, runs and edit
log, and the documents no other pair uses, all or none."""

from __future__ import annotations

from sqlite_utils import Database

from workbench import store


def remove_pairs(db: Database, pair_ids: list[int], force: bool = False) -> tuple[int, int]:
    """Remove the pairs (each once, however often named); refused, removing nothing, for an
    unknown pair or (without `force`) one with reviewed beads. How many pairs and documents
    went."""
    ids = list(dict.fromkeys(pair_ids))
    return len(ids), store.remove_pairs(db, ids, force)
