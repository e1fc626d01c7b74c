"""One name per status: lists, Home, Reports, editors and the command line all call ``status_label``."""

from __future__ import annotations

from ecodesk.i18n import Translator, translator
from ecodesk.models.advice import ADVICE_STATUS_LABELS, AdviceStatus
from ecodesk.models.cases import CASE_STATUS_LABELS, CaseStatus
from ecodesk.models.common import RecordKind
from ecodesk.models.programme import (
    CAMPAIGN_STATUS_LABELS,
    TRAINING_STATUS_LABELS,
    CampaignStatus,
    TrainingStatus,
)


def status_label(kind: RecordKind | str, status: str, tr: Translator | None = None) -> str:
    """What ``status`` of a record of ``kind`` is called in ``tr``'s language (the UI language by default); an
    unknown status (a newer version's) is shown as it is stored."""
    tr = tr or translator()
    try:
        if RecordKind(kind) == RecordKind.retaliation:
            return tr.gettext(CASE_STATUS_LABELS[CaseStatus(status)])
        if RecordKind(kind) == RecordKind.ydi:
            return tr.gettext(CAMPAIGN_STATUS_LABELS[CampaignStatus(status)])
        if RecordKind(kind) == RecordKind.training:
            return tr.gettext(TRAINING_STATUS_LABELS[TrainingStatus(status)])
        return tr.gettext(ADVICE_STATUS_LABELS[AdviceStatus(status)])
    except ValueError:
        return status
