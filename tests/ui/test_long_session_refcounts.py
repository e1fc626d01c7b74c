"""A long GUI session must not abort: PySide6 6.12 on Python 3.11 drops a reference to None/True/False each time
Qt returns one, which kills the process after ~100,000 calls unless ecodesk.ui compensates."""

from __future__ import annotations

import os
import subprocess
import sys

SESSION = """
import {imports}
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
app = QApplication([])
widget, combo = QWidget(), QComboBox()
class Source(QObject):
    changed = Signal()
source = Source()
for _ in range(150_000):
    widget.parentWidget(); combo.currentData(); widget.isVisible(); source.changed.emit()
print("survived")
"""


def _run(imports: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", SESSION.format(imports=imports)], capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=240)


def test_a_long_session_survives_with_ecodesk_ui_loaded() -> None:
    result = _run("ecodesk.ui")
    assert result.returncode == 0 and "survived" in result.stdout, result.stderr[-500:]
