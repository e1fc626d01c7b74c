"""Archive and withdraw from the Cases page: the record leaves the list, the filter shows it again, the
withdrawal is explained and needs a reason."""

from __future__ import annotations

from packages_support import make_case
from PySide6.QtWidgets import QDialogButtonBox

from ecodesk.models import ShelfState
from ecodesk.records.shelf import set_aside_state
from ecodesk.ui.records.cases_view import CasesView
from ecodesk.ui.records.set_aside import WithdrawDialog


def _view(qtbot, session) -> CasesView:
    view = CasesView(session)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    return view


def _listed(view: CasesView) -> list[str]:
    return [s.reference for row in range(view.model.rowCount()) if (s := view.model.summary(row)) is not None]


def test_archive_from_the_page_hides_the_record_and_the_filter_shows_it(qtbot, session, vault) -> None:
    kept, done = make_case(vault), make_case(vault, title="Finished")
    view = _view(qtbot, session)
    qtbot.waitUntil(lambda: view.model.total == 2)
    assert view.open_record(done.reference or "")
    view.set_aside.update_actions()
    assert view.set_aside.archive_action.isEnabled() and not view.set_aside.restore_action.isEnabled()
    view.set_aside.archive()
    qtbot.waitUntil(lambda: view.model.total == 1)
    assert _listed(view) == [kept.reference]
    state = set_aside_state(vault, done.reference or "")
    assert state is not None and state.state == ShelfState.archived
    view.set_aside.show_set_aside.setChecked(True)
    qtbot.waitUntil(lambda: view.model.total == 2)
    assert view.open_record(done.reference or "")
    view.set_aside.update_actions()
    assert view.set_aside.restore_action.isEnabled()
    view.set_aside.restore()
    assert set_aside_state(vault, done.reference or "") is None


def test_withdraw_asks_for_a_reason_after_explaining(qtbot, session, vault, monkeypatch) -> None:
    case = make_case(vault)
    view = _view(qtbot, session)
    qtbot.waitUntil(lambda: view.model.total == 1)
    assert view.open_record(case.reference or "")
    monkeypatch.setattr(view.set_aside, "ask_withdraw_reason", lambda reference: None)  # cancelled
    view.set_aside.withdraw()
    assert set_aside_state(vault, case.reference or "") is None
    monkeypatch.setattr(view.set_aside, "ask_withdraw_reason", lambda reference: "Duplicate of RET-2026-DKR-0009")
    view.set_aside.withdraw()
    qtbot.waitUntil(lambda: view.model.total == 0)
    state = set_aside_state(vault, case.reference or "")
    assert state is not None and state.state == ShelfState.withdrawn and state.reason.startswith("Duplicate")


def test_the_withdraw_dialog_explains_and_needs_a_reason(qtbot) -> None:
    dialog = WithdrawDialog("RET-2026-DKR-0001")
    qtbot.addWidget(dialog)
    assert "nothing is erased" in dialog.explanation.text() and "cannot be undone" in dialog.explanation.text()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.reason.setPlainText("Test entry")
    assert ok.isEnabled() and ok.text() == "Withdraw"
