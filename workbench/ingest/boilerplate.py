"""Keep the article, drop page furniture (menus, share links, legal footers) from text files.

A jusText-style classifier (Pomikálek 2011) over lines or paragraphs, using jusText's stop
lists: long blocks dense in stop words are content, menus and notices are furniture, and
short blocks (headlines, "Article 1") are content when content follows them.
"""

from __future__ import annotations

import re
from functools import lru_cache

import justext

STOPLIST_NAMES = {"en": "English", "es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese",
                  "it": "Italian", "ca": "Catalan"}
NOTICE = re.compile(
    r"(this (document|page|article) (has been|was) published|all rights reserved|copyright|©|"
    r"cookies|privacy policy|terms of use|distributed without profit|"
    r"(este|el presente) (documento|art[ií]culo) (ha sido|fue) publicado|derechos reservados|"
    r"pol[ií]tica de privacidad|aviso legal)", re.IGNORECASE)
ATTRIBUTION = re.compile(r"^\W*(source|fuente|sources|fuentes)\s*:", re.IGNORECASE)
WORD = re.compile(r"\w+")
SHORT = 70
MIN_STOPWORD_DENSITY = 0.2


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """Stop words of every supported language together: a file declared in the wrong language
    must still reach the language check instead of being dropped as furniture."""
    return frozenset().union(*(justext.get_stoplist(name) for name in STOPLIST_NAMES.values()))


def _is_menu_or_notice(block: str) -> bool:
    return "|" in block or bool(NOTICE.search(block))


def _context_free(block: str, stop: frozenset[str], furniture: set[str]) -> str:
    """'good', 'bad' or 'short' from the block alone (and the furniture words seen so far)."""
    words = [w.lower() for w in WORD.findall(block)]
    if _is_menu_or_notice(block):
        return "bad"
    if ATTRIBUTION.match(block):
        return "good"
    if words and sum(w in furniture for w in words) * 2 >= len(words):
        return "bad"
    if len(block) < SHORT:
        return "short"
    density = sum(w in stop for w in words) / max(len(words), 1)
    return "good" if density >= MIN_STOPWORD_DENSITY else "bad"


def content_mask(blocks: list[str]) -> list[bool]:
    """Which blocks are article content. If nothing looks like prose in a language we have stop
    words for, only menus and notices are dropped. A block repeated is classified once (until
    new furniture words may change its class): a file of 4.9 million lines of `Dr.` took 10 s."""
    stop, furniture, classes = _stopwords(), set(), []
    known: dict[str, str] = {}
    for block in blocks:
        cls = known.get(block)
        if cls is None:
            cls = known[block] = _context_free(block, stop, furniture)
            if cls == "bad" and not furniture.issuperset(words := _furniture_words(block, stop)):
                furniture.update(words)
                known.clear()
        classes.append(cls)
    if "good" not in classes:
        menus = {block: _is_menu_or_notice(block) for block in dict.fromkeys(blocks)}
        return [not menus[block] for block in blocks]
    following = "bad"
    for k in range(len(classes) - 1, -1, -1):
        if classes[k] == "short":
            classes[k] = following
        else:
            following = classes[k]
    return [cls == "good" for cls in classes]


def _furniture_words(block: str, stop: frozenset[str]) -> set[str]:
    """The words of a block of furniture that mark other blocks as furniture: all but stop words."""
    return {w.lower() for w in WORD.findall(block) if w.lower() not in stop}
