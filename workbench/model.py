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
    """One imported file: its sentences with paragraph ids, and what we know of its language."""

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


def name_text(name: str) -> str:
    """A file name (or a command-line argument) as text that SQLite can store: the bytes of a
    name that are not UTF-8, which Python carries as lone surrogates (PEP 383), as `\\xNN`, the
    way Python writes undecodable bytes (`z\\xff.en.txt` is imported as `z\\xff`). The
    surrogate itself failed to encode after other pairs of a batch were stored."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
