"""Case summary from the case editor's dialog: rendered in memory in the chosen language, printed from memory,
saved only after the explicit choice and the warning."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from memo_support import pdf_text, tool
from packages_support import make_case
from PySide6.QtPrintSupport import QPrinter

from ecodesk.ui.memo import case_summary_dialog as module
from ecodesk.ui.memo.case_summary_dialog import CaseSummaryDialog


def _dialog(qtbot, session, vault) -> CaseSummaryDialog:
    case = make_case(vault)
    dialog = CaseSummaryDialog(session, case.reference or "")
    qtbot.addWidget(dialog)
    return dialog


def test_summary_follows_the_chosen_language_and_writes_nothing(qtbot, session, vault, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, session, vault)
    assert dialog.summary is not None and "CASE FILE SUMMARY" in pdf_text(dialog.summary.pdf, tmp_path)
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    assert dialog.summary.language == "fr"
    assert "RÉSUMÉ DU DOSSIER" in pdf_text(dialog.summary.pdf, tmp_path)
    assert dialog.document.pageCount() == dialog.summary.pages


def test_print_goes_from_memory_to_the_printer(qtbot, session, vault, tmp_path: Path, monkeypatch) -> None:
    dialog = _dialog(qtbot, session, vault)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    monkeypatch.setattr(dialog, "ask_printer", lambda: printer)
    assert dialog.print_summary() == dialog.document.pageCount() >= 1
    info = subprocess.run([tool("pdfinfo"), str(tmp_path / "printed.pdf")], capture_output=True, text=True, check=True)
    assert re.search(r"^Pages:\s+1$", info.stdout, re.MULTILINE)


def test_save_as_pdf_only_after_the_warning(qtbot, session, vault, tmp_path: Path, monkeypatch) -> None:
    dialog = _dialog(qtbot, session, vault)
    target = tmp_path / "summary.pdf"
    monkeypatch.setattr(module.dialogs, "ask_save_path", lambda *a: str(target))
    monkeypatch.setattr(dialog, "confirm_unencrypted_copy", lambda: False)
    dialog.save_as()
    assert not target.exists()
    monkeypatch.setattr(dialog, "confirm_unencrypted_copy", lambda: True)
    dialog.save_as()
    assert dialog.summary is not None and target.read_bytes() == dialog.summary.pdf


def test_locking_closes_the_summary(qtbot, session, vault) -> None:
    dialog = _dialog(qtbot, session, vault)
    dialog.show()
    session.lock()
    assert dialog.summary is None and dialog.document.pageCount() == 0 and not dialog.isVisible()
