"""The Document type shared by ingest (which makes them) and store (which keeps them)."""

from __future__ import annotations

from dataclasses import dataclass, field


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
