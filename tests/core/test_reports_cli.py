"""``ecodesk stats`` and ``ecodesk report``: output, files, exit codes; statistics sent to HQ in a signed
stats package and consolidated there."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ecodesk.reports.anonymized import StatsDocument
from ecodesk.storage.vault import Vault
from tests.conftest import PASSPHRASE, CliRunner


@pytest.fixture
def seeded_cli(cli_vault: CliRunner) -> CliRunner:
    result = cli_vault("demo", "seed", "--cases", "150", "--advice", "60")
    assert result.code == 0, result.err
    return cli_vault


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["stats", "--period", "2026-Q5"], "The period 2026-Q5 is not valid"),
        (["stats", "--from", "2026-02-30"], "The date 2026-02-30 is not valid"),
        (["stats", "--from", "2026-05-01", "--to", "2026-04-01"], "starts (2026-05-01) after it ends (2026-04-01)"),
        (["stats", "--period", "2026", "--from", "2026-01-01"], "either --period or --from/--to"),
        (["stats", "--office", "dakar!"], "DAKAR! is not an office code"),
        (["stats", "--category", "bribes"], "Field category: must be one of"),
        (["stats", "--anonymized", "--from", "2026-01-05", "--to", "2026-03-31"], "whole months"),
        (["report", "--period", "2026-Q3", "--lang", "fr"], "--out FILE.pdf, --csv FILE, or both"),  # the report's
        (["--lang", "fr", "report", "--period", "2026-Q3"], "Indiquez --out FICHIER.pdf"),  # the messages' language
        (["report", "--period", "Q3-2026", "--out", "x.pdf"], "The period Q3-2026 is not valid"),
    ],
)
def test_bad_input_exits_2_naming_the_problem(cli_vault: CliRunner, args: list[str], named: str) -> None:
    result = cli_vault(*args)
    assert result.code == 2
    assert result.err.startswith("error: ")
    assert named in result.err
    assert "Traceback" not in result.err


def test_stats_json_has_the_tables(seeded_cli: CliRunner) -> None:
    year = dt.date.today().year  # the demo records go back three years from today
    result = seeded_cli("stats", "--from", f"{year - 4}-01-01", "--to", f"{year}-12-31", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["figures"]["cases"] == 150
    assert data["figures"]["advice"] == 60
    tables = {t["table"]: t for t in data["tables"]}
    assert tables["cases_by_status"]["total"] == 150


def test_stats_text_in_french(seeded_cli: CliRunner) -> None:
    result = seeded_cli("--lang", "fr", "stats", "--period", "2026")
    assert result.code == 0, result.err
    assert "Année 2026 · Bureau : DKR" in result.out
    assert "Dossiers par statut" in result.out


def test_anonymized_stats_are_a_valid_statistics_document(seeded_cli: CliRunner) -> None:
    result = seeded_cli("stats", "--anonymized", "--period", "2026", "--json")
    assert result.code == 0, result.err
    document = StatsDocument.model_validate_json(result.out)
    assert document.office == "DKR" and document.period == "2026"
    assert "RET-" not in result.out and "ADV-" not in result.out


def test_report_writes_pdf_and_csv(seeded_cli: CliRunner, tmp_path: Path) -> None:
    pdf, table = tmp_path / "q3.pdf", tmp_path / "q3.csv"
    result = seeded_cli("report", "--period", "2026-Q3", "--lang", "fr", "--out", str(pdf), "--csv", str(table))
    assert result.code == 0, result.err
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert table.read_text(encoding="utf-8-sig").startswith("table,title,key,label,count,note")
    assert "Dossiers reçus" in table.read_text(encoding="utf-8-sig")
    assert result.out.count(str(tmp_path)) == 2


def test_report_into_a_missing_folder_says_so(seeded_cli: CliRunner, tmp_path: Path) -> None:
    result = seeded_cli("report", "--period", "2026", "--csv", str(tmp_path / "nowhere" / "x.csv"))
    assert result.code == 2
    assert "Cannot write" in result.err


def _vault_pair(tmp_path: Path) -> tuple[Path, Path]:
    dakar, _key = Vault.create(tmp_path / "dkr", PASSPHRASE, office="DKR", officer_name="Awa Diop")
    hq, _key = Vault.create(tmp_path / "hq", PASSPHRASE, office="HQ", officer_name="Maria Lopez")
    dakar.contacts.add(hq.identity().public, name="HQ Geneva", role="hq", verified=True)
    hq.contacts.add(dakar.identity().public, name="Dakar", role="officer", verified=True)
    paths = dakar.path, hq.path
    dakar.close()
    hq.close()
    return paths


def test_stats_sent_to_hq_are_consolidated_there(cli: CliRunner, tmp_path: Path) -> None:
    dakar, hq = _vault_pair(tmp_path)
    at_dakar, at_hq = {"ECODESK_VAULT": str(dakar)}, {"ECODESK_VAULT": str(hq)}
    assert cli("demo", "seed", "--cases", "120", "--advice", "40", env=at_dakar).code == 0
    package = tmp_path / "stats.ecopkg"
    sent = cli("stats", "send", "--to", "HQ Geneva", "--period", "2026", "--out", str(package), env=at_dakar)
    assert sent.code == 0, sent.err
    assert package.exists()
    assert "HQ Geneva" in sent.out

    empty = cli("stats", "consolidated", env=at_hq)
    assert empty.code == 2 and "No statistics have been received yet" in empty.err
    imported = cli("package", "import", str(package), env=at_hq)
    assert imported.code == 0, imported.err

    local = json.loads(cli("stats", "--anonymized", "--period", "2026", "--json", env=at_dakar).out)
    consolidated = cli("stats", "consolidated", "--json", env=at_hq)
    assert consolidated.code == 0, consolidated.err
    data = json.loads(consolidated.out)
    assert [line["office"] for line in data["offices"]] == ["DKR"]
    by_name = {t["table"]: t for t in data["tables"]}
    for table in local["tables"]:
        assert by_name[table["table"]]["total"] == (table["total"] or 0)

    report = tmp_path / "hq.pdf"
    made = cli("report", "--consolidated", "--lang", "es", "--out", str(report), env=at_hq)
    assert made.code == 0, made.err
    assert report.read_bytes().startswith(b"%PDF-")


def test_stats_to_an_unknown_contact_writes_nothing(cli_vault: CliRunner, tmp_path: Path) -> None:
    package = tmp_path / "stats.ecopkg"
    result = cli_vault("stats", "send", "--to", "Nobody", "--period", "2026-Q3", "--out", str(package))
    assert result.code == 4
    assert not package.exists()
