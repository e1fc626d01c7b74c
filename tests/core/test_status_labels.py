"""One name per status: the lists, Home, Reports, the editors and the command line say the same words."""

from __future__ import annotations

import pytest

from ecodesk.i18n import LANGUAGES, translator
from ecodesk.models import CASE_STATUS_LABELS, CaseStatus, RecordKind, status_label
from ecodesk.reports.tables import Table, key_label
from tests.conftest import CliRunner
from tests.core.test_cli import MINIMAL_CASE, _add


@pytest.mark.parametrize("lang", LANGUAGES)
def test_reports_name_each_status_as_the_lists_do(lang: str) -> None:
    tr = translator(lang)
    for status in CaseStatus:
        assert key_label(Table.cases_by_status, status.value, tr) == status_label(RecordKind.retaliation, status, tr)
        assert status_label(RecordKind.retaliation, status, tr) == tr.gettext(CASE_STATUS_LABELS[status])
    assert status_label(RecordKind.retaliation, "received", tr) != tr.gettext("Received")  # a date's heading too
    assert len({status_label(RecordKind.retaliation, s, tr) for s in CaseStatus}) == len(CaseStatus)


def test_cli_list_and_show_use_the_same_status_name(cli_vault: CliRunner) -> None:
    reference = _add(cli_vault, MINIMAL_CASE)
    assert "Awaiting assessment" in cli_vault("case", "list").out
    assert "Awaiting assessment" in cli_vault("case", "show", reference).out
    french = cli_vault("--lang", "fr", "case", "list").out
    assert status_label(RecordKind.retaliation, "received", translator("fr")) in french
