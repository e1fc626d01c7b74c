"""Migration 4 on a vault made before it (by the migrations of that time): outcomes already recorded are
counted (backfilled), and the columns follow the records from then on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ecodesk.models import Determination, PrimaFacieAssessment, RetaliationCase
from ecodesk.records.service import save_record
from ecodesk.reports.dashboard import build_dashboard, make_filters
from ecodesk.reports.periods import parse_period
from ecodesk.reports.tables import Table
from ecodesk.storage import migrations
from ecodesk.storage.vault import Vault
from tests.conftest import PASSPHRASE

TODAY = dt.date(2026, 11, 15)


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
