"""Structured readers (issue 23): Markdown/MDX, web pages and plain text read as typed blocks.

A block's text must not depend on how its source was wrapped, markup must never change the text
(code, file names and `*` stay as written), and bad input gets a sensible result or one clear
line. The Markdown sample is a real React documentation page and its Spanish translation."""

from __future__ import annotations

import textwrap
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.conftest import CORPORA, DATA
from workbench.ingest.blocks import Article, BlockKind
from workbench.ingest.decode import InputError
from workbench.ingest.html import read_html_blocks
from workbench.ingest.markdown import read_markdown
from workbench.ingest.plain import read_plain

REACT = CORPORA / "react-docs" / "understanding-your-ui-as-a-tree"
UNWRAPPED = 10**6


def _blocks(article: Article) -> list[tuple[str, str, int | None]]:
    return [(block.kind.value, block.text, block.level) for block in article.blocks]


def _one_line_error(excinfo: pytest.ExceptionInfo[InputError], name: str, words: str) -> None:
    message = str(excinfo.value)
    assert message.startswith(f"{name}: ") and words in message and "\n" not in message


def test_block_kinds_are_the_names_of_the_jsonl_format() -> None:
    assert [kind.value for kind in BlockKind] == ["heading", "paragraph", "list_item", "quote", "table_cell",
                                                  "code", "caption"]


KINDS_SAMPLE = """\
---
title: "Hooks: an intro"
description: Not a sentence.
tags: [a, b]
---

# Heading one

Intro with `import * as React`, my_data_2014.tsv, `{/*tldr*/}`, *emphasis*, **strong**,
~~gone~~, a [link](https://example.com/a_b) and <https://example.com/x_y>, 2 * 3 * 4.

## Lists {/*lists*/}

- first item
- second item
  - nested *item*

1. ordered

> A quoted
> paragraph.

| Name | Value |
|------|-------|
| `a*b` | two |

```py
x = a * b  # *not emphasis*

```

    indented code

<div>
<p>HTML <b>block</b> text &amp; more</p>
</div>

![Alt of the *image*](a.png "Image title")
"""


def test_markdown_blocks_of_every_kind_keep_code_file_names_and_stars() -> None:
    """Issue 23: the regex reader made `import * as React` "import as React", my_data_2014.tsv
    "mydata2014.tsv" and `{/*tldr*/}` "{/tldr/}", and read front matter as sentences."""
    article = read_markdown(KINDS_SAMPLE, "kinds.md")
    assert _blocks(article) == [
        ("heading", "Hooks: an intro", 1),
        ("heading", "Heading one", 1),
        ("paragraph", "Intro with import * as React, my_data_2014.tsv, {/*tldr*/}, emphasis, strong, gone, a link "
                      "and https://example.com/x_y, 2 * 3 * 4.", None),
        ("heading", "Lists", 2),
        ("list_item", "first item", 1), ("list_item", "second item", 1), ("list_item", "nested item", 2),
        ("list_item", "ordered", 1),
        ("quote", "A quoted paragraph.", None),
        ("table_cell", "Name", None), ("table_cell", "Value", None), ("table_cell", "a*b", None),
        ("table_cell", "two", None),
        ("code", "x = a * b  # *not emphasis*", None),
        ("code", "indented code", None),
        ("paragraph", "HTML block text & more", None),
        ("caption", "Alt of the image", None), ("caption", "Image title", None)]
    assert article.metadata == {"description": "Not a sentence.", "tags": '["a", "b"]'}
    assert article.notes == ()


DIAGRAM = """\
Trees are a relationship model.

<Diagram name="preserving_state_dom_tree" height={193} width={864} alt="Diagram with three sections arranged \
horizontally.">

React creates a UI tree from your components. In this example, the UI tree is then used to render to the DOM.
</Diagram>

Like browsers, React uses trees.
"""


