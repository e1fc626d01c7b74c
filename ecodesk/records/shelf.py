"""Setting a record aside without deleting it. Records are audit-protected: nothing is ever erased from the vault.

- **Archive**: a finished record leaves the default lists (a filter shows it again); ``restore`` brings it back.
- **Withdraw as created in error**: for a record that should never have existed (a duplicate, a test, the wrong
  kind). It leaves every list for good and its reference is never reused. Its content is kept, unchanged, in its
  revision history, with the reason and who withdrew it, so that the audit trail stays whole.

Each change is audited (``archive``, ``restore``, ``withdraw``).
"""

from __future__ import annotations

from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_
from ecodesk.models import ShelfEntry, ShelfState
from ecodesk.models.records import AnyRecord
from ecodesk.storage.vault import Vault


def _officer(vault: Vault) -> str:
    return vault.settings.officer_name or vault.identity().public.name


def set_aside_state(vault: Vault, reference: str) -> ShelfEntry | None:
    """How the record ``reference`` was set aside, or None if it is in the lists. NotFound for an unknown one."""
    return vault.shelf.get(vault.records.get(reference).id)


def archive_record(vault: Vault, reference: str) -> AnyRecord:
    """Archive the record (hidden from the default lists). InvalidInput if it was withdrawn."""
    record = vault.records.get(reference)
    state = vault.shelf.get(record.id)
    if state is not None and state.state == ShelfState.withdrawn:
        raise InvalidInput(N_("{reference} was withdrawn as created in error: it cannot be archived."),
                           reference=record.reference)  # fmt: skip
    if state is None:
        vault.shelf.put(record.id, record.reference or "", ShelfState.archived, by=_officer(vault))
    return record


def restore_record(vault: Vault, reference: str) -> AnyRecord:
    """Bring an archived record back into the lists. InvalidInput if it is not archived (a withdrawal is final)."""
    record = vault.records.get(reference)
    state = vault.shelf.get(record.id)
    if state is None or state.state != ShelfState.archived:
        raise InvalidInput(N_("{reference} is not archived."), reference=record.reference)
    vault.shelf.remove(record.id, record.reference or "", by=_officer(vault))
    return record


def withdraw_record(vault: Vault, reference: str, reason: str) -> AnyRecord:
    """Withdraw the record as created in error, for good. InvalidInput without a reason."""
    reason = reason.strip()
    if not reason:
        raise InvalidInput(N_("Say why the record was created in error (for example: a duplicate of another case)."))
    record = vault.records.get(reference)
    vault.shelf.put(record.id, record.reference or "", ShelfState.withdrawn, by=_officer(vault), reason=reason)
    return record
