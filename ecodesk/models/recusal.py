"""Recusal: a case in which the regional officer, or the officer's chief, is a party goes to headquarters."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from ecodesk.i18n import N_
from ecodesk.models.common import LongText, OfficeCode, RecordDate, StrictModel


class RecusalParty(StrEnum):
    officer = "officer"
    chief = "chief"


RECUSAL_PARTY_LABELS: dict[RecusalParty, str] = {
    RecusalParty.officer: N_("The ethics officer is a party"),
    RecusalParty.chief: N_("The officer's chief is a party"),
}


class Recusal(StrictModel):
    """The flag on a case transferred to headquarters: the office that flagged it cannot assess it."""

    party: RecusalParty
    reason: LongText = Field(min_length=1)
    flagged_on: RecordDate
    flagged_by_office: OfficeCode
