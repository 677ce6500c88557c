"""What `workbench doctor` checks in the database."""

from __future__ import annotations

from sqlite_utils import Database

from workbench.align.beads import coverage_error
from workbench.store.records import beads, pair_ids, pair_texts
from workbench.store.migrations import migrations


def problems(db: Database) -> list[str]:
    """Integrity, schema and coverage problems; empty when all is well."""
    found = []
    integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    if integrity != "ok":
        found.append(f"integrity check: {integrity}")
    if migrations.pending(db):
        found.append("schema is not up to date")
    for row in db.query("select pair_id, position from beads group by pair_id, position having count(*) > 1"):
        found.append(f"pair {row['pair_id']}: two beads at position {row['position']}")
    for row in db.query("select document_id, position from sentences group by document_id, position "
                        "having count(*) > 1"):
        found.append(f"document {row['document_id']}: two sentences at position {row['position']}")
    for pair_id in pair_ids(db):
        stored = beads(db, pair_id)
        if stored:
            texts = pair_texts(db, pair_id)
            error = coverage_error(stored, len(texts.src), len(texts.tgt))
            if error:
                found.append(f"pair {pair_id}: {error}")
    return found


def aligned_before(db: Database, version: str) -> list[int]:
    """Pairs whose beads come from another version of the aligner (their last run names one;
    beads imported from a file or a TMX name their source instead): realigning them would give
    what this version gives."""
    rows = db.query("select pair_id, aligner_version from runs r "
                    "where id = (select max(id) from runs where pair_id = r.pair_id) order by pair_id")
    return [r["pair_id"] for r in rows if r["aligner_version"].isdigit() and r["aligner_version"] != version]


def schema_version(db: Database) -> str:
    """Name of the last applied migration."""
    applied = migrations.applied(db)
    return applied[-1].name if applied else "none"
