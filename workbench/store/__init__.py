"""The only code that knows SQL: schema, migrations, typed reads and writes."""

from workbench.store import health

from workbench.store.database import StoreError, open_database
from workbench.store.records import (MTCache, PairSummary, PairTexts, add_pair,
                                     anchor_beads, beads, pair_ids, pair_summaries, pair_texts,
                                     save_alignment, unaligned_pair_ids)
from workbench.store.search import matching_beads
from workbench.store.review import apply_edit, edit_text, redo, review_beads, undo
from workbench.store.units import Unit, add_aligned_pair, count_beads, iter_units, load_beads

__all__ = ["health", "MTCache", "PairSummary", "PairTexts", "StoreError", "add_pair",
           "anchor_beads", "beads", "open_database", "pair_ids", "pair_summaries", "pair_texts",
           "save_alignment", "unaligned_pair_ids", "Unit", "add_aligned_pair", "count_beads", "iter_units", "load_beads",
           "apply_edit", "edit_text", "redo", "review_beads", "undo", "matching_beads"]
