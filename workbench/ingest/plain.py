"""Plain text read as blocks, the same whether its paragraphs are hard-wrapped or not.

The old reader decided once per document whether lines were wrapped (most lines 50-80
characters long), so a translation wrapped differently from its original was read differently.
Here each line break is judged on its own, by what a wrapping program does: greedy wrapping
breaks a line only when the next word does not fit, so a break is a wrap when the line plus the
next line's first word is longer than the longest line around it. That holds for every break of
a wrapped paragraph and for few breaks of text written a paragraph or a sentence a line, so it
is trusted only where most breaks of a passage (lines between blank lines) agree. Elsewhere a
break is soft only when it cuts a sentence: the line ends without sentence punctuation and the
next begins in lower case. A short line without final punctuation followed by a capitalised one
is a heading or title: its own block before and after. Paragraphs are separated by blank lines,
or start with a first-line indent; a word cut after its hyphen ("well-" / "known") is joined
without a space.
Page furniture (menus, share links, legal notices) is then dropped as before.

What cannot be told apart is not guessed: a heading nearly as long as the wrapping width looks
like a wrapped line, and two one-line paragraphs whose first is the longest look like one
wrapped paragraph (the sentences are the same either way).
"""

from __future__ import annotations

import re
from itertools import pairwise

from workbench.ingest.blocks import Article, BlockKind, prose
from workbench.ingest.boilerplate import SHORT, content_mask

CLOSERS = "\"'”’»)]"
OPENERS = "\"'“‘«([¿¡"
SENTENCE_END = frozenset(".!?:;…")
ITEM = re.compile(r"[-*•‣◦–—]\s|\d{1,3}[.)]\s")  # a list item's marker
HYPHENATED = re.compile(r"[^\W\d_]-$")  # a word cut at a hyphen: "well-" + "known"
MIN_WIDTH = 20  # no one wraps prose narrower: shorter lines are a list, a verse, an address, a column


def _ends_sentence(line: str) -> bool:
    return line.rstrip(CLOSERS)[-1:] in SENTENCE_END


def _first(line: str) -> str:
    return line.lstrip(OPENERS)[:1]


def _capitalised(line: str) -> bool:
    return _first(line).isupper() or _first(line).isdigit()


def _title_like(line: str, following: str | None) -> bool:
    """A heading or title: short, without final punctuation, capitalised, and so is what follows."""
    return (len(line) <= SHORT and not _ends_sentence(line) and _capitalised(line)
            and following is not None and _capitalised(following))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _indented_starts(lines: list[str]) -> list[bool]:
    """Which lines start a paragraph by their indentation: a line indented deeper than the
    passage's least indented line (a first-line indent), unless it continues a list item (a
    hanging indent: deeper than the item's marker, on the lines right after it)."""
    least, item, starts = min(map(_indent, lines)), None, []
    for line in lines:
        indent = _indent(line)
        if item is not None and indent <= item:
            item = None
        starts.append(indent > least and item is None)
        if ITEM.match(line.lstrip()):
            item = indent
    return starts


def _joins(lines: list[str]) -> list[str | None]:
    """For each line break of a passage, what joins the two lines: " " for a soft break, "" for
    a word cut after its hyphen, None for a hard break (the lines are in different blocks). Lines
    are measured with their indentation, as the program that wrapped them counted it."""
    width = max(map(len, lines))
    full = [width >= MIN_WIDTH and len(a) + 1 + len(b.split(None, 1)[0]) > width for a, b in pairwise(lines)]
    text = [line.strip() for line in lines]
    title = [not full[k] and _title_like(text[k], text[k + 1]) for k in range(len(full))] + [False]
    starts = _indented_starts(lines)
    plain = {k for k in range(len(full)) if not (title[k] or title[k + 1] or starts[k + 1])}
    wrapped = sum(full[k] for k in plain) * 2 > len(plain)
    joins: list[str | None] = []
    for k, (a, b) in enumerate(pairwise(text)):
        cut = HYPHENATED.search(a) is not None and _first(b).isalpha()
        soft = k in plain and (cut or (wrapped and full[k]) or (not _ends_sentence(a) and _first(b).islower()))
        joins.append(None if not soft else "" if cut else " ")
    return joins


def _passage_blocks(lines: list[str]) -> list[str]:
    """The blocks of the lines between two blank lines."""
    blocks, current = [], lines[0].strip()
    for join, line in zip(_joins(lines), lines[1:]):
        if join is None:
            blocks.append(current)
            current = line.strip()
        else:
            current += join + line.strip()
    return [*blocks, current]


def _passages(text: str) -> list[list[str]]:
    """Runs of non-blank lines, white space at their ends removed."""
    passages: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            passages[-1].append(line.rstrip())
        elif passages[-1]:
            passages.append([])
    return [passage for passage in passages if passage]


def read_plain(text: str) -> Article:
    """Plain text as paragraphs and headings (level None: plain text does not say), page
    furniture removed."""
    texts = [block for passage in _passages(text) for block in _passage_blocks(passage)]
    kinds = [BlockKind.HEADING if _title_like(block, following) else BlockKind.PARAGRAPH
             for block, following in zip(texts, [*texts[1:], None])]
    blocks = [prose(kind, block) for kind, block in zip(kinds, texts)]
    return Article([block for block, keep in zip(blocks, content_mask(texts)) if keep and block is not None])
