"""HQ's decisions on a case come from HQ only: which vault is HQ's, and whether a case carries HQ decisions this
vault never held. Saving (``records.service``) and importing (``packages.importing``) both refuse such a case
outside HQ; the workflow that records HQ's decisions is ``ecodesk/casework``."""

from __future__ import annotations

from ecodesk.i18n import N_
from ecodesk.models import RetaliationCase
from ecodesk.storage.vault import Vault

HQ_OFFICE = "HQ"

NOT_AT_HQ = N_("Only HQ records this decision: this vault belongs to office {office}.")
REFUSED_HQ_DECISION = N_(
    "The record {reference} carries HQ decisions, but the package's sender {name} is not an HQ contact."
)


def is_hq(vault: Vault) -> bool:
    return vault.settings.office_code == HQ_OFFICE


def hq_decision_changed(vault: Vault, local: RetaliationCase | None, incoming: RetaliationCase) -> bool:
    """Whether ``incoming`` carries HQ decisions this vault never held (in the current or any earlier revision).

    A regional office may send back HQ's decisions as it received them, also an older state it had not yet
    updated (the import then keeps both versions as a conflict); it may not send decisions of its own.
    """
    if local is None:
        return not incoming.hq_decision.is_empty()
    if incoming.hq_decision == local.hq_decision:
        return False
    for revision in vault.records.history(local.id):
        held = vault.records.revision(local.id, revision.revision)
        if isinstance(held, RetaliationCase) and held.hq_decision == incoming.hq_decision:
            return False
    return True
