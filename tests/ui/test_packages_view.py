"""The Packages and Contacts pages driven like a user: add a contact from its card, verify it by its
fingerprint, import by "Open…" and by drag-and-drop with a summary, refusals shown with their reason, export
through the dialog, conflicts resolved, and everything cleared when the vault locks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from packages_support import (
    Exchange,
    attach,
    make_case,
    make_exchange,
    new_vault,
    random_bytes,
)
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from ecodesk.i18n import set_language
from ecodesk.packages.cards import make_card
from ecodesk.packages.export import export_package
from ecodesk.records.service import save_record
from ecodesk.ui.exchange import contacts_view, packages_view
from ecodesk.ui.exchange import dialogs as package_dialogs
from ecodesk.ui.exchange.contacts_view import ContactsView
from ecodesk.ui.exchange.dialogs import ExportDialog, VerifyContactDialog
from ecodesk.ui.exchange.packages_view import PackagesView
from ecodesk.ui.kit.session import Session


@pytest.fixture
def ex(tmp_path: Path) -> Iterator[Exchange]:
    exchange = make_exchange(tmp_path)
    yield exchange
    for vault in (exchange.officer, exchange.hq):
        if vault.is_open:
            vault.close()


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes are recorded instead of shown; questions are answered Yes."""
    shown: list[str] = []

    def record(_parent: object, _title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        shown.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "information", record)
    monkeypatch.setattr(QMessageBox, "warning", record)
    monkeypatch.setattr(QMessageBox, "question", record)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    return shown


def _hq_session(ex: Exchange) -> Session:
    session = Session(ex.hq.path)
    session.attach(ex.hq)
    return session


def _package(ex: Exchange, name: str = "dkr.ecopkg", *, data: bytes | None = None) -> tuple[Path, str]:
    case = make_case(ex.officer)
    if data is not None:
        case = attach(ex.officer, case, "scan.pdf", data)
    path = ex.folder / name
    export_package(ex.officer, to=["HQ Geneva"], cases=[case.reference], out=path)
    return path, case.reference or ""


def test_open_imports_with_a_summary_and_lists_it_in_the_inbox(qtbot, ex: Exchange, messages, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    session = _hq_session(ex)
    view = PackagesView(session)
    qtbot.addWidget(view)
    path, reference = _package(ex, data=random_bytes(150_000))
    monkeypatch.setattr(packages_view, "ask_open_path", lambda *a: str(path))
    changed: list[bool] = []
    session.records_changed.connect(lambda: changed.append(True))

    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)

    assert ex.hq.records.get(reference).office == "DKR"
    assert "New records: 1" in messages[-1] and "Attachments received: 1" in messages[-1] and reference in messages[-1]
    assert changed
    assert view.inbox.rowCount() == 1 and view.inbox.item(0, 3).text() == "Imported"
    assert "Dakar" in view.inbox.item(0, 1).text()

    view.import_file(path)  # a replay
    assert "already imported" in messages[-1]
    assert view.inbox.rowCount() == 1


def test_dropping_a_package_file_imports_it(qtbot, ex: Exchange, messages) -> None:  # type: ignore[no-untyped-def]
    view = PackagesView(_hq_session(ex))
    qtbot.addWidget(view)
    path, reference = _package(ex)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)), QUrl.fromLocalFile(str(ex.folder / "notes.txt"))])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    view.dropEvent(event)
    assert ex.hq.records.get(reference).reference == reference
    assert view.inbox.rowCount() == 1


def test_a_tampered_package_is_refused_with_its_reason_in_the_inbox(qtbot, ex: Exchange, messages) -> None:  # type: ignore[no-untyped-def]
    view = PackagesView(_hq_session(ex))
    qtbot.addWidget(view)
    path, reference = _package(ex)
    data = bytearray(path.read_bytes())
    data[-30] ^= 1
    path.write_bytes(bytes(data))
    assert view.import_file(path) is None
    assert "damaged" in messages[-1]
    assert view.inbox.item(0, 3).text() == "Refused" and "damaged" in view.inbox.item(0, 4).text()
    assert ex.hq.records.find_id(reference) is None


