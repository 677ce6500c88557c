"""The only code that knows SQL: schema, migrations, typed reads and writes."""

from workbench.store import health
from workbench.store.database import StoreError, batch_writes, open_database, transaction
from workbench.store.gaps import GAP
from workbench.store.pairs import add_proposals, pair_keys, rejected_pairs, remove_pairs, set_pair_status
from workbench.store.records import (PairSummary, PairTexts, add_pair, add_translations, aligned_pairs, anchor_beads,
                                     beads, cached_translations, mt_cache_horizon, pair_ids, pair_languages,
                                     pair_summaries, pair_texts, save_alignment, unaligned_pair_ids)
from workbench.store.bead_edits import apply_edit, data_version, edit_text, redo, review_beads, undo
from workbench.store.fulltext import matching_sentences
from workbench.store.units import Unit, add_aligned_pair, count_beads, iter_units, load_beads

__all__ = ["GAP", "PairSummary", "PairTexts", "StoreError", "Unit", "add_aligned_pair", "add_pair", "add_proposals",
           "add_translations", "aligned_pairs", "anchor_beads", "apply_edit", "batch_writes", "beads",
           "cached_translations", "count_beads", "data_version", "edit_text", "health", "iter_units", "load_beads",
           "matching_sentences", "mt_cache_horizon", "open_database", "pair_ids", "pair_keys", "pair_languages",
           "pair_summaries", "pair_texts", "redo", "rejected_pairs", "remove_pairs", "review_beads", "save_alignment",
           "set_pair_status", "transaction", "unaligned_pair_ids", "undo"]
