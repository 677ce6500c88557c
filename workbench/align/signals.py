"""The aligner's signals: what it uses to tell that sentences translate each other, each one
switchable off for an ablation study (`AlignOptions.disabled`; `python -m benchmarks.align_bench
ablation` prints a row for each). A signal declares what it contributes: a kind of token
(`features.tokens`), a weight of the bead cost (a `CostParams` field, zero without the signal),
or neither, when it is a step of the pipeline that asks `on()` itself. A new signal is one
entry here plus the code that makes its tokens or reads its weight."""

from __future__ import annotations

from dataclasses import dataclass, replace

from workbench.align.search import CostParams


@dataclass(frozen=True)
class Signal:
    """One switchable signal of the aligner."""

    name: str
    what: str  # what it is, in one line
    tokens: str | None = None  # the token kind it adds to every sentence
    weight: str | None = None  # the CostParams field that weighs it


SIGNALS = (
    Signal("numbers", "numbers, normalised, shared by both sides", tokens="numbers"),
    Signal("words", "names, cognates and translated words, as accent-folded 4-letter prefixes", tokens="words"),
    Signal("punctuation", "question and exclamation marks, quotes, brackets, colons", tokens="punctuation"),
    Signal("lexicon", "a lexicon learnt from the first pass's beads (and the collection's)"),
    Signal("length", "the Gale-Church length term", weight="length_weight"),
    Signal("coverage", "the share of a sentence's tokens missing on the other side", weight="coverage"),
    Signal("paragraphs", "a cost for a bead that crosses a paragraph boundary", weight="paragraph"),
    Signal("structure", "block kinds: heading with heading, caption with caption; code never machine translated"),
    Signal("debris", "lines with no word and no number left unaligned"),
    Signal("min-risk", "minimum-risk decoding of the last pass"),
)
NAMES = frozenset(signal.name for signal in SIGNALS)


def check(disabled: frozenset[str]) -> None:
    """Refuse a name that is no signal: a typo would silently ablate nothing."""
    unknown = sorted(disabled - NAMES)
    if unknown:
        raise ValueError(f"no signal {unknown[0]!r} (signals: {', '.join(sorted(NAMES))})")


def token_kinds(disabled: frozenset[str]) -> frozenset[str]:
    """The token kinds of the signals that are on."""
    return frozenset(s.tokens for s in SIGNALS if s.tokens and s.name not in disabled)


def weighed(params: CostParams, disabled: frozenset[str]) -> CostParams:
    """The cost parameters with the weights of the signals that are off set to zero."""
    return replace(params, **{s.weight: 0.0 for s in SIGNALS if s.weight and s.name in disabled})