def test_an_unverified_sender_is_imported_only_after_the_user_agrees(qtbot, tmp_path: Path, messages) -> None:  # type: ignore[no-untyped-def]
    officer, hq = new_vault(tmp_path, "DKR", "Awa Diop"), new_vault(tmp_path, "HQ", "Maria Lopez")
    try:
        officer.contacts.add(hq.identity().public, name="HQ", role="hq", verified=True)
        hq.contacts.add(officer.identity().public, name="Dakar", role="officer")
        case = make_case(officer)
        export_package(officer, to=["HQ"], cases=[case.reference], out=tmp_path / "p.ecopkg")
        session = Session(hq.path)
        session.attach(hq)
        view = PackagesView(session)
        qtbot.addWidget(view)
        result = view.import_file(tmp_path / "p.ecopkg")
        assert result is not None and result.unverified
        assert any("not verified" in m for m in messages)
        assert view.inbox.item(0, 3).text() == "Imported (sender not verified)"
    finally:
        officer.close()
        if hq.is_open:
            hq.close()


def test_the_export_dialog_writes_a_package_and_the_outbox_shows_it(qtbot, ex: Exchange, messages, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    case = make_case(ex.officer)
    session = Session(ex.officer.path)
    session.attach(ex.officer)
    view = PackagesView(session)
    qtbot.addWidget(view)
    out = ex.folder / "out.ecopkg"
    monkeypatch.setattr(package_dialogs, "ask_save_path", lambda *a: str(out))
    dialog = ExportDialog(ex.officer, ex.officer.contacts.list())
    qtbot.addWidget(dialog)
    assert dialog.selected_recipients() == ["HQ Geneva"]  # HQ is preselected
    dialog.chosen.setChecked(True)
    assert not dialog.export_button.isEnabled()  # no record chosen yet
    dialog.records.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.export_button.isEnabled()
    dialog.export_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.path == out

    result = view.export_to(dialog.path, **dialog.export_arguments())
    assert result is not None and result.references == [case.reference]
    assert out.exists() and view.outbox.rowCount() == 1
    assert view.outbox.item(0, 3).text() == "Not acknowledged yet" and "HQ Geneva" in view.outbox.item(0, 1).text()


def test_conflicts_are_listed_and_resolved(qtbot, ex: Exchange, messages) -> None:  # type: ignore[no-untyped-def]
    path, reference = _package(ex, "1.ecopkg")
    session = _hq_session(ex)
    view = PackagesView(session)
    qtbot.addWidget(view)
    view.import_file(path)
    save_record(ex.officer, ex.officer.records.get(reference).model_copy(update={"notes": "Officer"}))
    save_record(ex.hq, ex.hq.records.get(reference).model_copy(update={"notes": "HQ"}))
    export_package(ex.officer, to=["HQ Geneva"], cases=[reference], out=ex.folder / "2.ecopkg")
    view.import_file(ex.folder / "2.ecopkg")
    assert view.tabs.currentIndex() == 2 and view.conflicts.rowCount() == 1
    assert view.conflicts.item(0, 0).text() == reference
    view.conflicts.selectRow(0)
    assert view.keep_incoming_button.isEnabled()
    view.keep_incoming_button.click()
    assert ex.hq.records.get(reference).notes == "Officer"
    assert view.conflicts.rowCount() == 0


def test_locking_clears_everything_shown(qtbot, ex: Exchange, messages) -> None:  # type: ignore[no-untyped-def]
    session = _hq_session(ex)
    view = PackagesView(session)
    contacts = ContactsView(session)
    qtbot.addWidget(view)
    qtbot.addWidget(contacts)
    path, _reference = _package(ex)
    view.import_file(path)
    assert view.inbox.rowCount() == 1 and contacts.table.rowCount() == 1
    session.lock()
    assert view.inbox.rowCount() == 0 and contacts.table.rowCount() == 0
    assert contacts.my_fingerprint.text() == "" and not view.open_button.isEnabled()


def test_add_a_contact_from_its_card_and_verify_it_by_fingerprint(qtbot, tmp_path: Path, messages, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    hq = new_vault(tmp_path, "HQ", "Maria Lopez")
    officer = new_vault(tmp_path, "DKR", "Awa Diop")
    try:
        card = tmp_path / "dkr.ecokey"
        card.write_bytes(make_card(officer.identity()))
        session = Session(hq.path)
        session.attach(hq)
        view = ContactsView(session)
        qtbot.addWidget(view)
        assert hq.identity().public.fingerprint.split()[0] in view.my_fingerprint.text()
        assert view.my_qr.pixmap() is not None and not view.my_qr.pixmap().isNull()
        monkeypatch.setattr(contacts_view, "ask_open_path", lambda *a: str(card))
        monkeypatch.setattr(contacts_view.AddContactDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
        qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
        assert view.table.rowCount() == 1 and view.table.item(0, 3).text().startswith("No")
        assert view.table.item(0, 2).text() == "DKR"

        contact = hq.contacts.list()[0]
        dialog = VerifyContactDialog(contact)
        qtbot.addWidget(dialog)
        assert not dialog.qr.pixmap().isNull()
        digits = contact.fingerprint.replace(" ", "")
        wrong = digits[:-1] + ("0" if digits[-1] != "0" else "1")
        qtbot.keyClicks(dialog.typed, wrong)
        assert not dialog.verify_button.isEnabled() and "NOT match" in dialog.match.text()
        dialog.typed.clear()
        qtbot.keyClicks(dialog.typed, digits)
        assert dialog.verify_button.isEnabled()

        monkeypatch.setattr(contacts_view.VerifyContactDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
        monkeypatch.setattr(contacts_view.VerifyContactDialog, "typed_fingerprint", property(lambda self: digits))
        view.table.selectRow(0)
        view.verify_selected()
        assert view.table.item(0, 3).text() == "Yes"
        assert hq.contacts.list()[0].verified
    finally:
        officer.close()
        if hq.is_open:
            hq.close()


def test_pages_follow_the_language(qtbot, ex: Exchange) -> None:  # type: ignore[no-untyped-def]
    session = _hq_session(ex)
    view, contacts = PackagesView(session), ContactsView(session)
    qtbot.addWidget(view)
    qtbot.addWidget(contacts)
    english = (view.tabs.tabText(0), view.open_button.accessibleName(), contacts.add_button.text())
    set_language("fr")
    try:
        for widget in (view, contacts):
            QApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
        french = (view.tabs.tabText(0), view.open_button.accessibleName(), contacts.add_button.text())
        assert all(f != e for f, e in zip(french, english, strict=True))
    finally:
        set_language("en")


def test_an_acknowledgement_is_written_from_the_inbox_and_marks_the_senders_outbox(  # type: ignore[no-untyped-def]
    qtbot, ex: Exchange, messages, monkeypatch
) -> None:
    hq_view = PackagesView(_hq_session(ex))
    qtbot.addWidget(hq_view)
    path, _reference = _package(ex)
    hq_view.import_file(path)
    assert not hq_view.ack_button.isEnabled()  # nothing selected yet
    hq_view.inbox.selectRow(0)
    assert hq_view.ack_button.isEnabled()
    ack = ex.folder / "ack.ecopkg"
    monkeypatch.setattr(packages_view, "ask_save_path", lambda *a: str(ack))
    qtbot.mouseClick(hq_view.ack_button, Qt.MouseButton.LeftButton)
    assert ack.exists() and "ack.ecopkg" in messages[-1]

    officer_session = Session(ex.officer.path)
    officer_session.attach(ex.officer)
    officer_view = PackagesView(officer_session)
    qtbot.addWidget(officer_view)
    assert officer_view.outbox.item(0, 3).text() == "Not acknowledged yet"
    officer_view.import_file(ack)
    assert officer_view.outbox.item(0, 3).text().startswith("Acknowledged by HQ Geneva")
    assert officer_view.inbox.item(0, 2).text() == "Acknowledgement"


def test_names_from_outside_are_shown_with_control_and_bidi_characters_escaped(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, messages
) -> None:
    from ecodesk.crypto.identity import VaultIdentity

    hq, stranger = new_vault(tmp_path, "HQ", "Maria Lopez"), new_vault(tmp_path, "ABJ", "Kofi")
    try:
        stranger._settings.store_identity(VaultIdentity.generate("HQ \u202eavenèG\u202c", "ABJ"))
        stranger.contacts.add(hq.identity().public, name="HQ", role="hq", verified=True)
        export_package(stranger, to=["HQ"], cases=[make_case(stranger).reference], out=tmp_path / "s.ecopkg")
        hq.contacts.add(stranger.identity().public, name="Kofi \u2066x\u2069", role="officer")
        session = Session(hq.path)
        session.attach(hq)

        contacts = ContactsView(session)
        qtbot.addWidget(contacts)
        assert contacts.table.item(0, 0).text() == "Kofi \\u2066x\\u2069"

        view = PackagesView(session)
        qtbot.addWidget(view)
        assert view.import_file(tmp_path / "s.ecopkg") is not None  # unverified: the user is asked, says Yes
        asked, summary = messages[-2], messages[-1]
        assert "Kofi \\u2066x\\u2069" in asked and "Kofi \\u2066x\\u2069 (ABJ)" in summary
        cells = [view.inbox.item(0, c).text() for c in range(view.inbox.columnCount())]
        assert "Kofi \\u2066x\\u2069 (ABJ)" in cells
        for text in [asked, summary, *cells]:
            assert not any(ch in text for ch in "\u202e\u202c\u2066\u2069\x1b")
    finally:
        stranger.close()
        if hq.is_open:
            hq.close()
