"""Loading, changing and saving a case in one transaction, with an audit event: what every step shares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ecodesk.assessment.service import load_case
from ecodesk.casework.rules import check_follow_up
from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_
from ecodesk.models import RetaliationCase
from ecodesk.records.hq_fields import NOT_AT_HQ, is_hq
from ecodesk.records.service import save_record
from ecodesk.storage.vault import Vault

NOT_COMPLETED = N_("The preliminary assessment of {reference} is not completed yet.")


def require_hq(vault: Vault) -> None:
    if not is_hq(vault):
        raise InvalidInput(NOT_AT_HQ, office=vault.settings.office_code)


def change_case(
    vault: Vault, key: str, action: str, change: Callable[[RetaliationCase], dict[str, Any]], **detail: str
) -> RetaliationCase:
    """Apply ``change`` (the case -> the fields to update) to case ``key`` and save it, in one transaction.

    The new fields are validated as a whole and against the follow-up rules (``rules.check_follow_up``, the
    check the case editor makes too); ``action`` and ``detail`` go to the audit log (no confidential
    values: dates, statuses and codes only). Raises NotFound, InvalidInput.
    """
    with vault.db.transaction():
        case = load_case(vault, key)
        update = change(case)
        updated = RetaliationCase.model_validate({**case.model_dump(), **update})
        check_follow_up(updated, before=case)
        saved = save_record(vault, updated, expected_revision=case.revision)
        assert isinstance(saved, RetaliationCase)
        extra: dict[str, Any] = dict(detail)
        vault.audit.append(action, record_id=saved.id, reference=saved.reference or "", **extra)
    return saved


def day(value: dt.date | None) -> dt.date:
    return value or dt.date.today()


# The audit events of the case's workflow, as the case's history shows them.
