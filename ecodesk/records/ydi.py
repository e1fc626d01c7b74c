"""The Yearly Declaration of Interest campaign of an office: its filers, forms received and reviewed, reminders.

One campaign per office and year (``YDI-2026-DKR-0001``); every change is a new revision of that record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ecodesk.errors import InvalidInput, NotFound
from ecodesk.i18n import N_
from ecodesk.models import Filer, RecordKind, SearchQuery, YdiCampaign
from ecodesk.models.programme import CampaignStatus
from ecodesk.records.intake import validate
from ecodesk.records.service import save_record
from ecodesk.storage.vault import Vault

NO_CAMPAIGN = N_("There is no YDI campaign for {year} in this office.")
CAMPAIGN_EXISTS = N_("The YDI campaign for {year} exists already ({reference}).")
NO_FILER = N_("No filer {filer} in the YDI campaign {reference}.")
FILER_EXISTS = N_("{filer} is already on the list of filers.")
NOT_RECEIVED = N_("The declaration of {filer} has not been received: record it first.")
CLOSED = N_("The YDI campaign {reference} is closed.")


def campaigns(vault: Vault) -> list[YdiCampaign]:
    """Every campaign in the vault, newest year first."""
    found = [vault.records.get(s.id) for s in vault.records.find(SearchQuery(kind=RecordKind.ydi, limit=None))]
    return sorted((c for c in found if isinstance(c, YdiCampaign)), key=lambda c: (-c.year, c.office or ""))


def find_campaign(vault: Vault, year: int, office: str | None = None) -> YdiCampaign:
    """This office's (or ``office``'s) campaign for ``year``; NotFound otherwise."""
    office = office or vault.settings.office_code
    for campaign in campaigns(vault):
        if campaign.year == year and campaign.office == office:
            return campaign
    raise NotFound(NO_CAMPAIGN, year=year)


def open_campaign(vault: Vault, year: int, due_on: dt.date, *, opened_on: dt.date | None = None) -> YdiCampaign:
    """Open the office's campaign for ``year``; InvalidInput when it exists or the dates are impossible."""
    try:
        existing = find_campaign(vault, year)
    except NotFound:
        existing = None
    if existing is not None:
        raise InvalidInput(CAMPAIGN_EXISTS, year=year, reference=existing.reference)
    opened_on = opened_on or dt.date.today()
    if due_on < opened_on:
        raise InvalidInput(N_("The due date must not be before the day the campaign opens."))
    campaign = YdiCampaign(year=year, opened_on=opened_on, due_on=due_on)
    saved = save_record(vault, campaign)
    assert isinstance(saved, YdiCampaign)
    return saved


def _save(vault: Vault, campaign: YdiCampaign) -> YdiCampaign:
    saved = save_record(vault, campaign, expected_revision=campaign.revision)
    assert isinstance(saved, YdiCampaign)
    return saved


def _open(campaign: YdiCampaign) -> None:
    if campaign.status == CampaignStatus.closed:
        raise InvalidInput(CLOSED, reference=campaign.reference)


def _filer(campaign: YdiCampaign, key: str) -> Filer:
    filer = campaign.filer(key)
    if filer is None:
        raise NotFound(NO_FILER, filer=key[:80], reference=campaign.reference)
    return filer


def add_filer(vault: Vault, year: int, data: dict[str, object]) -> YdiCampaign:
    """Add a person to the list of filers (``name``, ``category``, optional ``grade``, ``office``, ``email``)."""
    campaign = find_campaign(vault, year)
    _open(campaign)
    filer = validate(Filer, data)
    same = [f for f in campaign.filers if f.name.casefold() == filer.name.casefold() and f.office == filer.office]
    if same:
        raise InvalidInput(FILER_EXISTS, filer=filer.name)
    return _save(vault, campaign.model_copy(update={"filers": [*campaign.filers, filer]}))


def _replace(campaign: YdiCampaign, filer: Filer) -> YdiCampaign:
    filers = [filer if f.id == filer.id else f for f in campaign.filers]
    return campaign.model_copy(update={"filers": filers})


def record_received(vault: Vault, year: int, filer_key: str, received_on: dt.date) -> YdiCampaign:
    """The filer's declaration form was received on ``received_on``."""
    campaign = find_campaign(vault, year)
    _open(campaign)
    filer = _filer(campaign, filer_key).model_copy(update={"received_on": received_on})
    return _save(vault, _replace(campaign, filer))


def record_review(
    vault: Vault,
    year: int,
    filer_key: str,
    reviewed_on: dt.date,
    *,
    conflict_found: bool,
    recommendations: str = "",
) -> YdiCampaign:
    """The declaration was reviewed: whether a conflict of interest was found, and what was recommended."""
    campaign = find_campaign(vault, year)
    _open(campaign)
    filer = _filer(campaign, filer_key)
    if filer.received_on is None:
        raise InvalidInput(NOT_RECEIVED, filer=filer.name)
    if reviewed_on < filer.received_on:
        raise InvalidInput(N_("A declaration cannot be reviewed before it was received."))
    updated = validate(
        Filer,
        {
            **filer.model_dump(),
            "reviewed_on": reviewed_on,
            "conflict_found": conflict_found,
            "recommendations": recommendations,
        },
    )
    return _save(vault, _replace(campaign, updated))


@dataclass(frozen=True)
class Reminder:
    filer: Filer
    days_left: int  # negative: overdue


def reminders(campaign: YdiCampaign, today: dt.date) -> list[Reminder]:
    """Who has not filed, with the days left until the due date (negative when overdue), most urgent first."""
    days = (campaign.due_on - today).days
    return [Reminder(filer, days) for filer in sorted(campaign.not_filed(), key=lambda f: f.name.casefold())]


def record_reminders_sent(vault: Vault, year: int, today: dt.date) -> tuple[YdiCampaign, list[Reminder]]:
    """Note that a reminder was sent today to everyone who has not filed; returns them."""
    campaign = find_campaign(vault, year)
    _open(campaign)
    due = reminders(campaign, today)
    ids = {r.filer.id for r in due}
    filers = [
        f.model_copy(update={"reminders": [*f.reminders, today]}) if f.id in ids and today not in f.reminders else f
        for f in campaign.filers
    ]
    saved = _save(vault, campaign.model_copy(update={"filers": filers})) if due else campaign
    return saved, reminders(saved, today)


def close_campaign(vault: Vault, year: int) -> YdiCampaign:
    campaign = find_campaign(vault, year)
    return _save(vault, campaign.model_copy(update={"status": CampaignStatus.closed}))