def test_a_component_with_an_alt_is_a_figure_whose_text_is_caption() -> None:
    assert _blocks(read_markdown(DIAGRAM, "diagram.md")) == [
        ("paragraph", "Trees are a relationship model.", None),
        ("caption", "Diagram with three sections arranged horizontally.", None),
        ("caption", "React creates a UI tree from your components. In this example, the UI tree is then used to "
                    "render to the DOM.", None),
        ("paragraph", "Like browsers, React uses trees.", None)]


@pytest.mark.parametrize(("markdown", "expected"), [
    pytest.param("<Note>\nSome **text** here.\n</Note>\n\nAfter.\n",
                 [("paragraph", "Some text here.", None), ("paragraph", "After.", None)],
                 id="component-without-blank-lines"),
    pytest.param("<DeepDive>\n#### Why? {/*why*/}\nBecause.\n</DeepDive>\n",
                 [("heading", "Why?", 4), ("paragraph", "Because.", None)], id="heading-inside-component"),
    pytest.param("<Sandpack>\n```js\n<FancyText title />\nconst a = {/*x*/};\n```\n</Sandpack>\n",
                 [("code", "<FancyText title />\nconst a = {/*x*/};", None)], id="code-inside-component"),
    pytest.param('<IllustrationBlock>\n  <Illustration caption="Trigger" alt="A finger." src="a.png" />\n'
                 "</IllustrationBlock>\n", [("caption", "A finger.", None), ("caption", "Trigger", None)],
                 id="self-closing-figure"),
    pytest.param('<Illustration\n  src="a.png"\n  alt="Alt on its own line"\n/>\n\nAfter.\n',
                 [("caption", "Alt on its own line", None), ("paragraph", "After.", None)], id="tag-over-lines"),
    pytest.param('<Diagram alt="A">\n\nEnclosed <b>text</b></Diagram> After.\n',
                 [("caption", "A", None), ("caption", "Enclosed text", None), ("paragraph", "After.", None)],
                 id="figure-closed-inside-a-paragraph"),
    pytest.param('<Diagram alt="A">\n\nEnclosed.\n\n## Next\n\nProse.\n',
                 [("caption", "A", None), ("caption", "Enclosed.", None), ("heading", "Next", 2),
                  ("paragraph", "Prose.", None)], id="unclosed-figure-ends-at-heading"),
    pytest.param('{{< figure src="cat.png" caption="A cat on a mat" >}}\n\nText {% include i.html alt="Alt" %} '
                 "here.\n", [("caption", "A cat on a mat", None), ("paragraph", "Text here.", None),
                             ("caption", "Alt", None)], id="template-tags"),
    pytest.param("One<br />\ntwo <CodeStep step={1}>useState</CodeStep> three\n<br />\nfour.\n",
                 [("paragraph", "One two useState three four.", None)], id="inline-tags-keep-the-paragraph"),
    pytest.param("Set `onChange`.<div>**(Traducción)**</div>Proporcionaste `value`.\n",
                 [("paragraph", "Set onChange.", None), ("paragraph", "(Traducción)", None),
                  ("paragraph", "Proporcionaste value.", None)], id="block-html-inside-a-paragraph"),
    pytest.param('<figure><img src="a.png" alt="Fig alt"><figcaption>The caption.</figcaption></figure>\n',
                 [("caption", "Fig alt", None), ("caption", "The caption.", None)], id="html-figure"),
    pytest.param("<ul><li>one<li>two</ul>\n\n<table><tr><td>a<td>b</table>\n",
                 [("list_item", "one", 1), ("list_item", "two", 1), ("table_cell", "a", None),
                  ("table_cell", "b", None)], id="html-end-tags-left-out"),
    pytest.param("<!-- a comment -->\n\n<pre>x = 1\n  y = 2</pre>\n\n<script>var a;</script>\n",
                 [("code", "x = 1\n  y = 2", None)], id="html-comment-pre-script"),
    pytest.param("Text with ![an icon](i.png) inside.\n",
                 [("paragraph", "Text with inside.", None), ("caption", "an icon", None)], id="inline-image"),
])
def test_mdx_and_html_markup_is_read_as_markup(markdown: str, expected: list) -> None:
    assert _blocks(read_markdown(markdown, "x.md")) == expected


