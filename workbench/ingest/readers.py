"""Readers: a file in, an Article (typed blocks: see `blocks.py`) out, by the file's extension:
Markdown (`markdown.py`), web pages (`html.py`), Europarl-style XML (here), plain text
(`plain.py`). Parsing never expands entities nor touches the network: XML goes through
defusedxml, HTML through lxml and trafilatura after a DTD check, here."""

from __future__ import annotations

import re
from collections.abc import Iterator

import defusedxml.ElementTree as SafeET
import lxml.html
from defusedxml import DefusedXmlException
from lxml import etree

from workbench.ingest.blocks import Article, BlockKind, prose
from workbench.ingest.decode import InputError
from workbench.xmlchars import XML_FORBIDDEN

DTD_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[|<!ENTITY", re.IGNORECASE)


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


def read_xml(text: str, name: str) -> Article:
    """Europarl-style XML: every <p> a paragraph, in the paragraph of the aligner its
    <intervention>'s id names (a speaker's turn); other XML: every <p>, or else every element's
    own text, a paragraph each."""
    _refuse_dtd(text, name)
    try:
        root = SafeET.fromstring(text)  # decoded already: a declared encoding must not apply twice
    except (SafeET.ParseError, DefusedXmlException) as exc:
        raise InputError(f"{name}: not well-formed or unsafe XML ({exc})") from None
    found = [(intervention.get("id", ""), "".join(p.itertext()))
             for intervention in _outermost(root, "intervention") for p in _outermost(intervention, "p")]
    if not found:
        texts = ["".join(el.itertext()) for el in _outermost(root, "p")]
        if not any(t.strip() for t in texts):
            texts = list(root.itertext())
        found = [(str(k), t) for k, t in enumerate(texts)]
    kept = [(pid, block) for pid, t in found if (block := prose(BlockKind.PARAGRAPH, t)) is not None]
    return Article([block for _, block in kept], paragraphs=tuple(pid for pid, _ in kept))
