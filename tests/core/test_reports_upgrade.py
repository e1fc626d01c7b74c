"""Migration 4 on vaults made before it: existing records are counted, outcomes included (backfilled)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from ecodesk.models import Determination, PrimaFacieAssessment, RetaliationCase
from ecodesk.records import save_record
from ecodesk.reports.dashboard import build_dashboard, make_filters
from ecodesk.reports.periods import parse_period
from ecodesk.reports.tables import Table
from ecodesk.storage import migrations
from ecodesk.storage.vault import Vault
from tests.conftest import PASSPHRASE

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "vaults"
TODAY = dt.date(2026, 11, 15)


def test_schema_1_fixture_vault_is_counted_after_upgrade(tmp_path: Path) -> None:
    expected = json.loads((FIXTURES / "schema-1.expected.json").read_text(encoding="utf-8"))
    shutil.copytree(FIXTURES / "schema-1", tmp_path / "vault")
    vault = Vault.open(tmp_path / "vault", expected["passphrase"])
    try:
        assert migrations.current_version(vault.db) >= 4
        dashboard = build_dashboard(vault, make_filters(parse_period("2026"), today=TODAY))
        assert dashboard.figures.cases == 1 and dashboard.figures.advice == 1
        assert dashboard.table(Table.cases_by_status).count("in_assessment") == 1
        assert dashboard.table(Table.advice_by_category).count("gifts") == 1
    finally:
        vault.close()


def test_outcomes_recorded_before_the_upgrade_are_backfilled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = migrations._modules
    with monkeypatch.context() as m:
        m.setattr(migrations, "_modules", lambda: [x for x in every() if int(x.VERSION) < 4])
        vault, _key = Vault.create(tmp_path / "vault", PASSPHRASE, office="DKR")
        assert migrations.current_version(vault.db) < 4
        save_record(
            vault,
            RetaliationCase(
                title="Termination after witness interview",
                received_on=dt.date(2026, 5, 4),
                status="referred",
                assessment=PrimaFacieAssessment(
                    determination=Determination.prima_facie_case, completed_on=dt.date(2026, 5, 20)
                ),
            ),
        )
        vault.close()
    vault = Vault.open(tmp_path / "vault", PASSPHRASE)
    try:
        dashboard = build_dashboard(vault, make_filters(parse_period("2026-Q2"), today=TODAY))
        assert dashboard.table(Table.outcomes).count("prima_facie_case") == 1
        assert dashboard.table(Table.time_to_assess).count("16-30") == 1
        assert dashboard.figures.median_days_to_assess == 16
    finally:
        vault.close()
