"""The pure aligner: lists of sentences in, beads out (no database, no UI)."""

from workbench.align.beads import Bead, coverage_error, format_bead, parse_beads
from workbench.align.pipeline import ALIGNER_VERSION, AlignOptions, Side, align_sentences

__all__ = ["ALIGNER_VERSION", "AlignOptions", "Bead", "Side", "align_sentences", "coverage_error",
           "format_bead", "parse_beads"]
