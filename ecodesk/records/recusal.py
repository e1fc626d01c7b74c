"""Recusal: when the officer, or the officer's chief, is a party to a case, the case goes to headquarters.

The flag is set on the case (party, reason, date, the office that flagged it); the flagging office can no longer
assess it, and the case reaches headquarters with the next package, where it is listed as transferred.
"""

from __future__ import annotations

import datetime as dt

from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_
from ecodesk.models import Recusal, RecusalParty, RetaliationCase
from ecodesk.models.common import RecordKind
from ecodesk.records.intake import validate
from ecodesk.records.service import save_record
from ecodesk.storage.vault import Vault

HQ_OFFICE = "HQ"
RECUSED = N_("{reference} was transferred to headquarters (recusal): this office cannot assess it.")


def refuse_if_recused(case: RetaliationCase, office: str) -> None:
    """InvalidInput when ``office`` flagged ``case`` for recusal (only headquarters may assess it then)."""
    if case.recusal is not None and office != HQ_OFFICE:
        raise InvalidInput(RECUSED, reference=case.reference)


def flag_recusal(
    vault: Vault, key: str, party: RecusalParty, reason: str, *, today: dt.date | None = None
) -> RetaliationCase:
    """Flag case ``key`` as transferred to headquarters because ``party`` is a party to it."""
    case = vault.records.get(key)
    if not isinstance(case, RetaliationCase):
        raise InvalidInput(N_("{reference} is not a record of this kind."), reference=case.reference)
    recusal = validate(
        Recusal,
        {
            "party": party,
            "reason": reason,
            "flagged_on": today or dt.date.today(),
            "flagged_by_office": vault.settings.office_code,
        },
    )
    with vault.db.transaction():
        saved = save_record(vault, case.model_copy(update={"recusal": recusal}), expected_revision=case.revision)
        assert isinstance(saved, RetaliationCase)
        vault.audit.append("recusal", record_id=saved.id, reference=saved.reference or "", party=party.value)
    return saved


def recused_cases(vault: Vault) -> list[RetaliationCase]:
    """Cases transferred to headquarters by recusal (what headquarters lists to take over)."""
    found = [vault.records.get(i) for i in vault.records.ids_with(RecordKind.retaliation, "$.recusal")]
    return sorted((c for c in found if isinstance(c, RetaliationCase)), key=lambda c: c.reference or "")
