"""The Bead type and the bead text format (`[0]:[0, 1]:0.83`), the evaluation contract."""

from __future__ import annotations

import re
from dataclasses import dataclass

BEAD_LINE = re.compile(r"\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*(?::\s*([0-9.eE+-]+))?\s*$")


@dataclass(frozen=True)
class Bead:
    """One link: consecutive source sentence ids and target sentence ids (either may be empty)."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    confidence: float | None = None

    @property
    def kind(self) -> str:
        """The bead type as reviewers say it, e.g. `2-1`."""
        return f"{len(self.src)}-{len(self.tgt)}"


def format_bead(bead: Bead, with_confidence: bool = True) -> str:
    """Render a bead as one line of the bead format."""
    text = f"[{', '.join(map(str, bead.src))}]:[{', '.join(map(str, bead.tgt))}]"
    if with_confidence and bead.confidence is not None:
        text += f":{bead.confidence:.3f}"
    return text


def _side(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.replace(",", " ").split())


def parse_beads(text: str, source: str = "") -> list[Bead]:
    """Parse bead-format text; blank lines are skipped, anything else that is not a bead is an
    error (naming `source`, the file the text came from, if given). So is an empty bead `[]:[]`:
    it links nothing, and would be stored, exported and reviewed as a row without text."""
    beads = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = BEAD_LINE.match(line)
        where = f"{source + ': ' if source else ''}line {number}"
        if not match:
            raise ValueError(f"{where}: not a bead: {line.strip()[:60]!r}")
        conf = float(match.group(3)) if match.group(3) else None
        beads.append(Bead(_side(match.group(1)), _side(match.group(2)), conf))
        if not beads[-1].src and not beads[-1].tgt:
            raise ValueError(f"{where}: an empty bead links no sentence: {line.strip()[:60]!r}")
    return beads


def coverage_error(beads: list[Bead], n_src: int, n_tgt: int) -> str | None:
    """Why the beads do not list every sentence of both sides exactly once in order (or one of
    them is empty), or None."""
    empty = next((k for k, bead in enumerate(beads) if not bead.src and not bead.tgt), None)
    if empty is not None:
        return f"bead {empty + 1} of {len(beads)} is empty ([]:[]): it links no sentence"
    for side, count in (("source", n_src), ("target", n_tgt)):
        ids = [i for b in beads for i in (b.src if side == "source" else b.tgt)]
        if ids != list(range(count)):
            return f"the beads do not cover the {count} {side} sentences exactly once, in order"
    return None
