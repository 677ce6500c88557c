"""Web pages read as structure: the blocks of a page's main text, of the same kinds as Markdown's.

trafilatura finds the main text (menus, sidebars and footers left out) and can return it as XML
with its structure: `<head rend="h2">`, `<p>`, `<list><item>`, `<quote>`, `<code>`,
`<table><row><cell>`, `<graphic alt title>`. What it loses is put back by changing the page
before it reads it: its menus, sidebars and footers are taken out (trafilatura puts them back
when nothing else is left, and a page of only those imported its copyright line), a page
without an `<article>` or `<main>` gets one around its body (else only its paragraphs were
kept), a `<figcaption>`'s text (dropped) becomes a paragraph marked as a caption, and a `<pre>`
becomes its plain text in a `<code>` (without one it was read as a quote, its lines joined;
highlighting markup inside it cut its text short), and the space between two inline elements
is kept (it was dropped). The page is parsed and checked as `readers.read_html` does it
(entity declarations refused, nesting beyond the HTML parser's limit refused).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import lxml.html
import trafilatura
from lxml import etree

from workbench.ingest import jsx
from workbench.ingest.blocks import Article, Block, BlockKind, code, prose
from workbench.ingest.decode import InputError
from workbench.ingest.readers import no_article_text, parse_html

CAPTION_MARK = "⟦figcaption⟧"  # marks a figcaption's text through trafilatura, which drops invisible characters
CONTEXT_KINDS = {BlockKind.LIST_ITEM, BlockKind.QUOTE, BlockKind.TABLE_CELL}  # a <p> inside one is of its kind
TEXT_HOLDERS = {"p", "head", "hi", "ref", "del"}  # a <code> inside these is inline code
HEADINGS = {f"h{level}": level for level in range(1, 7)}
TEXT_ELEMENTS = jsx.INLINE_ELEMENTS - jsx.VOID_ELEMENTS  # inline elements that hold text
FURNITURE = ("nav", "aside", "footer", "menu")  # never article text, whatever is left without them
XML_PARSER = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True)


def _plain_code(pre: lxml.html.HtmlElement) -> None:
    """A <pre> as trafilatura keeps it whole: its text (line breaks of <br> included) in one
    <code>. Highlighting markup inside it is not text, and trafilatura drops the text after
    some of it (`<pre><span>a</span><b>b</b> = 2</pre>` came out as "a"). The text ends with a
    line break, which tells a code block in a list item or quote from inline code."""
    for line_break in pre.iter("br"):
        line_break.tail = "\n" + (line_break.tail or "")
    text = pre.text_content().rstrip("\n") + "\n"
    for child in list(pre):
        pre.remove(child)
    pre.text = None
    etree.SubElement(pre, "code").text = text


def _as_article(tree: lxml.html.HtmlElement) -> None:
    """A page's body in an <article> when nothing in it says where the article is: without
    one, trafilatura keeps the paragraphs of such a page and drops its headings, lists and code
    (menus and sidebars are still left out: it prunes them by their tags, classes and links)."""
    body = tree.find("body")
    if body is None or tree.find(".//article") is not None or tree.find(".//main") is not None:
        return
    article = lxml.html.Element("article")
    article.text, body.text = body.text, None
    article.extend(list(body))
    body.append(article)


def _keep_spaces(tree: lxml.html.HtmlElement) -> None:
    """The space between two inline elements moved into the second: trafilatura drops white
    space between them (`<b>optional</b> <code>options</code>` came out as "optionaloptions")."""
    for element in tree.iter(*TEXT_ELEMENTS):
        following = element.getnext()
        if element.tail and not element.tail.strip() and following is not None and following.tag in TEXT_ELEMENTS:
            following.text, element.tail = element.tail + (following.text or ""), None


def _drop_furniture(tree: lxml.html.HtmlElement) -> None:
    """Menus, sidebars and footers taken out for good. trafilatura takes them out too, but puts
    them back when that leaves no paragraph: a page of only a menu and a footer came out as
    the footer's copyright line, imported as its article."""
    for element in list(tree.iter(*FURNITURE)):
        element.drop_tree()


