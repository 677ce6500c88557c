"""Markdown and MDX read as structure, through a CommonMark parser (markdown-it-py).

The old reader took Markdown syntax out with regular expressions and guessed per document
whether lines were hard-wrapped; it glued list items, quotes and citations into one "sentence"
in one language and not in the other, and took every `*` and `_` out of code and file names.
Here a CommonMark parser says what each block is, so a soft line break is a space in every
language, code spans keep their text, and code blocks are whole blocks. MDX markup (components,
`{...}` expressions, template tags) is read by the rules in `jsx`; front matter is metadata,
except its title, which is the article's first heading.
"""

from __future__ import annotations

import json
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time
from functools import lru_cache
from html import unescape

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from workbench.ingest import jsx
from workbench.ingest.blocks import Article, Block, BlockKind, code, prose
from workbench.ingest.decode import InputError, unix_line_ends

# markdown-it stops reading, silently, what is nested deeper than this; such a file is refused.
MAX_NESTING = 100
CONTAINERS = {"list_item_open": BlockKind.LIST_ITEM, "blockquote_open": BlockKind.QUOTE,
              "td_open": BlockKind.TABLE_CELL, "th_open": BlockKind.TABLE_CELL}
CLOSERS = {"list_item_close", "blockquote_close", "td_close", "th_close"}
BREAKS = {"softbreak", "hardbreak"}
# Text in these HTML elements has their kind; in other elements (div, p, a component) it is a paragraph.
HTML_KINDS = {"li": BlockKind.LIST_ITEM, "blockquote": BlockKind.QUOTE, "td": BlockKind.TABLE_CELL,
              "th": BlockKind.TABLE_CELL, "pre": BlockKind.CODE, "figcaption": BlockKind.CAPTION,
              **{f"h{level}": BlockKind.HEADING for level in range(1, 7)}}
CAPTIONABLE = {BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.QUOTE}  # text that is caption inside a figure


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """CommonMark with tables, strikethrough, YAML front matter and the MDX rules."""
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    md.block.ruler.before("html_block", "jsx_tags", jsx.tag_lines_rule,
                          {"alt": ["paragraph", "reference", "blockquote"]})
    md.inline.ruler.before("text", "mdx_expression", jsx.expression_rule)
    return md


