"""The differencing attack on anonymized statistics: HQ (or whoever reads the packages) subtracts the documents
of overlapping periods, e.g. a year minus its first three quarters, to recover a count withheld in the fourth.
Every period this vault has sent counts: overlapping periods are refused, the same period is repeated as sent."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest

from ecodesk.errors import InvalidInput
from ecodesk.models import RetaliationCase
from ecodesk.models.cases import CaseStatus
from ecodesk.reports.anonymized import StatsDocument, anonymize
from ecodesk.reports.dashboard import build_dashboard, make_filters
from ecodesk.reports.hq import send_statistics
from ecodesk.reports.periods import parse_period, period_between
from ecodesk.storage.vault import Vault
from tests.conftest import PASSPHRASE, CliRunner

TODAY = dt.date(2027, 1, 15)
# Per quarter of 2026 (status: count). Q4 alone withholds "referred" (2) and "received" (4, its complement).
QUARTERS = {
    1: {CaseStatus.closed: 5, CaseStatus.referred: 3},
    2: {CaseStatus.closed: 5, CaseStatus.referred: 3},
    3: {CaseStatus.closed: 5, CaseStatus.referred: 3},
    4: {CaseStatus.closed: 6, CaseStatus.referred: 2, CaseStatus.received: 4},
}
ATTACK_ORDERS = [
    ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2026"],  # quarters first, then the year
    ["2026", "2026-Q1", "2026-Q2", "2026-Q3"],  # the year first, then quarters
    ["2026-Q1", "2026-Q2", "2026-Q3", "2026-08-01..2026-12-31"],  # an overlapping range of months
    ["2026-H1", "2026-Q3", "2026"],
]


def _seeded(tmp_path: Path) -> tuple[Vault, Vault]:
    office, _ = Vault.create(tmp_path / "dkr", PASSPHRASE, office="DKR")
    hq, _ = Vault.create(tmp_path / "hq", PASSPHRASE, office="HQ")
    office.contacts.add(hq.identity().public, name="HQ Geneva", role="hq", verified=True)
    records = [
        RetaliationCase(title="t", received_on=dt.date(2026, 3 * quarter - 1, 1 + i), status=status)
        for quarter, counts in QUARTERS.items()
        for status, n in counts.items()
        for i in range(n)
    ]
    office.records.save_many(records, office="DKR")
    return office, hq


def _document(vault: Vault, period: str) -> StatsDocument:
    chosen = period_between(*period.split("..")) if ".." in period else parse_period(period)
    return anonymize(build_dashboard(vault, make_filters(chosen, today=TODAY)), today=TODAY)


def _months(document: StatsDocument) -> set[str]:
    return set(document.as_period().months())


def _recoverable(documents: list[StatsDocument]) -> list[tuple[str, str, str]]:
    """Every withheld cell that subtraction recovers: a document B, one D inside it whose cell is withheld, and
    others that exactly cover the rest of B with published counts."""
    found = []
    for big, small in itertools.permutations(documents, 2):
        if not _months(small) < _months(big):
            continue
        rest = _months(big) - _months(small)
        others = [d for d in documents if d not in (big, small) and _months(d) <= rest]
        for size in range(len(others) + 1):
            for combo in itertools.combinations(others, size):
                covered = [m for d in combo for m in _months(d)]
                if sorted(covered) != sorted(rest):
                    continue
                for table in small.tables:
                    for cell in table.cells:
                        whole = big.table(table.table)
                        parts = [d.table(table.table) for d in combo]
                        if cell.count is not None or whole is None or whole.count(cell.key) is None:
                            continue
                        if all(p is not None and p.count(cell.key) is not None for p in parts):
                            found.append((small.period, table.table.value, cell.key))
    return found


def test_the_attack_works_on_documents_made_without_the_ledger(tmp_path: Path) -> None:
    """The test of the test: without the rule, a year and three quarters give the fourth's withheld cell."""
    office, hq = _seeded(tmp_path)
    documents = [_document(office, p) for p in ATTACK_ORDERS[0]]
    assert ("2026-Q4", "cases_by_status", "referred") in _recoverable(documents)
    office.close()
    hq.close()


@pytest.mark.parametrize("order", ATTACK_ORDERS, ids=["quarters-then-year", "year-then-quarters", "range", "half"])
def test_no_withheld_cell_can_be_recovered_from_what_was_sent(tmp_path: Path, order: list[str]) -> None:
    office, hq = _seeded(tmp_path)
    sent: list[StatsDocument] = []
    refused: list[str] = []
    for i, period in enumerate(order):
        try:
            send_statistics(office, _document(office, period), to="HQ Geneva", out=tmp_path / f"s{i}.ecopkg")
        except InvalidInput as exc:
            assert "were already sent" in str(exc) and not (tmp_path / f"s{i}.ecopkg").exists()
            refused.append(period)
            continue
        sent.append(_document(office, period))
    assert refused  # every order tries an overlap
    for a, b in itertools.combinations(sent, 2):
        assert not _months(a) & _months(b)
    assert _recoverable(sent) == []
    office.close()
    hq.close()


def test_sending_a_period_again_repeats_the_counts_sent_the_first_time(tmp_path: Path) -> None:
    office, hq = _seeded(tmp_path)
    send_statistics(office, _document(office, "2026-Q4"), to="HQ Geneva", out=tmp_path / "a.ecopkg")
    first = _document(office, "2026-Q4")
    # A late case makes the withheld "referred" 3: a fresh document would publish it, and 3 - "withheld" ...
    office.records.save_many(
        [RetaliationCase(title="late", received_on=dt.date(2026, 11, 30), status=CaseStatus.referred)], office="DKR"
    )
    assert _document(office, "2026-Q4").table(first.tables[0].table) != first.tables[0]
    from ecodesk.reports.hq import statistics_to_send

    again = statistics_to_send(office, _document(office, "2026-Q4"))
    assert again.tables == first.tables  # ... so the re-send carries the first counts, nothing new
    office.close()
    hq.close()


def test_the_cli_refuses_an_overlapping_period_in_the_users_language(cli: CliRunner, tmp_path: Path) -> None:
    office, hq = _seeded(tmp_path)
    office.close()
    hq.close()
    at_office = {"ECODESK_VAULT": str(tmp_path / "dkr")}
    quarter = cli("stats", "send", "--to", "HQ Geneva", "--period", "2026-Q3", "--out", str(tmp_path / "q.ecopkg"),
                  env=at_office)
    assert quarter.code == 0, quarter.err
    year = cli("stats", "send", "--to", "HQ Geneva", "--period", "2026", "--out", str(tmp_path / "y.ecopkg"),
               env=at_office)
    assert year.code == 2 and year.err.startswith("error: Statistics for 2026-Q3 were already sent")
    assert not (tmp_path / "y.ecopkg").exists()
    french = cli("--lang", "fr", "stats", "send", "--to", "HQ Geneva", "--period", "2026", "--out",
                 str(tmp_path / "y.ecopkg"), env=at_office)
    assert french.code == 2 and "déjà" in french.err
    again = cli("stats", "send", "--to", "HQ Geneva", "--period", "2026-Q3", "--out", str(tmp_path / "q2.ecopkg"),
                "--json", env=at_office)
    assert again.code == 0, again.err
    assert json.loads(again.out)["statistics"]["period"] == "2026-Q3"
