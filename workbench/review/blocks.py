"""What the review shows of the block each sentence comes from (`ingest.blocks.BlockKind`; its
names are written out here: importing the readers would cost the screen 0.3 s of start-up).

A sentence that is not a prose paragraph's is shown after a short mark, in text rather than
colour only and inert like the text itself: `[H2]` a heading of level 2, `•` a list item,
`[quote]`, `[cell]` a table cell, `[caption]`, and `[code]` before a code block's first line
and how many lines it has (a block of code is one unit, and could fill the screen). Paragraphs
have no mark, so that prose reads as it did."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from workbench.model import CODE, PARAGRAPH

HEADING = "heading"
# the kinds the block filter shows, in the order it goes through them, named as the status line says
FILTERS = {HEADING: "headings", "list_item": "list items", "quote": "quotes", "table_cell": "table cells",
           CODE: "code", "caption": "captions"}
MARKS = {"list_item": "•", "quote": "[quote]", "table_cell": "[cell]", CODE: "[code]", "caption": "[caption]"}
LEGEND = """Marks before a sentence that is not a paragraph's:
[H2] heading and its level   • list item   [quote]
[cell] table cell  [caption]  [code] first line …N lines"""


SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def numbered(sentences: list[str]) -> str:
    """A side's sentences one after the other; with more than one, each after its number (¹ ²
    ³), so that where a sentence ends, and after how many a split goes, can be read."""
    if len(sentences) < 2:
        return " ".join(sentences)
    return " ".join(f"{str(n).translate(SUPERSCRIPTS)}{text}" for n, text in enumerate(sentences, 1))


def mark(kind: str, level: int | None) -> str:
    """The mark of a block kind (a kind this version does not know is named as it is stored)."""
    if kind == HEADING:
        return f"[H{level}]" if level else "[heading]"
    return MARKS.get(kind, f"[{kind}]")


def shown(text: str, kind: str, level: int | None) -> str:
    """A sentence as the bead rows show it: a paragraph's as it is, any other after its mark;
    code as its first line and its number of lines."""
    if kind == PARAGRAPH:
        return text
    if kind == CODE:
        lines = text.strip("\n").split("\n")
        text = lines[0] if len(lines) == 1 else f"{lines[0]} …{len(lines)} lines"
    return f"{mark(kind, level)} {text}"


@dataclass
class SentenceBlocks:
    """The block kind and level of each sentence of one side of a pair, kept in step with its
    texts: a text edit leaves its sentences in the block of the first one it replaced, as the
    store does. `plain`: every sentence is a paragraph's (the text of a pair read without
    structure is then shown and flagged without a look at each sentence's kind; an edit never
    gives a plain side another kind)."""

    kinds: list[str]
    levels: list[int | None]
    plain: bool = field(init=False)

    def __post_init__(self) -> None:
        self.plain = all(kind == PARAGRAPH for kind in self.kinds)

    def retext(self, start: int, old: int, new: int) -> None:
        """Sentences [start, start + old) became `new` sentences."""
        for column in (self.kinds, self.levels):
            column[start:start + old] = [column[start]] * new

    def shown(self, texts: list[str], ids: Iterable[int]) -> str:
        """Sentences `ids` of this side (`texts`) one after the other, as the bead rows show them."""
        if self.plain:
            return numbered([texts[i] for i in ids])
        kinds, levels = self.kinds, self.levels
        return numbered([texts[i] if kinds[i] == PARAGRAPH else shown(texts[i], kinds[i], levels[i]) for i in ids])
