"""English and Spanish sentence splitting: sentence-splitter (a port of the Moses splitter, the
de-facto standard for parallel corpora) with abbreviation lists this project owns, plus one
repair it lacks: an acronym such as "U.S." that ends a sentence."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import regex
import sentence_splitter
from sentence_splitter import SentenceSplitter

PREFIX_DIR = Path(__file__).with_name("prefixes")
# Words that begin a sentence far more often than they follow an acronym inside one.
STARTERS = ("The|This|That|These|Those|He|She|It|They|We|I|In|On|At|But|However|A|An|After|"
            "El|La|Los|Las|Este|Esta|Estos|Estas|Ese|Esa|Él|Ella|Ellos|En|Pero|Sin|Según|Un|Una")
ACRONYM_END = re.compile(rf"(?<=\b(?:[A-Z]\.){{2}}) (?=(?:{STARTERS})\b)")
# Every break the splitter (and ACRONYM_END) makes follows a `.`, `?` or `!` and a space after it.
MAY_BREAK = re.compile(r"[.?!]\S* ")


class _CompiledRegex:
    """The `regex` module as sentence-splitter calls it (module functions with keyword
    arguments), but each pattern compiled once. It calls `regex.search` once per word, and
    regex's own cache lookup costs more than the search: 25 of the 37 s that splitting a 15 MB
    article took. Same patterns, same results."""

    UNICODE, DOTALL = regex.UNICODE, regex.DOTALL

    @staticmethod
    @lru_cache(maxsize=64)
    def _compiled(pattern: str, flags: int) -> regex.Pattern:
        return regex.compile(pattern, flags)

    def match(self, pattern: str, string: str, flags: int = 0) -> regex.Match | None:
        return self._compiled(pattern, flags).match(string)

    def search(self, pattern: str, string: str, flags: int = 0) -> regex.Match | None:
        return self._compiled(pattern, flags).search(string)

    def sub(self, pattern: str, repl: str, string: str, flags: int = 0) -> str:
        return self._compiled(pattern, flags).sub(repl, string)

    def split(self, pattern: str, string: str, flags: int = 0) -> list[str]:
        return self._compiled(pattern, flags).split(string)


sentence_splitter.regex = _CompiledRegex()  # type: ignore[attr-defined]


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
    """Sentences of one paragraph (internal whitespace folded). A paragraph with no place to
    break is one sentence without asking the splitter, which costs some 5 µs a paragraph however
    short: 32 of the 70 s a file of 4.9 million lines of `Dr.` took."""
    text = " ".join(paragraph.split())
    if not MAY_BREAK.search(text):
        return [text] if text else []
    return _split(text, lang)


def _split(text: str, lang: str) -> list[str]:
    """The splitter's sentences of a folded paragraph, acronyms that end one split off."""
    out = []
    for sentence in _splitter(lang).split(text):
        out.extend(s for s in ACRONYM_END.split(sentence) if s)
    return out