def _react(lang: str) -> Article:
    return read_markdown(REACT.with_suffix(f".{lang}.md").read_text(encoding="utf-8"), f"tree.{lang}.md")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_real_mdx_page_reads_as_a_reviewer_expects(lang: str) -> None:
    article = _react(lang)
    kinds = Counter(block.kind.value for block in article.blocks)
    assert kinds == {"heading": 3, "paragraph": 10, "list_item": 3, "caption": 4, "code": 6}
    title = {"en": "Understanding Your UI as a Tree", "es": "Entender la UI como un árbol"}[lang]
    assert _blocks(article)[0] == ("heading", title, 1) and article.metadata == {}
    assert [block.level for block in article.blocks if block.kind == BlockKind.HEADING] == [1, 2, 2]
    assert [block.kind for block in article.blocks[7:11]] == [BlockKind.PARAGRAPH, BlockKind.CAPTION,
                                                               BlockKind.CAPTION, BlockKind.PARAGRAPH]
    code = [block.text for block in article.blocks if block.kind == BlockKind.CODE]
    assert code[2].startswith("import * as React from 'react';\nimport quotes from './quotes';\n")
    prose = " ".join(block.text for block in article.blocks if block.kind != BlockKind.CODE)
    assert not any(markup in prose for markup in ("{/*", "<Diagram", "Sandpack", "<Intro", "](", "title:"))


def test_the_english_and_spanish_pages_have_the_same_code_blocks() -> None:
    """Identical code is the aligner's surest anchor: it must come out byte for byte the same."""
    code = [[block.text for block in _react(lang).blocks if block.kind == BlockKind.CODE] for lang in ("en", "es")]
    assert code[0] == code[1] and len(code[0]) == 6


@pytest.mark.parametrize(("markdown", "title", "metadata", "note"), [
    pytest.param('+++\ntitle = "TOML title"\ndate = 2023-05-03\n+++\n\nBody.\n', "TOML title",
                 {"date": "2023-05-03"}, None, id="toml"),
    pytest.param('+++\r\ntitle = "TOML title"\r\ndate = 2023-05-03\r\n+++\r\n\r\nBody.\r\n', "TOML title",
                 {"date": "2023-05-03"}, None, id="toml-crlf"),
    pytest.param("---\ntitle: Hooks: an intro\nauthor: Me\n---\nBody.\n", "Hooks: an intro", {"author": "Me"},
                 "not a table of YAML keys", id="invalid-yaml"),
    pytest.param("---\na: &a [x, x]\nb: [*a, *a]\ntitle: T\n---\nBody.\n", "T",
                 {"a": "&a [x, x]", "b": "[*a, *a]"}, "not a table of YAML keys", id="yaml-aliases"),
    pytest.param("---\ntitle: T\na: " + "[" * 10_000 + "]" * 10_000 + "\n---\nBody.\n", "T",
                 {"a": "[" * 10_000 + "]" * 10_000}, "not a table of YAML keys", id="yaml-nested-10000"),
    pytest.param('+++\ntitle = "T"\na = ' + "[" * 10_000 + "]" * 10_000 + "\n+++\nBody.\n", "T",
                 {"a": "[" * 10_000 + "]" * 10_000}, "not a table of TOML keys", id="toml-nested-10000"),
    pytest.param("---\ndate: 2023-05-03\ndraft: true\nempty:\n---\nBody.\n", None,
                 {"date": "2023-05-03", "draft": "true", "empty": ""}, None, id="no-title"),
])
def test_front_matter_is_metadata_and_its_title_the_first_heading(markdown: str, title: str | None,
                                                                  metadata: dict, note: str | None) -> None:
    article = read_markdown(markdown, "fm.md")
    assert _blocks(article) == [*([("heading", title, 1)] if title else []), ("paragraph", "Body.", None)]
    assert article.metadata == metadata
    assert [note in notice for notice in article.notes] == ([True] if note else [])


