"""The types every room shares: a Document (ingest makes them, the store keeps them), and the
statuses of beads and pairs (the store keeps them as their values)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BeadStatus(StrEnum):
    """What a reviewer said of a bead: nothing yet, that it is right, or that it is wrong and no
    fix applies (exports leave rejected beads out)."""

    AUTO = "auto"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class PairStatus(StrEnum):
    """Whether two documents are taken for translations of each other: proposed by
    `pair-collection`, accepted (imported as a pair, or accepted in review), or rejected (never
    proposed again)."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Document:
    """One imported file: its sentences with, for each, the paragraph the aligner sees it in,
    the kind of block it comes from (a heading, a list item, code...: see
    `ingest.blocks.BlockKind`), that block's number (from 0, in document order) and level (a
    heading's or a list item's depth); and what we know of its language. Without kinds, every
    sentence is a paragraph's, and the blocks are the paragraphs (see `structure`)."""

    path: str
    title: str
    lang: str
    sentences: list[str]
    paragraphs: list[str]
    sha256: str
    detected_lang: str | None = None
    detected_prob: float | None = None
    original_lang: str | None = None
    language_mix: list[tuple[str, float]] = field(default_factory=list)
    notes: tuple[str, ...] = ()  # what reading had to repair, for the user to hear of
    kinds: list[str] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)
    levels: list[int | None] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)  # front matter other than the title

    def structure(self) -> tuple[list[str], list[int], list[int | None]]:
        """Each sentence's block kind, block number and level; a document read without
        structure (a translation memory, an older import) has paragraphs as its blocks."""
        if self.kinds:
            return self.kinds, self.blocks, self.levels
        return [PARAGRAPH] * len(self.sentences), paragraph_blocks(self.paragraphs), [None] * len(self.sentences)


PARAGRAPH = "paragraph"  # the kind of a sentence read without structure (ingest.blocks.BlockKind.PARAGRAPH)
CODE = "code"  # the kind of a code block's one unit (ingest.blocks.BlockKind.CODE), which no export needs


def paragraph_blocks(paragraphs: list[str]) -> list[int]:
    """Block numbers from paragraph ids: a new number wherever the id changes."""
    out, number = [], 0
    for k, pid in enumerate(paragraphs):
        number += k > 0 and pid != paragraphs[k - 1]
        out.append(number)
    return out


def name_text(name: str) -> str:
    """A file name (or a command-line argument) as text that SQLite can store: the bytes of a
    name that are not UTF-8, which Python carries as lone surrogates (PEP 383), as `\\xNN`, the
    way Python writes undecodable bytes (`z\\xff.en.txt` is imported as `z\\xff`). The
    surrogate itself failed to encode after other pairs of a batch were stored."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