class _NoAliasLoader(yaml.SafeLoader):
    """Safe YAML without aliases: front matter never needs them, and `*a` repeated in lists of
    lists is a "billion laughs" that explodes when the values are written out as text."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("aliases are not read in front matter")
        return super().compose_node(parent, index)


def _as_text(value: object) -> str:
    """A front matter value as text: strings as they are, nothing as "", dates in ISO form, the
    rest as JSON."""
    if isinstance(value, str) or value is None:
        return value or ""
    if isinstance(value, date | time):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False, default=str)


def _key_values(raw: str, separator: str) -> dict[str, str]:
    """Front matter that YAML or TOML refuse, read as `key: value` (or `key = value`) lines: a
    title holding a colon (`title: Hooks: an intro`) is the common case, and keeps its title."""
    pairs = (line.partition(separator) for line in raw.split("\n") if line[:1].strip())
    return {key.strip(): value.strip().strip("\"'") for key, found, value in pairs if found and key.strip()}


def _metadata(raw: str, toml: bool, name: str) -> tuple[dict[str, str], list[str]]:
    """Front matter as text values, and a notice if it had to be read line by line (both
    parsers recurse, so lists nested thousands deep are among what they cannot read)."""
    language, separator = ("TOML", "=") if toml else ("YAML", ":")
    try:
        data = tomllib.loads(raw) if toml else yaml.load(raw, Loader=_NoAliasLoader)
        if isinstance(data, dict):
            return {str(key): _as_text(value) for key, value in data.items()}, []
    except (tomllib.TOMLDecodeError, yaml.YAMLError, ValueError, RecursionError):
        pass
    if not raw.strip():
        return {}, []
    return _key_values(raw, separator), [f"{name}: the front matter is not a table of {language} keys; "
                                         f"read as `key{separator} value` lines"]


def _toml_front_matter(text: str) -> tuple[str | None, str]:
    """TOML front matter between `+++` lines at the very start (markdown-it has no plugin for
    it): its text, and the document with those lines made blank (line numbers stay right)."""
    if not text.startswith("+++"):
        return None, text
    lines = text.split("\n")
    if lines[0].strip() != "+++":
        return None, text
    closing = next((k for k in range(1, len(lines)) if lines[k].strip() == "+++"), None)
    if closing is None:
        return None, text
    return "\n".join(lines[1:closing]), "\n" * closing + "\n".join(lines[closing:])[3:]


@dataclass
class _Walk:
    """The blocks of one document, made while its markdown-it tokens are read in order.

    `containers` are the Markdown containers around the current token (list items, quotes,
    table cells); `elements` the HTML elements and JSX components open around it, which tags in
    any token open and close (`<Diagram alt="...">` in an HTML block, `</Diagram>` at the end of
    a paragraph). Text inside a figure (a component with an `alt`, `title` or `caption`, or an
    HTML figure) is caption."""

    blocks: list[Block] = field(default_factory=list)
    containers: list[BlockKind] = field(default_factory=list)
    elements: list[jsx.Tag] = field(default_factory=list)
    open_names: Counter[str] = field(default_factory=Counter)
    figures: int = 0
    kind: BlockKind = BlockKind.PARAGRAPH
    level: int | None = None

    def add(self, block: Block | None) -> None:
        if block is not None:
            self.blocks.append(block)

    def add_text(self, text: str, kind: BlockKind, level: int | None) -> None:
        """Prose of a kind; inside a figure, paragraphs, items and quotes are captions."""
        if kind in CAPTIONABLE and self.figures:
            kind, level = BlockKind.CAPTION, None
        self.add(prose(kind, text, level))

    def captions(self, captions: Iterable[str]) -> None:
        for caption in captions:
            self.add(prose(BlockKind.CAPTION, caption))

    def tag(self, tag: jsx.Tag) -> None:
        """A tag between blocks: its captions, then the element it opens or closes."""
        self.captions(tag.captions)
        self.open_or_close(tag)

    def open_or_close(self, tag: jsx.Tag) -> None:
        """Open or close an element (a figure's closing tag may be missing: see end_figures). An
        HTML <li>, <p>, <td>... opened in one of its kind closes it, as HTML parsers do."""
        top = self.elements[-1].name.lower() if self.elements else None
        if tag.opens and tag.is_html and tag.name.lower() in jsx.SELF_ENDING and top == tag.name.lower():
            self._pop()
        if tag.opens:
            self.elements.append(tag)
            self.open_names[tag.name] += 1
            self.figures += tag.figure
        elif tag.closing and self.open_names[tag.name]:
            while self._pop().name != tag.name:
                pass

    def _pop(self) -> jsx.Tag:
        tag = self.elements.pop()
        self.open_names[tag.name] -= 1
        self.figures -= tag.figure
        return tag

    def end_figures(self) -> None:
        """A heading ends the figures still open: a figure whose closing tag is missing would
        otherwise make the rest of the article captions."""
        if self.figures:
            kept = [tag for tag in self.elements if not tag.figure]
            self.elements, self.figures = kept, 0
            self.open_names = Counter(tag.name for tag in kept)

    def context(self) -> tuple[BlockKind, int | None]:
        """The kind and level of a paragraph here: its innermost container's."""
        if not self.containers:
            return BlockKind.PARAGRAPH, None
        kind = self.containers[-1]
        return kind, self.containers.count(BlockKind.LIST_ITEM) if kind == BlockKind.LIST_ITEM else None

    def inline(self, children: list[Token]) -> None:
        """A paragraph's, heading's or cell's text. Code spans keep their text, link text is kept
        and its URL dropped, markup is dropped. A figure's tags end the text before them (the
        caption of `<Diagram alt="...">` comes before the text it encloses); the captions of an
        image or a template tag follow the text they stand in, which they do not split."""
        pieces: list[str] = []
        captions: list[str] = []
        for child in children:
            if child.type in ("text", "code_inline"):
                pieces.append(child.content)
            elif child.type in BREAKS:
                pieces.append(" ")
            elif child.type == "image":
                captions += [_plain(child.children or []), str(child.attrGet("title") or "")]
            elif child.type == "mdx_expression":
                captions += jsx.template_captions(child.content)
            elif child.type == "html_inline" and (match := jsx.TAG.fullmatch(child.content.strip())):
                self._inline_tag(jsx.parse_tag(match), pieces, captions)
        self._flush(pieces)
        self.captions(captions)

    def _inline_tag(self, tag: jsx.Tag, pieces: list[str], captions: list[str]) -> None:
        """A tag inside a paragraph. A block-level HTML element (`text<div>more</div>`) or a
        figure's opening or closing tag ends the text before it; the captions of an image
        follow the text; other tags (`<b>`, `<CodeStep>`) are dropped from it."""
        if (tag.is_html and not tag.inline) or (tag.figure and tag.opens) or self._closes_figure(tag):
            self._flush(pieces)
            self.tag(tag)
            return
        captions += tag.captions
        pieces.append(" " if tag.name.lower() == "br" else "")
        self.open_or_close(tag)

    def _closes_figure(self, tag: jsx.Tag) -> bool:
        if not (tag.closing and self.open_names[tag.name]):
            return False
        return next(element for element in reversed(self.elements) if element.name == tag.name).figure

    def _flush(self, pieces: list[str]) -> None:
        self.add_text("".join(pieces), self.kind, self.level)
        pieces.clear()

    def html(self, content: str) -> None:
        """An HTML block's text (CommonMark does not read Markdown inside it): the text between
        block-level tags is a block, of the kind of the HTML element around it (h1-h6, li,
        blockquote, td, th, pre, figcaption; a paragraph otherwise). Comments, declarations,
        scripts and styles are not text."""
        if content.lstrip()[:8].lower().startswith(("<!", "<?", "<script", "<style")):
            return
        pieces: list[str] = []
        position = 0
        for match in jsx.TAG.finditer(content):
            pieces.append(content[position:match.start()])
            position = match.end()
            tag = jsx.parse_tag(match)
            if tag.inline:
                pieces.append(" " if tag.name.lower() == "br" else "")
                continue
            self._html_text(pieces)
            self.tag(tag)
        pieces.append(content[position:])
        self._html_text(pieces)

    def _html_text(self, pieces: list[str]) -> None:
        text = unescape("".join(pieces))
        pieces.clear()
        kind, level = self._html_kind()
        if kind == BlockKind.CODE:
            self.add(code(text))
        else:
            self.add_text(text, kind, level)

    def _html_kind(self) -> tuple[BlockKind, int | None]:
        """The kind of the innermost HTML element that gives one (looking a bounded way up)."""
        for tag in reversed(self.elements[-MAX_NESTING:]):
            kind = HTML_KINDS.get(tag.name.lower()) if tag.is_html else None
            if kind == BlockKind.HEADING:
                return kind, int(tag.name[1])
            if kind == BlockKind.LIST_ITEM:
                return kind, sum(element.name.lower() == "li" for element in self.elements[-MAX_NESTING:])
            if kind is not None:
                return kind, None
        return BlockKind.PARAGRAPH, None

    def token(self, token: Token) -> None:
        """Read one block-level token."""
        kind = token.type
        if kind == "heading_open":
            self.end_figures()
            self.kind, self.level = BlockKind.HEADING, int(token.tag[1])
        elif kind == "paragraph_open":
            self.kind, self.level = self.context()
        elif kind in CONTAINERS:
            self.containers.append(CONTAINERS[kind])
            self.kind, self.level = self.context()
        elif kind in CLOSERS:
            self.containers.pop()
        elif kind == "inline":
            self.inline(token.children or [])
        elif kind in ("fence", "code_block"):
            self.add(code(token.content))
        elif kind == "html_block":
            self.html(token.content)
        elif kind == "jsx_tags":
            for tag in token.meta["tags"]:
                self.tag(tag)


def _plain(children: list[Token]) -> str:
    """An image's alt text: the text of its description, markup dropped."""
    return "".join(" " if child.type in BREAKS else child.content for child in children
                   if child.type in ("text", "code_inline", *BREAKS))


def _check_nesting(tokens: list[Token], name: str) -> None:
    """markdown-it drops, without a word, the content of a container nested MAX_NESTING deep."""
    if any(token.level >= MAX_NESTING - 1 and token.type in ("blockquote_open", "list_item_open")
           for token in tokens):
        raise InputError(f"{name}: lists or block quotes nested deeper than the Markdown reader reads "
                         f"({MAX_NESTING} levels of markup)")


def _closes(line: str, marker: str) -> bool:
    """The line closes a fence opened with `marker`: the marker's run, maybe after quote markers."""
    return marker in line and not line.strip(marker[0] + " \t>")


def _unclosed_fences(tokens: list[Token], text: str, name: str) -> list[str]:
    """A notice for a code fence still open at the end of the file: CommonMark reads everything
    after it as code, which is what the file says but rarely what its writer meant."""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # as markdown-it counts lines
    return [f"{name}: the code fence opened on line {token.map[0] + 1} is never closed; the rest of the file is read "
            "as code" for token in tokens
            if token.type == "fence" and token.map and token.map[1] >= len(lines) > token.map[0] + 1
            and not _closes(lines[-1], token.markup)]


def read_markdown(text: str, name: str) -> Article:
    """A Markdown or MDX document as an Article. `name` names the file in messages; a document
    nested deeper than the parser reads is refused (InputError), anything else is read."""
    toml, text = _toml_front_matter(unix_line_ends(text))
    tokens = parser().parse(text, {})
    _check_nesting(tokens, name)
    walk, metadata, notes = _Walk(), {}, []
    if toml is not None or (tokens and tokens[0].type == "front_matter"):
        metadata, notes = _metadata(tokens[0].content if toml is None else toml, toml is not None, name)
        walk.add(prose(BlockKind.HEADING, metadata.pop("title", ""), 1))
    for token in tokens:
        walk.token(token)
    notes += _unclosed_fences(tokens, text, name)
    return Article(walk.blocks, metadata, tuple(notes))