# Words that cannot start a Markdown block when a wrap puts them first on a line.
WORDS = ("the of and to a in is that it for on with as was by at un la de que el en y los se del las por una "
         "Trees model items React árbol tree components UI nested Geneva my_data_2014.tsv snake_case "
         "¿Cómo camión niño").split()
# `*` after a space would start a list item where a wrap puts it first on a line, as CommonMark reads it.
PIECES = [(word, word) for word in WORDS] + [
    ("`from react import *`", "from react import *"), ("*emphasis*", "emphasis"), ("**strong words**", "strong words"),
    ("[link text](https://x.org/a_b)", "link text"), ("`{/*tldr*/}`", "{/*tldr*/}")]


@st.composite
def _markdown_blocks(draw: st.DrawFn) -> list[tuple[str, str, str]]:
    """Blocks as (kind, Markdown source on one line, expected text)."""
    blocks = []
    for kind in draw(st.lists(st.sampled_from(["heading", "paragraph", "list_item", "quote"]), min_size=1, max_size=6)):
        sentences = draw(st.lists(st.lists(st.sampled_from(PIECES), min_size=2, max_size=14), min_size=1,
                                  max_size=1 if kind == "heading" else 4))
        source = " ".join(" ".join(md for md, _ in sentence) + ("" if kind == "heading" else ".")
                          for sentence in sentences)
        text = " ".join(" ".join(plain for _, plain in sentence) + ("" if kind == "heading" else ".")
                        for sentence in sentences)
        blocks.append((kind, source, text))
    return blocks


def _markdown(blocks: list[tuple[str, str, str]], width: int) -> str:
    prefixes = {"heading": ("## ", ""), "paragraph": ("", ""), "list_item": ("- ", "  "), "quote": ("> ", "> ")}
    return "\n\n".join(f"## {source}" if kind == "heading" else textwrap.fill(
        source, width, initial_indent=prefixes[kind][0], subsequent_indent=prefixes[kind][1],
        break_long_words=False, break_on_hyphens=False) for kind, source, _ in blocks) + "\n"


@settings(max_examples=150, deadline=None)
@given(_markdown_blocks(), st.integers(30, 120))
def test_markdown_blocks_do_not_depend_on_wrapping(blocks: list[tuple[str, str, str]], width: int) -> None:
    """A soft line break is a space in every language: the same paragraphs, list items and quotes
    wrapped at any width, or not at all, give the same blocks (issue 23: the English file was
    judged wrapped and the Spanish one not)."""
    expected = [(kind, text, 2 if kind == "heading" else 1 if kind == "list_item" else None)
                for kind, _, text in blocks]
    assert _blocks(read_markdown(_markdown(blocks, UNWRAPPED), "one-line.md")) == expected
    assert _blocks(read_markdown(_markdown(blocks, width), "wrapped.md")) == expected


def _fence_notice(name: str, line: int) -> str:
    return f"{name}: the code fence opened on line {line} is never closed; the rest of the file is read as code"


@pytest.mark.parametrize(("markdown", "expected", "notes"), [
    pytest.param("---\ntitle: Only front matter\n---\n", [("heading", "Only front matter", 1)], [],
                 id="only-front-matter"),
    pytest.param("---\ndescription: x\n---\n", [], [], id="front-matter-without-title"),
    pytest.param("```python\nprint('x')\n```\n", [("code", "print('x')", None)], [], id="only-code"),
    pytest.param("Intro.\n\n```js\nconst a = 1;\n\nLost prose?\n", [("paragraph", "Intro.", None),
                 ("code", "const a = 1;\n\nLost prose?", None)], [_fence_notice("f.md", 3)], id="unclosed-fence"),
    pytest.param("```\na\n```\n```\nb\n", [("code", "a", None), ("code", "b", None)], [_fence_notice("f.md", 4)],
                 id="unbalanced-fences"),
    pytest.param("```\ncode\n```", [("code", "code", None)], [], id="fence-closed-on-the-last-line"),
    pytest.param("", [], [], id="empty"),
    pytest.param("<Note>\n" * 10_000 + "Deep text.\n" + "</Note>\n" * 10_000, [("paragraph", "Deep text.", None)],
                 [], id="10000-nested-components"),
    pytest.param("{" * 100_000 + " text", [("paragraph", "{" * 100_000 + " text", None)], [], id="100000-braces"),
])
def test_odd_markdown_gives_what_is_there(markdown: str, expected: list, notes: list[str]) -> None:
    article = read_markdown(markdown, "f.md")
    assert (_blocks(article), list(article.notes)) == (expected, notes)


