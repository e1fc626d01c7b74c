"""Cases waiting on someone else, for the officer's Home: on HQ (submitted, awaiting its decision), on the
Administration (corrective measures recommended), and protective measures whose follow-up date has come.

Index-only queries on the summaries table (status and follow-up date columns): Home stays fast with many cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from ecodesk.i18n import N_
from ecodesk.models import CaseStatus, RecordKind, RecordSummary, SearchQuery
from ecodesk.storage.vault import Vault

LIMIT = 100


class WaitingOn(StrEnum):
    hq = "hq"
    administration = "administration"
    follow_up = "follow_up"


WAITING_LABELS: dict[WaitingOn, str] = {
    WaitingOn.hq: N_("HQ"),
    WaitingOn.administration: N_("The Administration"),
    WaitingOn.follow_up: N_("Protective measure to follow up"),
}


@dataclass(frozen=True)
class WaitingCase:
    on: WaitingOn
    case: RecordSummary


def waiting_cases(vault: Vault, today: dt.date, *, soon_days: int = 7, limit: int = LIMIT) -> list[WaitingCase]:
    """Follow-ups due by ``today + soon_days`` first (earliest first), then cases waiting on HQ and on the
    Administration."""
    records = vault.records
    cases = RecordKind.retaliation
    found = [
        WaitingCase(WaitingOn.follow_up, row)
        for row in records.find(SearchQuery(kind=cases, follow_up_before=today + dt.timedelta(days=soon_days),
                                            order_by="follow_up_on", descending=False, limit=limit))
    ]  # fmt: skip
    for on, status in ((WaitingOn.hq, CaseStatus.awaiting_hq),
                       (WaitingOn.administration, CaseStatus.awaiting_administration)):  # fmt: skip
        # Ordered by the status column (one value here, then the reference): the (kind, status) index serves it.
        query = SearchQuery(kind=cases, status=status.value, order_by="status", descending=False, limit=limit)
        found += [WaitingCase(on, row) for row in records.find(query)]
    return found
