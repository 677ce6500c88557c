"""The schema as numbered migrations, one file each: `mNNN_what_it_does.py` with a `migrate(db)`
and a docstring that says why. A schema change adds the next file and never edits an applied
one; they run in the order of their names, and each is recorded under its name (sqlite-utils'
Migrations), so a database with a migration this code does not know is refused as newer."""

from __future__ import annotations

import importlib
import pkgutil

from sqlite_utils.migrations import Migrations

migrations = Migrations("workbench")
for _module in sorted(info.name for info in pkgutil.iter_modules(__path__)):
    migrations(name=_module)(importlib.import_module(f"{__name__}.{_module}").migrate)