@pytest.mark.parametrize("markdown", [pytest.param(">" * 10_000 + " deep\n\nafter\n", id="10000-quotes"),
                                      pytest.param("- " * 10_000 + "deep\n", id="10000-lists")])
def test_markdown_nested_deeper_than_the_parser_reads_is_refused_in_one_line(markdown: str) -> None:
    """markdown-it silently drops what is nested 100 levels deep; refused rather than lost."""
    with pytest.raises(InputError) as excinfo:
        read_markdown(markdown, "deep.md")
    _one_line_error(excinfo, "deep.md", "nested deeper than the Markdown reader reads")


def test_markdown_quotes_98_deep_are_read() -> None:
    assert _blocks(read_markdown(">" * 98 + " deep\n", "q.md")) == [("quote", "deep", None)]


def test_a_5_mb_markdown_table_is_read_cell_by_cell() -> None:
    rows = 60_000
    table = "| Name | Value | Note |\n|---|---|---|\n" + "".join(
        f"| item number {k} of the table | {k * 7} | a note about row {k}, in a few words |\n" for k in range(rows))
    assert len(table) > 5_000_000
    blocks = read_markdown(table, "table.md").blocks
    assert len(blocks) == 3 * (rows + 1) and {block.kind for block in blocks} == {BlockKind.TABLE_CELL}
    assert blocks[-1].text == f"a note about row {rows - 1}, in a few words"


HTML_SAMPLE = """\
# The main title of the article

An intro paragraph with `inline code`, a [link](https://example.com/a_b) and *emphasis*, long enough to be
read as the text of an article by the extractor.

## A second heading

- item one, with some words
- item two
  - a nested item
- `useState`
- **optional** `options`: an object

1. ordered **one**
2. ordered two

> A quoted paragraph with a few words in it.

```js
import * as React from 'react';
const a = 1;
```

    indented code

| Name | Value |
|------|-------|
| one  | two   |

![Alt text of the image](img.png "Image title")

<figure><img src="a.png" alt="Figure alt"><figcaption>The figure caption, which trafilatura drops.</figcaption>
</figure>

<pre>a plain pre
  kept as code</pre>

<div class="highlight"><pre><span class="k">def</span> <span class="nf">f</span>(): <b>pass</b></pre></div>

#### A fourth-level heading

The final paragraph, with ![an icon](i.png) inside it.
"""


def _page(body: str) -> str:
    links = "".join(f'<li><a href="/p{k}">Page {k}</a></li>' for k in range(20))
    return (f"<!DOCTYPE html><html><head><title>Site</title></head><body><nav><ul>{links}</ul></nav>"
            f"<main><article>{body}</article></main><aside><h3>Related</h3><ul>{links}</ul></aside>"
            f"<footer><p>Copyright 2024. All rights reserved.</p>{links}</footer></body></html>")


