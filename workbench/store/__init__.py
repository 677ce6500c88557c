"""The only code that knows SQL: schema, migrations, typed reads and writes."""

from workbench.store import health
from workbench.store.database import StoreError, open_database
from workbench.store.pairs import add_proposals, rejected_pairs, set_pair_status
from workbench.store.records import (
                                     PairSummary,
                                     PairTexts,
                                     add_pair,
                                     add_translations,
                                     anchor_beads,
                                     beads,
                                     cached_translations,
                                     pair_ids,
                                     pair_summaries,
                                     pair_texts,
                                     save_alignment,
                                     unaligned_pair_ids,
)
from workbench.store.review import apply_edit, edit_text, redo, review_beads, undo
from workbench.store.search import matching_beads
from workbench.store.units import (
                                     Unit,
                                     add_aligned_pair,
                                     count_beads,
                                     iter_units,
                                     load_beads,
)

__all__ = ["health", "PairSummary", "PairTexts", "StoreError", "add_pair", "add_translations",
           "cached_translations",
           "anchor_beads", "beads", "open_database", "pair_ids", "pair_summaries", "pair_texts",
           "save_alignment", "unaligned_pair_ids", "Unit", "add_aligned_pair", "count_beads", "iter_units", "load_beads",
           "apply_edit", "add_proposals", "rejected_pairs", "set_pair_status", "edit_text", "redo", "review_beads", "undo", "matching_beads"]
