"""English and Spanish sentence splitting: sentence-splitter (a port of the Moses splitter, the
de-facto standard for parallel corpora) with abbreviation lists this project owns, plus one
repair it lacks: an acronym such as "U.S." that ends a sentence."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from sentence_splitter import SentenceSplitter

PREFIX_DIR = Path(__file__).with_name("prefixes")
# Words that begin a sentence far more often than they follow an acronym inside one.
STARTERS = ("The|This|That|These|Those|He|She|It|They|We|I|In|On|At|But|However|A|An|After|"
            "El|La|Los|Las|Este|Esta|Estos|Estas|Ese|Esa|Él|Ella|Ellos|En|Pero|Sin|Según|Un|Una")
ACRONYM_END = re.compile(rf"(?<=\b(?:[A-Z]\.){{2}}) (?=(?:{STARTERS})\b)")


@lru_cache(maxsize=None)
def _splitter(lang: str) -> SentenceSplitter:
    own = PREFIX_DIR / f"{lang}.txt"
    if own.exists():
        return SentenceSplitter(language=lang, non_breaking_prefix_file=str(own))
    try:
        return SentenceSplitter(language=lang)
    except Exception:  # sentence-splitter raises a bare Exception for unknown languages
        return SentenceSplitter(language="en")


def split_sentences(paragraph: str, lang: str) -> list[str]:
    """Sentences of one paragraph (internal whitespace folded)."""
    text = " ".join(paragraph.split())
    if not text:
        return []
    out = []
    for sentence in _splitter(lang).split(text):
        out.extend(s for s in ACRONYM_END.split(sentence) if s)
    return out
