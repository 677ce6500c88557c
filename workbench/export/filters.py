"""The filters every export applies, and the summary of what they dropped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from workbench.store import Unit
from workbench.display import counted
from workbench.model import BeadStatus

STATUSES = {"confirmed": {BeadStatus.CONFIRMED}, "all": {BeadStatus.AUTO, BeadStatus.CONFIRMED}}


@dataclass
class Summary:
    """Counts for the summary line on standard error."""

    written: int = 0
    filtered: Counter[str] = field(default_factory=Counter)
    control_chars: int = 0

    def line(self) -> str:
        reasons = ", ".join(f"{n} {why}" for why, n in sorted(self.filtered.items()))
        text = f"exported {counted(self.written, 'pair')}; filtered out {sum(self.filtered.values())}"
        return text + (f" ({reasons})" if reasons else "")


@dataclass(frozen=True)
class Filters:
    """Which beads an export keeps. Rejected beads never pass."""

    status: str = "all"
    min_confidence: float | None = None
    dedupe: bool = False
    keep_empty: bool = False
    with_code: bool = False  # code blocks are the same in both languages: no translation to learn

    def apply(self, units: Iterable[Unit], summary: Summary) -> Iterator[Unit]:
        seen: set[int] = set()
        for unit in units:
            reason = self._reject(unit, seen)
            if reason:
                summary.filtered[reason] += 1
                continue
            yield unit

    def _reject(self, unit: Unit, seen: set[int]) -> str | None:
        if unit.status not in STATUSES[self.status]:
            return "rejected" if unit.status == BeadStatus.REJECTED else f"status {unit.status}"
        if not self.keep_empty and not (unit.src and unit.tgt):
            return "empty side"
        if unit.code and not self.with_code:
            return "code"
        if self.min_confidence is not None and (unit.confidence or 0.0) < self.min_confidence:
            return "low confidence"
        if self.dedupe:
            key = hash((tuple(unit.src), tuple(unit.tgt)))
            if key in seen:
                return "duplicate"
            seen.add(key)
        return None
