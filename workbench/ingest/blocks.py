"""What the structured readers return: an article as a list of typed blocks.

A block is the unit a reader can be sure of: a heading, a paragraph, one list item, a quoted
paragraph, a table cell, a code block, a caption. Sentences never cross a block boundary, so the
aligner can pair a heading with a heading and a caption with a caption, and code is kept out of
the sentence splitter. The kind names are public: they are the `kind` of the JSON-lines format
`{"text", "kind", "block", "level"}` (`block` is a block's index in `Article.blocks`).

The readers take decoded text (`decode.decode`) and are pure: `markdown.read_markdown(text,
name)` for Markdown and MDX, `html.read_html_blocks(text, name)` for web pages and
`plain.read_plain(text)` for plain text. `name` names the file in their one-line InputErrors
and notices. Prose blocks are then split into sentences; code blocks are not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    """The kind of a block; the values are part of the JSON-lines format."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    TABLE_CELL = "table_cell"
    CODE = "code"
    CAPTION = "caption"


@dataclass(frozen=True)
class Block:
    """One block of an article.

    `text` is prose with every run of white space (soft line breaks included) as one space, so a
    block reads the same however its source was wrapped; a code block keeps its lines exactly,
    joined by "\\n", and is one unit that is never split into sentences. `level` is a heading's
    level (1-6) or a list item's depth (1 for a top-level item); None for the other kinds, and
    for a heading of plain text, which does not say its level."""

    kind: BlockKind
    text: str
    level: int | None = None


@dataclass(frozen=True)
class Article:
    """A document read as structure. `metadata` is front matter other than the title (which is
    the first block, a level-1 heading), values as text; it is never sentences. `notes` are
    one-line notices for the user about what reading had to guess (front matter that is not
    valid YAML, a code fence never closed...). An article may have no blocks, or only code:
    whether that is "no text to import" is the caller's decision. `paragraphs` groups blocks
    into the aligner's paragraphs where a format says more than its blocks do."""

    blocks: list[Block]
    metadata: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    paragraphs: tuple[str, ...] | None = None  # a paragraph id a block, where a format groups blocks

    def paragraph_ids(self) -> list[str]:
        """The paragraph each block belongs to for the aligner (a bead crossing one costs): its
        own, unless the format groups blocks (Europarl's <p>s by intervention)."""
        return list(self.paragraphs) if self.paragraphs is not None else [str(k) for k in range(len(self.blocks))]


def prose(kind: BlockKind, text: str, level: int | None = None) -> Block | None:
    """A prose block with its white space collapsed to single spaces, or None if it has no text:
    the one place where soft line breaks become spaces, for every reader."""
    collapsed = " ".join(text.split())
    return Block(kind, collapsed, level) if collapsed else None


def code(text: str) -> Block | None:
    """A code block with its lines kept exactly, less blank lines before and after (a fence's
    trailing blank line is not part of the code, and identical code must compare equal), or None
    if it is empty."""
    lines = text.split("\n")
    filled = [k for k, line in enumerate(lines) if line.strip()]
    return Block(BlockKind.CODE, "\n".join(lines[filled[0]:filled[-1] + 1])) if filled else None
