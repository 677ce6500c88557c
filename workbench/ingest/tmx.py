"""Reading a TMX translation memory into aligned document pairs: one pair per `x-document`
prop, or one for the whole file. Parsed with defusedxml: no entity expansion, no external
entities, no network."""

from __future__ import annotations

import hashlib
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from workbench.align.beads import Bead
from workbench.model import Document, name_text
from workbench.ingest.decode import InputError
from workbench.ingest import LANG_CODE
from workbench.ingest.language import Detection, detect
from workbench.ingest.readers import DTD_SUBSET
from workbench.display import counted

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass
class AlignedPair:
    """A pair that arrives aligned: both sides' sentences and the beads linking them."""

    title: str
    src: list[str] = field(default_factory=list)
    tgt: list[str] = field(default_factory=list)
    beads: list[Bead] = field(default_factory=list)

    def add(self, src: str | None, tgt: str | None) -> None:
        s = (len(self.src),) if src is not None else ()
        t = (len(self.tgt),) if tgt is not None else ()
        self.src += [src] if src is not None else []
        self.tgt += [tgt] if tgt is not None else []
        self.beads.append(Bead(s, t))

    def documents(self, path: Path, src_lang: str, tgt_lang: str,
                  detected: tuple[Detection, Detection]) -> tuple[Document, Document]:
        """Both sides as documents, with the languages detected in the memory (see `memory_languages`)."""
        return (_document(path, self.title, src_lang, self.src, detected[0]),
                _document(path, self.title, tgt_lang, self.tgt, detected[1]))


def _document(path: Path, title: str, lang: str, sentences: list[str], found: Detection) -> Document:
    digest = hashlib.sha256(("\n".join([title, *sentences])).encode("utf-8")).hexdigest()
    return Document(path=name_text(str(path)), title=title, lang=lang, sentences=sentences,
                    paragraphs=[str(k) for k in range(len(sentences))], sha256=digest,
                    detected_lang=found.lang, detected_prob=found.prob)


def memory_languages(pairs: list[AlignedPair]) -> tuple[Detection, Detection]:
    """The languages detected on the source and on the target side of a whole memory, which
    its documents record: detecting each of 20,000 documents of a few sentences took most of
    the time of their import, and a few sentences say little (see `language.MIN_CHARS`)."""
    return (detect("\n".join(s for pair in pairs for s in pair.src)),
            detect("\n".join(t for pair in pairs for t in pair.tgt)))


def _base(lang: str | None) -> str:
    return (lang or "").split("-")[0].split("_")[0].lower()


# Inline elements whose content is the markup of the file a segment came from (<b>, <br/>...),
# not text (TMX 1.4, section 3.7); a <sub> of translatable text sits inside one of them.
NATIVE_CODE = frozenset({"bpt", "ept", "it", "ph", "ut"})


def _seg_text(tuv) -> str:
    seg = tuv.find("seg")
    return _text(seg) if seg is not None else ""


def _text(element) -> str:
    """An element's text without the native codes inside it (their tails are text). A stack, not
    recursion: inline elements may nest thousands deep."""
    parts: list[str] = []
    pending: list = [element]  # elements to read, and tails to add, the next one last
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        parts.append(item.text or "")
        for child in reversed(item):
            pending.append(child.tail or "")
            if child.tag not in NATIVE_CODE:
                pending.append(child)
    return "".join(parts)


