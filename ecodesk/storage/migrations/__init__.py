"""Numbered schema migrations. Each module ``mNNNN_name.py`` has ``VERSION`` and ``upgrade(db)``.

Numbers are assigned per area ahead of time, so they may have gaps. Migrations run in order, each in its own
transaction together with the new ``schema_version``; a vault newer than this program is refused rather than
touched. Fixture vaults of earlier versions live in tests/fixtures/.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

from ecodesk.errors import EcoDeskError
from ecodesk.i18n import N_

if TYPE_CHECKING:
    from ecodesk.storage.database import Database


def _modules() -> list[ModuleType]:
    found = [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if info.name.startswith("m") and info.name[1:5].isdigit()
    ]
    found.sort(key=lambda m: int(m.VERSION))
    versions = [int(m.VERSION) for m in found]
    mismatched = any(f"m{v:04d}" not in m.__name__ for v, m in zip(versions, found, strict=True))
    if len(set(versions)) != len(versions) or mismatched:
        raise RuntimeError(f"migration numbers must be unique and match their module names, found {versions}")
    return found


def latest_version() -> int:
    modules = _modules()
    return int(modules[-1].VERSION) if modules else 0


def current_version(db: Database) -> int:
    exists = db.scalar("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'")
    if not exists:
        return 0
    value = db.scalar("SELECT value FROM meta WHERE key='schema_version'")
    return int(value or 0)


def pending(db: Database) -> list[int]:
    current = current_version(db)
    return [int(m.VERSION) for m in _modules() if int(m.VERSION) > current]


def migrate(db: Database, before_first: Callable[[], None] | None = None) -> list[int]:
    """Bring the schema up to date; ``before_first`` runs once before any migration (e.g. a backup)."""
    current = current_version(db)
    modules = _modules()
    if current > latest_version():
        raise EcoDeskError(
            N_("This vault was made by a newer version of EcoDesk (schema {found}). Please upgrade EcoDesk."),
            found=current,
        )
    applied = []
    todo = [m for m in modules if int(m.VERSION) > current]
    if todo and current > 0 and before_first is not None:
        before_first()
    for module in todo:
        with db.transaction():
            module.upgrade(db)
            db.execute(
                "INSERT INTO meta(key, value) VALUES('schema_version', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (str(module.VERSION),),
            )
        applied.append(int(module.VERSION))
    return applied