def _keep_structure(tree: lxml.html.HtmlElement) -> None:
    """Take out the page's furniture, and mark what trafilatura would lose: the article's
    place, figcaptions as caption paragraphs, <pre> as code, spaces between inline elements."""
    _drop_furniture(tree)
    _as_article(tree)
    for caption in list(tree.iter("figcaption")):
        caption.tag, caption.text = "p", CAPTION_MARK + (caption.text or "")
    for pre in list(tree.iter("pre")):
        _plain_code(pre)
    _keep_spaces(tree)


@dataclass
class _Frame:
    """A block being read: its kind, level, text so far, and the captions of the images in it,
    which follow its text (an image does not split a sentence)."""

    element: etree._Element | None
    kind: BlockKind
    level: int | None = None
    pieces: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)

    def flush(self, out: list[Block]) -> None:
        text = "".join(self.pieces)
        self.pieces.clear()
        kind = BlockKind.CAPTION if text.lstrip().startswith(CAPTION_MARK) else self.kind
        block = code(text) if kind == BlockKind.CODE else prose(kind, text.replace(CAPTION_MARK, ""), self.level)
        out.extend(filter(None, [block, *(prose(BlockKind.CAPTION, caption) for caption in self.captions)]))
        self.captions.clear()


def _kind(element: etree._Element, around: _Frame, lists: int) -> tuple[BlockKind, int | None] | None:
    """The kind and level of the block an element starts, or None if it starts none (a
    container such as <list> or <table>, or inline markup)."""
    tag = element.tag
    if tag == "head":
        return BlockKind.HEADING, HEADINGS.get(element.get("rend", ""), 2)
    if tag == "p":
        return (around.kind, around.level) if around.kind in CONTEXT_KINDS else (BlockKind.PARAGRAPH, None)
    if tag == "item":
        return BlockKind.LIST_ITEM, max(lists, 1)
    if tag == "quote":
        return BlockKind.QUOTE, None
    if tag == "cell":
        return BlockKind.TABLE_CELL, None
    parent = element.getparent()
    in_text = parent is not None and (parent.tag in TEXT_HOLDERS
                                      or ("\n" not in (element.text or "") and parent.tag in {"item", "quote", "cell"}))
    return (BlockKind.CODE, None) if tag == "code" and not in_text else None


def _blocks(root: etree._Element) -> list[Block]:
    """The blocks of trafilatura's XML, in document order; iterative, as pages nest deep."""
    out: list[Block] = []
    frames = [_Frame(None, BlockKind.PARAGRAPH)]
    lists = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            lists += element.tag == "list"
            if (kind := _kind(element, frames[-1], lists)) is not None:
                frames[-1].flush(out)
                frames.append(_Frame(element, *kind))
            elif element.tag == "lb":
                frames[-1].pieces.append(" ")
            elif element.tag == "graphic":
                frames[-1].captions += [element.get("alt", ""), element.get("title", "")]
            frames[-1].pieces.append(element.text or "")
        else:
            lists -= element.tag == "list"
            if frames[-1].element is element:
                frames.pop().flush(out)
            frames[-1].pieces.append(element.tail or "")
    frames[0].flush(out)
    return out


def read_html_blocks(text: str, name: str) -> Article:
    """A web page's main text as an Article; the page's metadata (title, author, date, site...)
    as trafilatura finds it. A page with markup but no article text is refused (InputError)."""
    if not text.strip():
        return Article([])
    tree = parse_html(text, name)
    if tree is None:
        raise InputError(no_article_text(name))
    _keep_structure(tree)
    xml = trafilatura.extract(tree, output_format="xml", include_formatting=True, include_tables=True,
                              include_images=True, include_links=False, include_comments=False,
                              favor_recall=True, deduplicate=False)
    root = etree.fromstring(xml.encode("utf-8"), XML_PARSER) if xml else None
    blocks = _blocks(root) if root is not None else []
    if not blocks:
        raise InputError(no_article_text(name))
    metadata = {key: value for key, value in root.attrib.items() if key != "fingerprint" and value}
    return Article(blocks, metadata)
