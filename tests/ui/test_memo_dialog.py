"""The memo dialog: preview from memory in the chosen language, sign, print to a printer, save a copy."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from ecodesk.memo.service import verify_memo_file
from ecodesk.memo.specimen import specimen_case
from ecodesk.memo.verify import SignerStatus
from ecodesk.models import RetaliationCase
from ecodesk.records.service import save_record
from ecodesk.storage.vault import Vault
from ecodesk.ui.kit.session import Session
from ecodesk.ui.memo import dialog as memo_dialog
from ecodesk.ui.memo.dialog import MemoDialog


def stored_specimen(vault: Vault) -> RetaliationCase:
    saved = save_record(vault, specimen_case(paragraph_repeats=6).model_copy(update={"reference": None}))
    assert isinstance(saved, RetaliationCase)
    return saved


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    (tmp_path / "shown.pdf").write_bytes(pdf)
    return subprocess.run(
        [_tool("pdftotext"), str(tmp_path / "shown.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} (poppler-utils) is needed: make system-deps"
    return path


@pytest.fixture
def dialog(qtbot, vault: Vault) -> Iterator[MemoDialog]:
    case = stored_specimen(vault)
    session = Session(vault.path)
    session.attach(vault)
    dlg = MemoDialog(session, case.reference or "")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.document.status() == QPdfDocument.Status.Ready)
    yield dlg
    session.lock()


def test_preview_follows_the_memo_language_not_the_ui(qtbot, dialog: MemoDialog, tmp_path: Path) -> None:
    assert dialog.memo is not None and dialog.memo.language == "en" and not dialog.memo.signed
    assert dialog.document.pageCount() == dialog.memo.pages >= 3
    assert dialog.sign_button.isEnabled()
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready)
    assert dialog.memo.language == "fr"
    assert "RAPPEL DES FAITS" in pdf_text(dialog.memo.pdf, tmp_path)
    assert dialog.windowTitle().startswith("Assessment memo")  # the UI itself stays in English


def test_sign_shows_the_signed_memo_and_keeps_it(qtbot, dialog: MemoDialog) -> None:
    vault = dialog.session.vault
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    dialog.sign()
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready)
    assert dialog.memo is not None and dialog.memo.signed and dialog.memo.language == "es"
    assert not dialog.sign_button.isEnabled()
    check = verify_memo_file(vault, dialog.memo.pdf)
    assert check.ok and check.signer_status == SignerStatus.this_vault
    assert dialog.version.count() == 2  # the draft, and the signed memo kept in the vault
    dialog.version.setCurrentIndex(0)
    dialog.version.activated.emit(0)
    assert not dialog.memo.signed
    dialog.version.setCurrentIndex(1)
    dialog.version.activated.emit(1)
    assert dialog.memo.signed and dialog.memo.sha256 == check.sha256


def test_print_sends_every_page_to_the_printer(qtbot, dialog: MemoDialog, tmp_path: Path, monkeypatch) -> None:
    # A PDF "printer" stands in for the real one so that the test can count the printed pages.
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    monkeypatch.setattr(dialog, "ask_printer", lambda: printer)
    dialog.print_memo()
    info = subprocess.run([_tool("pdfinfo"), str(tmp_path / "printed.pdf")], capture_output=True, text=True, check=True)
    pages = re.search(r"^Pages:\s+(\d+)$", info.stdout, re.MULTILINE)
    assert pages and int(pages.group(1)) == dialog.document.pageCount() >= 3


def test_cancelled_print_dialog_prints_nothing(dialog: MemoDialog, monkeypatch) -> None:
    printed: list[QPrinter] = []
    monkeypatch.setattr(dialog, "ask_printer", lambda: None)
    monkeypatch.setattr(dialog, "print_to", printed.append)
    dialog.print_memo()
    assert printed == []


def test_save_as_warns_then_writes_the_copy(dialog: MemoDialog, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "copy.pdf"
    monkeypatch.setattr(memo_dialog.dialogs, "ask_save_path", lambda *a: str(target))
    monkeypatch.setattr(dialog, "confirm_unencrypted_copy", lambda: False)
    dialog.save_as()
    assert not target.exists()  # the user declined after the warning
    monkeypatch.setattr(dialog, "confirm_unencrypted_copy", lambda: True)
    dialog.save_as()
    assert dialog.memo is not None and target.read_bytes() == dialog.memo.pdf
    events = [e.action for e in dialog.session.vault.audit.events(limit=5)]
    assert "memo_saved" in events


def test_locking_clears_the_preview(qtbot, dialog: MemoDialog) -> None:
    dialog.session.lock()
    assert dialog.memo is None
    assert dialog.document.pageCount() == 0
    assert not dialog.isVisible()


def test_signing_with_unassessed_points_asks_first(qtbot, vault: Vault, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from ecodesk.memo.service import signed_memos

    case = save_record(vault, RetaliationCase(title="Just received", received_on=dt.date(2026, 3, 2)))
    session = Session(vault.path)
    session.attach(vault)
    dlg = MemoDialog(session, case.reference or "")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.document.status() == QPdfDocument.Status.Ready)
    asked: list[list[str]] = []
    answers = iter([False, True])
    monkeypatch.setattr(dlg, "confirm_unassessed", lambda names: asked.append(names) or next(answers))
    dlg.sign()
    assert asked[0][:2] == ["Mandate", "Time limits"] and not signed_memos(vault, case.reference or "")
    dlg.sign()
    qtbot.waitUntil(lambda: dlg.document.status() == QPdfDocument.Status.Ready)
    assert dlg.memo is not None and dlg.memo.signed
    assert len(signed_memos(vault, case.reference or "")) == 1
    session.lock()


def test_the_urgent_interim_measures_memo_is_one_page_and_signed_from_the_dialog(
    qtbot, dialog: MemoDialog, tmp_path: Path
) -> None:
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    dialog.kind.setCurrentIndex(dialog.kind.findData(True))
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready)
    assert dialog.memo is not None and dialog.memo.pages == 1
    assert "Urgente: medidas de protección provisionales" in " ".join(pdf_text(dialog.memo.pdf, tmp_path).split())
    dialog.sign()
    assert dialog.memo.signed and dialog.memo.pages == 1
    assert verify_memo_file(dialog.session.vault, dialog.memo.pdf).ok