def test_a_web_page_gives_the_blocks_of_its_markdown() -> None:
    """The page made from a Markdown file (with menus, a sidebar and a footer around it) has the
    blocks of that file, kinds, levels and texts: figure captions, a plain <pre>, a highlighted one
    in a <div>, and the space in "**optional** `options`" included, which trafilatura dropped or
    read as a quote."""
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(HTML_SAMPLE)
    expected = _blocks(read_markdown(HTML_SAMPLE, "page.md"))
    assert Counter(kind for kind, _, _ in expected) == {"heading": 3, "paragraph": 2, "list_item": 7, "quote": 1,
                                                      "code": 4, "table_cell": 4, "caption": 5}
    assert _blocks(read_html_blocks(_page(html), "page.html")) == expected


def test_a_web_page_without_an_article_element_keeps_its_structure() -> None:
    """Without an <article> or <main>, trafilatura kept the paragraphs of the page and dropped
    its headings, lists and code."""
    paragraphs = [f"Paragraph {k} of the article, long enough for the extractor to keep it." for k in range(6)]
    body = ("<h1>The title</h1>" + "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
            + "<ul><li>one item</li><li><code>useState</code></li><li><pre>one line of code</pre></li></ul>"
            "<div class='highlight'><pre><span>a</span> = <b>1</b></pre></div>")
    expected = [("heading", "The title", 1), *[("paragraph", paragraph, None) for paragraph in paragraphs],
                ("list_item", "one item", 1), ("list_item", "useState", 1), ("code", "one line of code", None),
                ("code", "a = 1", None)]
    assert _blocks(read_html_blocks(f"<html><body>{body}</body></html>", "page.html")) == expected
    assert _blocks(read_html_blocks(body, "fragment.html")) == expected


@pytest.mark.parametrize(("page", "words"), [
    pytest.param("<html><head><style>p {}</style></head><body><script>var a = 1;</script><img src='a.png'>"
                 "</body></html>", "no article text found", id="no-article-text"),
    pytest.param('<!DOCTYPE html [<!ENTITY a "aaaa">]><html><body><p>&a;</p></body></html>',
                 "entity declarations", id="dtd"),
    pytest.param("<html><body>" + "<div>" * 5000 + "<p>Deep.</p>" + "</div>" * 5000 + "</body></html>",
                 "nested more than", id="5000-deep"),
])
def test_bad_web_pages_are_refused_in_one_line(page: str, words: str) -> None:
    with pytest.raises(InputError) as excinfo:
        read_html_blocks(page, "bad.html")
    _one_line_error(excinfo, "bad.html", words)


def test_a_web_page_nested_1000_deep_is_read_whole() -> None:
    paragraph = "The opposition met in Geneva on Tuesday, and nobody was hurt in the talks, the general said."
    page = f"<html><body>{'<div>' * 1000}<p>{paragraph}</p>{'</div>' * 1000}<p>After the deep part.</p></body></html>"
    assert _blocks(read_html_blocks(page, "deep.html")) == [("paragraph", paragraph, None),
                                                          ("paragraph", "After the deep part.", None)]


def test_an_empty_web_page_is_an_empty_article() -> None:
    assert read_html_blocks("  \n", "empty.html") == Article([])


def _wrapped_lines(text: str, width: int) -> str:
    return "\n".join(textwrap.fill(line, width) if line.strip() else line for line in text.split("\n"))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_plain_text_a_paragraph_a_line_reads_the_same_wrapped(lang: str) -> None:
    """The UDHR sample has no blank lines between its paragraphs, headings among them."""
    text = (CORPORA / "articles" / f"udhr.{lang}.txt").read_text(encoding="utf-8")
    blocks = _blocks(read_plain(text))
    assert len(blocks) == 92 and blocks[0][0] == "heading"
    assert ("heading", "Artículo 1" if lang == "es" else "Article 1", None) in blocks
    for width in (45, 60, 72, 80, 100, 120):
        assert _blocks(read_plain(_wrapped_lines(text, width))) == blocks, width


