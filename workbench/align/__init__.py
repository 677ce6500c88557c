"""The pure aligner: lists of sentences in, beads out (no database, no UI).

The bead format is imported at once; the search (numba, about 0.25 s to load) only when a
name from the pipeline is first used, so commands that never align start quickly."""

from workbench.align.beads import Bead, coverage_error, format_bead, parse_beads

PIPELINE = {"ALIGNER_VERSION", "AlignOptions", "Side", "align_sentences"}

__all__ = ["ALIGNER_VERSION", "AlignOptions", "Bead", "Side", "align_sentences", "coverage_error",
           "format_bead", "parse_beads"]


def __getattr__(name: str):
    if name in PIPELINE:
        from workbench.align import pipeline
        return getattr(pipeline, name)
    raise AttributeError(f"module 'workbench.align' has no attribute {name!r}")
