"""MDX and template markup inside Markdown: JSX/HTML tags, `{...}` expressions, template tags.

Markup is not article text, but CommonMark does not know MDX, and reads it badly in two ways that
change the text: a heading anchor `{/*tldr*/}` becomes emphasis (the `*` are taken as its
markers), and a component tag on a line of its own (`<Note>`) starts an HTML block that runs to
the next blank line, swallowing the Markdown inside the component as raw HTML. The two markdown-it
rules here read them as MDX does: a `{...}` expression is one token, taken out before emphasis
is looked for (but never inside code spans, which are read first), and lines holding only tags
are one block of markup that ends with its last tag, so the Markdown around it is read as
Markdown. The small regular expressions below read tags and attributes, never Markdown syntax;
their quantifiers are possessive, so text that only looks like the start of a tag costs one
scan, not a backtracking search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

_QUOTED = r"\"[^\"]*+\"|'[^']*+'"
_BRACED = r"\{(?:[^{}]++|\{[^{}]*+\})*+\}"  # a JSX expression, two levels of braces: style={{a: 1}}
_VALUE = rf"{_QUOTED}|{_BRACED}|[^\s\"'=<>`{{}}]++"
_NAME = r"[^\s\"'<>/={}]++"
TAG = re.compile(rf"<(/?)([A-Za-z][\w.:-]*+)((?:\s++(?:{_NAME}(?:\s*+=\s*+(?:{_VALUE}))?+|{_BRACED}))*+)\s*+(/?)>")
ATTRIBUTE = re.compile(rf"({_NAME})(?:\s*+=\s*+({_VALUE}))?+|{_BRACED}")
BRACE = re.compile(r"[{}]")
TAG_WINDOW = 20_000  # characters a tag may span: Diagram alt texts run to 1,000

# HTML elements that sit inside a line of text: their tags are dropped and their text joins its
# neighbours' ("<b>x</b>y" is "xy"). Every other element, and every JSX component, is a block.
INLINE_ELEMENTS = frozenset(
    "a abbr b bdi bdo br cite code data del dfn em font i img ins kbd mark q s samp small span strike strong sub sup "
    "time tt u var wbr".split())
VOID_ELEMENTS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
RAW_ELEMENTS = frozenset("pre script style textarea".split())  # CommonMark's HTML blocks of kind 1 read them
FIGURE_ELEMENTS = frozenset({"figure", "figcaption"})
SELF_ENDING = frozenset("dd dt li option p td th tr".split())  # their closing tag may be left out
CAPTION_ATTRIBUTES = ("alt", "title", "caption")


def _is_html(name: str) -> bool:
    """An HTML element's name (`div`, or `DIV` in old pages) rather than a JSX component's
    (`Note`, `DeepDive`, `Foo.Bar`)."""
    return "." not in name and (name.islower() or name.isupper())


@dataclass(frozen=True)
class Tag:
    """One JSX or HTML tag."""

    name: str
    closing: bool
    self_closing: bool
    captions: tuple[str, ...]  # its alt, title and caption texts, in that order

    @property
    def is_html(self) -> bool:
        return _is_html(self.name)

    @property
    def opens(self) -> bool:
        """The tag opens an element that a closing tag ends."""
        return not (self.closing or self.self_closing or self.name.lower() in VOID_ELEMENTS)

    @property
    def figure(self) -> bool:
        """The element is a figure, whose enclosed text is caption: one with caption attributes,
        or an HTML figure or figcaption."""
        return bool(self.captions) or self.name.lower() in FIGURE_ELEMENTS

    @property
    def inline(self) -> bool:
        """An inline HTML element that is not an image with a caption: dropped, its text kept in
        the line."""
        return self.is_html and self.name.lower() in INLINE_ELEMENTS and not self.captions


def caption_attributes(markup: str, names: tuple[str, ...] = CAPTION_ATTRIBUTES) -> tuple[str, ...]:
    """The quoted values of the caption attributes (`alt`, `title`, `caption`) in some markup,
    in that order; `{...}` values are code, not text."""
    values = {match[1].lower(): match[2] for match in ATTRIBUTE.finditer(markup)
              if match[1] and match[2] and match[2][0] in "\"'"}
    return tuple(text for name in names if (text := unescape(values.get(name, "")[1:-1]).strip()))


def parse_tag(match: re.Match[str]) -> Tag:
    """A tag from a TAG match. An HTML element other than an image has no captions: the `title`
    of a link or an abbreviation is a tooltip, not a caption."""
    closing, name, attributes, self_closing = match.groups()
    names = ("alt", "title") if name.lower() == "img" else () if _is_html(name) else CAPTION_ATTRIBUTES
    return Tag(name, bool(closing), bool(self_closing), caption_attributes(attributes, names) if names else ())


def template_captions(expression: str) -> tuple[str, ...]:
    """The caption attributes of a template tag (`{{< figure caption="..." >}}`, `{% include
    image.html alt="..." %}`); a JSX expression (`{x}`, `{/*anchor*/}`) has none."""
    return caption_attributes(expression.strip("{}%<>")) if expression.startswith(("{{", "{%")) else ()


def _tag_run(src: str, start: int) -> tuple[int, list[Tag]] | None:
    """The tags of a run of tags starting at `start`, and where it ends, if only spaces follow
    it on its last line."""
    end, found = start, []
    while (match := TAG.match(src, end, min(len(src), end + TAG_WINDOW))) is not None:
        found.append(parse_tag(match))
        end = match.end()
        while end < len(src) and src[end] in " \t":
            end += 1
    return (end, found) if found and (end == len(src) or src[end] in "\r\n") else None


def _line_after(state: StateBlock, line: int, end_line: int, position: int) -> int:
    """The line after the one that holds `position` (a tag may span lines)."""
    while line < end_line and state.eMarks[line] < position:
        line += 1
    return line + 1


def _tag_line_at(state: StateBlock, line: int) -> tuple[int, list[Tag]] | None:
    start = state.bMarks[line] + state.tShift[line]
    return _tag_run(state.src, start) if state.src.startswith("<", start) else None


def tag_lines_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A markdown-it block rule: lines that hold only JSX or HTML tags (any number, a tag may
    span lines) are one `jsx_tags` token, its tags in `meta["tags"]`. It may interrupt a
    paragraph, as a component's closing tag often does, unless its tags are inline HTML (`<br />`
    inside a paragraph is a line break, not the paragraph's end). `<pre>`, `<script>`, `<style>`
    and `<textarea>` are left to markdown-it's HTML blocks, which keep their content whole."""
    if state.sCount[start_line] - state.blkIndent >= 4 or (run := _tag_line_at(state, start_line)) is None:
        return False
    end, found = run
    if found[0].name.lower() in RAW_ELEMENTS or (silent and all(tag.inline for tag in found)):
        return False
    if silent:
        return True
    start, line = state.bMarks[start_line] + state.tShift[start_line], _line_after(state, start_line, end_line, end)
    while line < end_line and state.sCount[line] >= state.blkIndent and (run := _tag_line_at(state, line)):
        end, more = run
        found += more
        line = _line_after(state, line, end_line, end)
    token = state.push("jsx_tags", "", 0)
    token.content, token.meta, token.map, token.block = state.src[start:end], {"tags": found}, [start_line, line], True
    state.line = line
    return True


def _closing_braces(state: StateInline) -> dict[int, int]:
    """Where each `{` of the text being read is closed, found for the whole text at once (and
    kept for its other braces): looking for it from every `{` would take quadratic time on text
    full of braces."""
    cached = state.env.get("closing_braces")
    if cached is None or cached[0] is not state.src:
        pairs, opened = {}, []
        for match in BRACE.finditer(state.src):
            if match[0] == "{":
                opened.append(match.start())
            elif opened:
                pairs[opened.pop()] = match.start()
        cached = state.env["closing_braces"] = (state.src, pairs)
    return cached[1]


def expression_rule(state: StateInline, silent: bool) -> bool:
    """A markdown-it inline rule: a balanced `{...}` (a JSX expression, a heading anchor
    `{/*id*/}` or `{#id}`, a template tag `{{< x >}}` or `{% x %}`) is one `mdx_expression`
    token, whose `*` and `_` are then never emphasis. An unbalanced `{` is text."""
    if state.src[state.pos] != "{":
        return False
    end = _closing_braces(state).get(state.pos)
    if end is None or end >= state.posMax:
        return False
    if not silent:
        state.push("mdx_expression", "", 0).content = state.src[state.pos:end + 1]
    state.pos = end + 1
    return True