def test_plain_text_page_furniture_is_still_dropped() -> None:
    text = (DATA / "nizkor-2015-11-04-syria.en.txt").read_text(encoding="utf-8")
    blocks = _blocks(read_plain(text))
    assert blocks[0] == ("paragraph", "General Staff: Coordinates of 24 terrorist targets in Syria provided by "
                                      "opposition", None)
    assert len(blocks) == 18 and not any("Bookshop" in block or "Donate" in block for _, block, _ in blocks)
    for width in (45, 72, 100):
        assert _blocks(read_plain(_wrapped_lines(text, width))) == blocks, width


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("The talks were held in a well-\nknown city and in Deir ez-\nZor on Tuesday.\n",
                 [("paragraph", "The talks were held in a well-known city and in Deir ez-Zor on Tuesday.", None)],
                 id="word-cut-at-its-hyphen"),
    pytest.param("One sentence a line.\nAnother sentence here, longer than the first.\nA third.\n",
                 [("paragraph", "One sentence a line.", None),
                  ("paragraph", "Another sentence here, longer than the first.", None),
                  ("paragraph", "A third.", None)], id="a-sentence-a-line"),
    pytest.param("A sentence cut\nin the middle by a line break.\n",
                 [("paragraph", "A sentence cut in the middle by a line break.", None)], id="lower-case-continuation"),
    pytest.param("  First paragraph starts here and goes on\nfor a while.\n  Second paragraph starts\nhere.\n",
                 [("paragraph", "First paragraph starts here and goes on for a while.", None),
                  ("paragraph", "Second paragraph starts here.", None)], id="first-line-indent"),
])
def test_plain_text_line_breaks(text: str, expected: list) -> None:
    assert _blocks(read_plain(text)) == expected


STOP = "the of and to in is that for on with as by at from".split()
CONTENT = ("Geneva talks general city opposition army meeting peace river council treaty well-known "
           "long-term report rights people nation world").split()


@st.composite
def _plain_document(draw: st.DrawFn) -> list[tuple[str, str]]:
    """Headings (one or two short capitalised words) and paragraphs (sentences dense in stop
    words, so the furniture filter keeps them), as (kind, text); a heading is always followed by
    a paragraph."""
    items = []
    for _ in range(draw(st.integers(1, 5))):
        if draw(st.booleans()):
            items.append(("heading", " ".join(draw(st.lists(st.sampled_from(["Syria", "Talks", "Peace", "Report",
                                                                              "Army", "Notes"]), min_size=1,
                                                                             max_size=2)))))
        sentences = []
        for _ in range(draw(st.integers(2, 4))):
            words = draw(st.lists(st.tuples(st.sampled_from(CONTENT), st.sampled_from(STOP)), min_size=4, max_size=9))
            body = " ".join(f"{content}{',' if draw(st.booleans()) else ''} {stop}" for content, stop in words)
            sentences.append(f"{body[0].upper()}{body[1:]} {draw(st.sampled_from(CONTENT))}"
                             f"{draw(st.sampled_from('.?!'))}")
        items.append(("paragraph", " ".join(sentences)))
    return items


def _plain(items: list[tuple[str, str]], width: int, attached: list[bool]) -> str:
    """Items wrapped at `width`, blank lines between them, except that a heading is attached to
    the paragraph after it where `attached` says so."""
    out = []
    for k, (kind, text) in enumerate(items):
        out.append(textwrap.fill(text, width) if kind == "paragraph" else text)
        out.append("\n" if kind == "heading" and attached[k % len(attached)] else "\n\n")
    return "".join(out)


@settings(max_examples=200, deadline=None)
@given(_plain_document(), st.integers(30, 120), st.lists(st.booleans(), min_size=1, max_size=5))
def test_plain_text_blocks_do_not_depend_on_wrapping(items: list[tuple[str, str]], width: int,
                                                     attached: list[bool]) -> None:
    """Paragraphs of several sentences, headings between them, re-wrapped at any width from 30 to
    120 columns (words cut at hyphens included): the blocks of the unwrapped text."""
    expected = [(kind, text, None) for kind, text in items]
    assert _blocks(read_plain(_plain(items, UNWRAPPED, attached))) == expected
    assert _blocks(read_plain(_plain(items, width, attached))) == expected
