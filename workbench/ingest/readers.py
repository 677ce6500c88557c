"""Readers: a file in, paragraphs of text out (id, text). Parsing never expands entities nor
touches the network: XML goes through defusedxml, HTML through trafilatura after a DTD check."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import defusedxml.ElementTree as SafeET
import lxml.html
import trafilatura
from defusedxml import DefusedXmlException
from lxml import etree

from workbench.xmlchars import XML_FORBIDDEN
from workbench.ingest.boilerplate import content_mask
from workbench.ingest.decode import InputError

Paragraphs = list[tuple[str, str]]
DTD_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[|<!ENTITY", re.IGNORECASE)
# Line-start markup, nested: quotes in quotes (> > or >>), a list or a heading in a quote, a list in
# a list, a list item indented under another one.
MD_SYNTAX = [(re.compile(r"^(?: {0,3}(?:>[ \t]?|(?:#{1,6}|[-*+]|\d+\.)(?:[ \t]+|$))+"
                         r"|[ \t]+(?:[-*+]|\d+\.)[ \t]+)", re.M), ""),
             (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"), (re.compile(r"(\*\*|__|\*|_|`)"), "")]


def _units(text: str) -> list[str]:
    """Lines, or paragraphs when the text is hard-wrapped (most lines 50-80 characters long)."""
    lines = [line.strip() for line in text.split("\n")]
    filled = [line for line in lines if line]
    wrapped = sum(50 <= len(line) <= 80 for line in filled) > 0.6 * max(len(filled), 1)
    if not wrapped:
        return filled
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]


def _numbered(units: list[str]) -> Paragraphs:
    return [(str(k), unit) for k, unit in enumerate(units)]


def read_text(text: str) -> Paragraphs:
    """Plain text with page furniture removed."""
    units = _units(text)
    return _numbered([u for u, keep in zip(units, content_mask(units)) if keep])


def read_markdown(text: str) -> Paragraphs:
    """Markdown written by a person: syntax removed, every block kept."""
    for pattern, repl in MD_SYNTAX:
        text = pattern.sub(repl, text)
    return _numbered(_units(text))


def _refuse_dtd(text: str, name: str) -> None:
    if DTD_SUBSET.search(text[:100_000]):
        raise InputError(f"{name}: entity declarations (DTD) are not allowed in imported files")


FULL_PAGE = re.compile(r"<(html|body)\b", re.IGNORECASE)
TOO_DEEP = re.compile(r"Excessive depth in document: (\d+)")


def _parsed_html(page: bytes, huge: bool) -> tuple[lxml.html.HtmlElement | None, int | None]:
    """The page parsed as trafilatura parses it (None if empty), and the nesting depth at which
    libxml2 stopped parsing it, if it did."""
    parser = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                                  remove_pis=True, huge_tree=huge)
    try:
        tree = lxml.html.document_fromstring(page, parser=parser)
    except etree.ParserError:
        return None, None
    return tree, next((int(deep[1]) for error in parser.error_log if (deep := TOO_DEEP.search(error.message))), None)


def _page_bytes(page: str) -> bytes:
    """A page as trafilatura reads it: without the characters XML forbids (libxml2 makes an ESC a
    U+FFFD that leaves trafilatura with no text); as bytes, so that a declared encoding is not
    refused."""
    return XML_FORBIDDEN.sub("", page).encode("utf-8")


def _html_input(page: str, name: str) -> str | lxml.html.HtmlElement:
    """What trafilatura reads: the page, which it parses itself, unless it nests deeper than
    libxml2 parses by default (256 elements). There libxml2 stops, and trafilatura would leave
    out everything after the deep part, silently; such a page is parsed here without that
    limit, and one deeper than libxml2's hard limit (2,048) is refused in one line."""
    data = _page_bytes(page)
    if _parsed_html(data, huge=False)[1] is None:
        return page
    tree, limit = _parsed_html(data, huge=True)  # its other limits lifted too: the 20 MiB file limit bounds them
    if limit is not None:
        raise InputError(f"{name}: markup nested more than {limit} elements deep, over the HTML parser's limit")
    return page if tree is None else tree


def _page(text: str, name: str) -> str:
    """An HTML file's text as a page: entity declarations refused, and a fragment (no <html> or
    <body>: text pasted from a CMS) wrapped as a page, since trafilatura finds nothing in it
    otherwise."""
    _refuse_dtd(text, name)
    return text if FULL_PAGE.search(text) else f"<html><body>{text}</body></html>"


def parse_html(text: str, name: str) -> lxml.html.HtmlElement | None:
    """An HTML file parsed as read_html has trafilatura parse it (None if there is nothing to
    parse), for a reader that changes a few elements before trafilatura reads the page."""
    source = _html_input(_page(text, name), name)
    return source if not isinstance(source, str) else _parsed_html(_page_bytes(source), huge=False)[0]


def read_html(text: str, name: str) -> Paragraphs:
    """The main text of a web page (trafilatura), paragraphs kept."""
    extracted = trafilatura.extract(_html_input(_page(text, name), name), include_comments=False,
                                    include_tables=False, favor_recall=True, deduplicate=False) or ""
    if not extracted.strip() and text.strip():
        raise InputError(no_article_text(name))
    return _numbered([line.strip() for line in extracted.split("\n") if line.strip()])


def no_article_text(name: str) -> str:
    """The one message of both HTML readers for a page without article text."""
    return f"{name}: no article text found in this HTML (only menus, scripts or markup)"


def _outermost(root, tag: str) -> Iterator:
    """The `tag` elements of a tree that are not inside another one: the text of a nested one is
    in its outer one already (<p><p>x</p></p> is one x). A stack, not recursion: XML may nest
    elements thousands deep."""
    pending = [root]
    while pending:
        element = pending.pop()
        if element.tag == tag:
            yield element
        else:
            pending.extend(reversed(element))


def read_xml(text: str, name: str) -> Paragraphs:
    """Europarl-style XML: every <p>, with its <intervention> id as paragraph id; other XML:
    every element's own text."""
    _refuse_dtd(text, name)
    try:
        root = SafeET.fromstring(text)  # decoded already: a declared encoding must not apply twice
    except (SafeET.ParseError, DefusedXmlException) as exc:
        raise InputError(f"{name}: not well-formed or unsafe XML ({exc})") from None
    out: Paragraphs = []
    for intervention in _outermost(root, "intervention"):
        out.extend((intervention.get("id", ""), " ".join("".join(p.itertext()).split()))
                   for p in _outermost(intervention, "p"))
    if not out:
        texts = (" ".join("".join(el.itertext()).split()) for el in _outermost(root, "p"))
        out = _numbered([t for t in texts if t]) or _numbered(
            [" ".join(t.split()) for t in root.itertext() if t.strip()])
    return [(pid, t) for pid, t in out if t]


def read_paragraphs(path: Path, text: str) -> Paragraphs:
    """Dispatch on the file's extension."""
    suffix = path.suffix.lower()
    if suffix in {".html", ".htm", ".xhtml"}:
        return read_html(text, path.name)
    if suffix == ".xml":
        return read_xml(text, path.name)
    if suffix in {".md", ".markdown"}:
        return read_markdown(text)
    return read_text(text)
