"""Anonymized statistics: counts only, small cells withheld (and protected against subtraction from totals),
and nothing from the records themselves - checked with canary strings in every free-text field and name."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from ecodesk.i18n import translator
from ecodesk.models import (
    AdviceCategory,
    AdviceRecord,
    AllegedRetaliator,
    DetrimentalAction,
    EvidenceItem,
    Person,
    PrimaFacieAssessment,
    ProtectedActivity,
    Requester,
    RetaliationCase,
)
from ecodesk.models.cases import CaseStatus, Determination
from ecodesk.reports.anonymized import THRESHOLD, StatsDocument, anonymize, suppress
from ecodesk.reports.csv_export import csv_text
from ecodesk.reports.dashboard import build_dashboard, make_filters
from ecodesk.reports.pdf import content_from_stats, render_pdf
from ecodesk.reports.periods import parse_period, period_between
from ecodesk.reports.tables import Table
from ecodesk.storage.vault import Vault

TODAY = dt.date(2026, 11, 15)


def pdf_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext (poppler-utils) is needed: make system-deps"
    return subprocess.run([tool, "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True).stdout


@given(st.dictionaries(st.sampled_from([f"k{i}" for i in range(8)]), st.integers(0, 12), min_size=1))
def test_suppression_guarantees(counts: dict[str, int]) -> None:
    published, total = suppress(counts)
    withheld = [key for key, value in published.items() if value is None]
    # 1. nothing small is published; every small non-zero count is withheld
    assert all(value is None or value == 0 or value >= THRESHOLD for value in published.values())
    assert all(published[key] is None for key, n in counts.items() if 0 < n < THRESHOLD)
    # 2. a total is published only when it is 0 or large enough, and is then the true total
    real_total = sum(counts.values())
    assert total is None or total == real_total
    assert total is not None or 0 < sum(counts[k] for k in withheld) < THRESHOLD
    # 3. with a published total, the withheld cells cannot be told apart by subtraction
    if withheld and total is not None:
        assert len(withheld) >= 2
        assert sum(counts[key] for key in withheld) >= THRESHOLD
    # published cells are the true counts
    assert all(value == counts[key] for key, value in published.items() if value is not None)


def test_complementary_cell_is_withheld_too() -> None:
    published, total = suppress({"a": 10, "b": 2, "c": 7, "d": 0})
    assert published == {"a": 10, "b": None, "c": None, "d": 0}
    assert total == 19  # 19 - 10 = 9 = b + c: b cannot be worked out


def test_a_single_small_population_withholds_its_total() -> None:
    assert suppress({"a": 2, "b": 0}) == ({"a": None, "b": 0}, None)


def _document(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "office": "DKR",
        "period": "2026-Q3",
        "first_month": "2026-07",
        "last_month": "2026-09",
        "generated_at": "2026-11",
        "tables": [{"table": "cases_by_status", "cells": [{"key": "closed", "count": 5}], "total": 5}],
    }
    base.update(changes)
    return base


@pytest.mark.parametrize(
    "changes",
    [
        {"tables": [{"table": "cases_by_status", "cells": [{"key": "Fatou Ndiaye", "count": 5}], "total": 5}]},
        {"tables": [{"table": "cases_by_office", "cells": [{"key": "RET-2026-DKR-0001", "count": 5}], "total": 5}]},
        {"tables": [{"table": "cases_by_status", "cells": [{"key": "closed", "count": 2}], "total": 2}]},
        {"tables": [{"table": "cases_by_month", "cells": [{"key": "2026-12", "count": 4}], "total": 4}]},
        {"tables": [{"table": "cases_by_status", "cells": [{"key": "closed", "count": 5, "who": "Awa"}], "total": 5}]},
        {"tables": [{"table": "cases_by_status", "cells": [], "total": 5, "note": "Fatou Ndiaye"}]},
        {"generated_at": "2026-11-14"},
        {"period": "Dakar office, Q3"},
        {"comment": "anything"},
        {"threshold": 1},
    ],
)
def test_a_document_with_anything_but_coded_counts_is_refused(changes: dict[str, object]) -> None:
    """Also what HQ applies to documents received from the regions."""
    with pytest.raises(ValidationError):
        StatsDocument.model_validate(_document(**changes))
    assert StatsDocument.model_validate(_document()).office == "DKR"


def test_anonymized_statistics_need_whole_months(vault: Vault) -> None:
    from ecodesk.errors import InvalidInput

    dashboard = build_dashboard(vault, make_filters(period_between("2026-07-03", "2026-09-30"), today=TODAY))
    with pytest.raises(InvalidInput, match="whole months"):
        anonymize(dashboard)


# -- canary: nothing from the records leaks into the statistics ------------------------------------------
class Canaries:
    def __init__(self) -> None:
        self.issued: list[str] = []

    def __call__(self) -> str:
        token = f"Qz{len(self.issued):03d}canary"
        self.issued.append(token)
        return token


def canary_records(canary: Canaries) -> list[RetaliationCase | AdviceRecord]:
    records: list[RetaliationCase | AdviceRecord] = []
    statuses = list(CaseStatus)
    for i in range(14):
        person = Person(name=canary(), position=canary(), office=canary(), email=f"{canary()}@x.org", phone=canary())
        assessed = statuses[i % 5] not in (CaseStatus.received, CaseStatus.in_assessment)
        records.append(
            RetaliationCase(
                title=canary(),
                summary=canary(),
                notes=canary(),
                status=statuses[i % 5],
                received_on=dt.date(2026, 7 + i % 3, 3 + i),
                complainant=person,
                alleged_retaliators=[AllegedRetaliator(name=canary(), role=canary(), email=canary())],
                protected_activities=[ProtectedActivity(description=canary(), reported_to=canary())],
                detrimental_actions=[DetrimentalAction(description=canary(), decision_maker=canary())],
                evidence=[EvidenceItem(title=canary(), source=canary(), notes=canary())],
                assessment=PrimaFacieAssessment(
                    determination=list(Determination)[i % 4] if assessed else None,
                    completed_on=dt.date(2026, 10, 1 + i) if assessed else None,
                    conclusion=canary(),
                    recommendations=canary(),
                    override_reason=canary(),
                ),
            )
        )
    for i in range(9):
        records.append(
            AdviceRecord(
                category=list(AdviceCategory)[i % 3],
                requester=Requester(name=canary(), position=canary(), office=canary(), email=canary()),
                question=canary(),
                advice=canary(),
                follow_up=canary(),
                notes=canary(),
                standards_references=[canary()],
                received_on=dt.date(2026, 8, 10 + i),
            )
        )
    return records


def test_canaries_never_reach_the_anonymized_json_csv_or_pdf(vault: Vault, tmp_path: Path) -> None:
    canary = Canaries()
    vault.records.save_many(canary_records(canary), office="DKR")
    secrets = set(canary.issued)
    for record_id in vault.records.all_ids():
        record = vault.records.get(record_id)
        secrets |= {record.reference or "", str(record.id), record.received_on.isoformat()}
        if isinstance(record, RetaliationCase):
            secrets.add(record.assessment_due_on.isoformat())
    dashboard = build_dashboard(vault, make_filters(parse_period("2026-Q3"), today=TODAY))
    document = anonymize(dashboard, today=TODAY)
    outputs = {"json": document.model_dump_json(indent=2)}
    for lang in ("en", "fr", "es"):
        outputs[f"csv-{lang}"] = csv_text(document.tables, translator(lang))
        pdf = tmp_path / f"stats-{lang}.pdf"
        pdf.write_bytes(render_pdf(content_from_stats(document, "Ethics Office", TODAY), lang))
        outputs[f"pdf-{lang}"] = pdf_text(pdf)
        outputs[f"pdf-bytes-{lang}"] = pdf.read_bytes().decode("latin-1")
    for name, text in outputs.items():
        leaked = sorted(s for s in secrets if s and s.lower() in text.lower())
        assert not leaked, f"{name} contains {leaked[:5]}"
    # the statistics are really there (the test would pass on an empty document otherwise)
    assert document.table(Table.cases_by_status).total == 14
    assert document.table(Table.advice_by_category).total == 9
    assert "Cases by status" in outputs["pdf-en"]


def test_small_cells_are_withheld_in_every_output(vault: Vault) -> None:
    records = [
        RetaliationCase(title="t", received_on=dt.date(2026, 7, 1 + i), status=status)
        for i, status in enumerate([CaseStatus.closed] * 6 + [CaseStatus.referred] * 2 + [CaseStatus.received] * 4)
    ]
    vault.records.save_many(records, office="DKR")
    document = anonymize(build_dashboard(vault, make_filters(parse_period("2026-07"), today=TODAY)), today=TODAY)
    status = document.table(Table.cases_by_status)
    assert status.count("referred") is None  # 2 cases: withheld
    assert status.count("received") is None  # 4 cases: withheld as well, else 12 - 6 - 4 = 2 gives it away
    assert status.count("closed") == 6
    assert status.total == 12
    data = json.loads(document.model_dump_json())
    counts = [c["count"] for t in data["tables"] for c in t["cells"]] + [t["total"] for t in data["tables"]]
    assert all(n is None or n == 0 or n >= THRESHOLD for n in counts)
    csv = csv_text(document.tables, translator("en"))
    assert "cases_by_status,Cases by status,referred,Referred for investigation,,withheld" in csv
