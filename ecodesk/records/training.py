"""Training and outreach sessions (``TRN-2026-DKR-0001``): what was given, when, where, to whom, to how many."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ecodesk.models import RecordKind, SearchQuery, TrainingSession
from ecodesk.models.programme import TrainingStatus
from ecodesk.records.intake import validate
from ecodesk.records.service import save_record
from ecodesk.storage.vault import Vault


def add_session(vault: Vault, data: dict[str, object]) -> TrainingSession:
    """Record a session from its fields (``title``, ``held_on``, ``place``, ``audience``, ``participants``,
    ``language``, ``status``); InvalidInput naming a wrong field."""
    session = validate(TrainingSession, {**data, "kind": "training"})
    saved = save_record(vault, session)
    assert isinstance(saved, TrainingSession)
    return saved


def sessions(vault: Vault, year: int | None = None) -> list[TrainingSession]:
    """Sessions, newest first (of one year when given)."""
    query = SearchQuery(kind=RecordKind.training, limit=None)
    if year is not None:
        query = query.model_copy(update={"received_from": dt.date(year, 1, 1), "received_to": dt.date(year, 12, 31)})
    found = [vault.records.get(s.id) for s in vault.records.find(query)]
    return [s for s in found if isinstance(s, TrainingSession)]


@dataclass(frozen=True)
class Reach:
    sessions: int
    participants: int


def reach(found: list[TrainingSession]) -> Reach:
    """Sessions held and their participants (planned sessions reach nobody yet)."""
    held = [s for s in found if s.status == TrainingStatus.held]
    return Reach(sessions=len(held), participants=sum(s.participants for s in held))