@dataclass
class Unplaced:
    """The <tuv>s a pair has no place for: the units (<tu>s, numbered from 1) with a <tuv> without
    a language or with a second <tuv> in one language, and the <tuv>s in a third language."""

    no_lang: list[int] = field(default_factory=list)
    repeated: list[int] = field(default_factory=list)
    other_langs: Counter[str] = field(default_factory=Counter)

    def lost(self) -> list[tuple[str, str]]:
        """Text the file gives no language or a second one, kind by kind: what it is, and what
        --skip-bad does with it."""
        kinds = [(self.no_lang, "a <tuv> without xml:lang", "left out"),
                 (self.repeated, "two <tuv>s in one language", "the first of the language kept, the others left out")]
        return [(f"{counted(len(units), 'translation unit')} with {kind} (the first is <tu> number {units[0]})", forced)
                for units, kind, forced in kinds if units]

    def notices(self, path: Path, src_lang: str, tgt_lang: str, forced: bool) -> list[str]:
        """What an import leaves out, for the user to hear of: a third language always, and with
        --skip-bad what it would otherwise refuse the file for."""
        left_out = [f"{path}: {what}: {done}" for what, done in (self.lost() if forced else [])]
        if self.other_langs:
            left_out.append(f"{path}: {counted(sum(self.other_langs.values()), '<tuv>')} in "
                            f"{', '.join(sorted(self.other_langs))} left out (the pairs are {src_lang}-{tgt_lang})")
        return left_out


def read_tmx(path: Path, data: bytes, notes: list[str] | None = None,
             skip_bad: bool = False) -> tuple[str, str, list[AlignedPair]]:
    """Source language, target language and the aligned pairs of a TMX file. A file with text a
    pair has no place for (a <tuv> without a language, a second one in a language) is refused,
    or with `skip_bad` imported without it; what is left out is said in `notes`."""
    if DTD_SUBSET.search(data[:100_000].decode("utf-8", "replace")):
        raise InputError(f"{path}: entity declarations (DTD) are not allowed in imported files")
    pairs: dict[str, AlignedPair] = {}
    unplaced = Unplaced()
    src_lang = tgt_lang = None
    number = 0
    try:
        for _, element in SafeET.iterparse(io.BytesIO(data), events=("end",)):
            if element.tag == "header":
                src_lang = _base(element.get("srclang"))
            elif element.tag == "tu":
                number += 1
                src_lang, tgt_lang = _unit(element, number, src_lang, tgt_lang, pairs, path, unplaced)
                element.clear()
    except (SafeET.ParseError, DefusedXmlException) as exc:
        raise InputError(f"{path}: not well-formed or unsafe XML ({exc})") from None
    if unplaced.lost() and not skip_bad:
        raise InputError(f"{path}: {'; '.join(what for what, _ in unplaced.lost())}: their text would be lost; "
                         "nothing imported (--skip-bad imports the rest)")
    if not pairs or not src_lang or not tgt_lang:
        raise InputError(f"{path}: no translation units with two languages")
    for lang in (src_lang, tgt_lang):
        if not LANG_CODE.match(lang):
            raise InputError(f"{path}: {lang!r} is not a language code")
    if notes is not None:
        notes += unplaced.notices(path, src_lang, tgt_lang, skip_bad)
    return src_lang, tgt_lang, list(pairs.values())


def _unit(tu, number: int, src_lang, tgt_lang, pairs: dict[str, AlignedPair], path: Path,
          unplaced: Unplaced) -> tuple[str, str]:
    texts: dict[str, str] = {}
    for tuv in tu.findall("tuv"):
        lang = _base(tuv.get(XML_LANG) or tuv.get("lang"))
        units = unplaced.no_lang if not lang else unplaced.repeated if lang in texts else None
        if units is None:
            texts[lang] = _seg_text(tuv)
        elif units[-1:] != [number]:
            units.append(number)
    langs = list(texts)
    src_lang = src_lang if src_lang and src_lang != "*all*" else (langs[0] if langs else None)
    tgt_lang = tgt_lang or next((lang for lang in langs if lang != src_lang), None)
    unplaced.other_langs.update(lang for lang in langs if lang not in (src_lang, tgt_lang))
    document = next((p.text for p in tu.findall("prop") if p.get("type") == "x-document"), None)
    title = document or name_text(path.stem)
    pairs.setdefault(title, AlignedPair(title)).add(texts.get(src_lang), texts.get(tgt_lang))
    return src_lang, tgt_lang
