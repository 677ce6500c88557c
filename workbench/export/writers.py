"""One writer per format. Each takes open file handles and a stream of units, writes as it goes
(memory stays flat however many units) and counts into the summary."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import IO

from lxml import etree

from workbench import __version__
from workbench.align.beads import Bead, format_bead
from workbench.export.filters import Summary
from workbench.export.text import one_line
from workbench.xmlchars import xml_safe
from workbench.store import Unit

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def tmx_date(moment: datetime | None = None) -> str:
    """TMX's date format: YYYYMMDDThhmmssZ in UTC."""
    return (moment or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")


def _tuv(lang: str, sentences: list[str], summary: Summary) -> etree._Element:
    tuv = etree.Element("tuv", {XML_LANG: lang})
    text, removed = xml_safe(one_line(sentences))
    summary.control_chars += removed
    etree.SubElement(tuv, "seg").text = text
    return tuv


def _tu(unit: Unit, src_locale: str, tgt_locale: str, summary: Summary) -> etree._Element:
    tu = etree.Element("tu", tuid=str(unit.bead_id))
    props = {"x-document": unit.title, "x-pair": str(unit.pair_id), "x-status": unit.status}
    if unit.confidence is not None:
        props["x-confidence"] = f"{unit.confidence:.3f}"
    for kind, value in props.items():
        prop = etree.SubElement(tu, "prop", type=kind)
        prop.text, removed = xml_safe(value)
        summary.control_chars += removed
    if unit.note:
        note = etree.SubElement(tu, "note")
        note.text, removed = xml_safe(unit.note)
        summary.control_chars += removed
    tu.append(_tuv(src_locale, unit.src, summary))
    tu.append(_tuv(tgt_locale, unit.tgt, summary))
    return tu


def write_tmx(handle: IO[bytes], units: Iterable[Unit], summary: Summary, src_locale: str, tgt_locale: str) -> None:
    """TMX 1.4b, streamed with lxml."""
    header = {"creationtool": "workbench", "creationtoolversion": __version__, "segtype": "sentence",
              "o-tmf": "workbench", "adminlang": "en-US", "srclang": src_locale, "datatype": "plaintext",
              "creationdate": tmx_date()}
    with etree.xmlfile(handle, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("tmx", version="1.4"):
            xf.write("\n", etree.Element("header", header), "\n")
            with xf.element("body"):
                xf.write("\n")
                for unit in units:
                    xf.write(_tu(unit, src_locale, tgt_locale, summary), "\n")
                    summary.written += 1
            xf.write("\n")


def write_tsv(handle: IO[str], units: Iterable[Unit], summary: Summary, with_meta: bool = False) -> None:
    """source<TAB>target, optionally with pair, confidence and status columns."""
    for unit in units:
        fields = [one_line(unit.src), one_line(unit.tgt)]
        if with_meta:
            fields += [str(unit.pair_id), "" if unit.confidence is None else f"{unit.confidence:.3f}", unit.status]
        handle.write("\t".join(fields) + "\n")
        summary.written += 1


def write_moses(src_handle: IO[str], tgt_handle: IO[str], units: Iterable[Unit], summary: Summary) -> None:
    """Two files aligned by line, as OPUS distributes them."""
    for unit in units:
        src_handle.write(one_line(unit.src) + "\n")
        tgt_handle.write(one_line(unit.tgt) + "\n")
        summary.written += 1


def write_jsonl(handle: IO[str], units: Iterable[Unit], summary: Summary) -> None:
    """One JSON object a line, in the shape of Hugging Face translation data sets."""
    for unit in units:
        record = {"translation": {unit.src_lang: " ".join(unit.src), unit.tgt_lang: " ".join(unit.tgt)},
                  "pair": unit.pair_id, "confidence": unit.confidence, "status": unit.status}
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        summary.written += 1


def write_beads(handle: IO[str], units: Iterable[Unit], summary: Summary) -> None:
    """The bead format: sentence ids of both sides, with the confidence."""
    src_at = tgt_at = 0
    for unit in units:
        bead = Bead(tuple(range(src_at, src_at + len(unit.src))), tuple(range(tgt_at, tgt_at + len(unit.tgt))),
                    unit.confidence)
        src_at, tgt_at = src_at + len(unit.src), tgt_at + len(unit.tgt)
        handle.write(format_bead(bead) + "\n")
        summary.written += 1
