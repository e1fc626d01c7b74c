"""The way to the unlock dialog stays light: no PDF, signing or package crypto is loaded before it is needed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from app_support import isolated_settings  # noqa: F401  (fixture)
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ecodesk.storage import vault as vault_module
from ecodesk.ui import app as app_module
from ecodesk.ui.app import VAULT_MARKERS, looks_like_vault
from ecodesk.ui.main_window import MainWindow
from tests.conftest import PASSPHRASE

HEAVY = ("reportlab", "pyhanko", "pyrage")

PROBE = """
import json, sys
from pathlib import Path
from ecodesk.ui.app import first_dialog, prepare_application
app = prepare_application("fr")
dialog = first_dialog(Path(sys.argv[1]))
dialog.show()
app.processEvents()
loaded = sorted({name.split(".")[0] for name in sys.modules} & {"reportlab", "pyhanko", "pyrage"})
print(json.dumps({"dialog": type(dialog).__name__, "title": dialog.windowTitle(), "loaded": loaded}))
"""


def _probe(folder: Path, tmp_path: Path) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(folder)], capture_output=True, text=True, env=env, timeout=120, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_unlock_dialog_appears_without_heavy_modules(created, vault_path: Path, tmp_path: Path) -> None:
    created.vault.close()
    result = _probe(vault_path, tmp_path)
    assert result == {"dialog": "UnlockDialog", "title": "Déverrouiller EcoDesk", "loaded": []}


def test_first_run_dialog_appears_without_heavy_modules(tmp_path: Path) -> None:
    result = _probe(tmp_path / "new-vault", tmp_path)
    assert result == {"dialog": "CreateVaultDialog", "title": "Bienvenue dans EcoDesk", "loaded": []}


def test_vault_detection_agrees_with_the_core(created, vault_path: Path, tmp_path: Path) -> None:
    assert set(VAULT_MARKERS) == {vault_module.DB_NAME, vault_module.SLOTS_NAME, vault_module.SLOTS_BACKUP_NAME}
    assert looks_like_vault(vault_path) and vault_module.is_vault(vault_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert not looks_like_vault(empty) and not vault_module.is_vault(empty)


@pytest.mark.usefixtures("isolated_settings")
def test_run_unlocks_then_shows_the_window_in_the_chosen_language(qapp, created, vault_path: Path) -> None:
    created.vault.close()
    seen: dict[str, str] = {}

    def unlock() -> None:
        dialog = QApplication.activeModalWidget()
        seen["dialog"] = dialog.windowTitle()
        dialog.passphrase.setText(PASSPHRASE)
        dialog.unlock_button.click()
        QTimer.singleShot(100, close_window)

    def close_window() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(100, close_window)  # still unlocking
            return
        seen["window"] = windows[0].windowTitle()
        windows[0].close()

    QTimer.singleShot(0, unlock)
    safety = QTimer()
    safety.setSingleShot(True)
    safety.timeout.connect(QApplication.quit)
    safety.start(30_000)
    try:
        assert app_module.run(vault_path, "es") == 0
    finally:
        safety.stop()
    assert seen == {"dialog": "Desbloquear EcoDesk", "window": "EcoDesk — oficina DKR"}


def test_the_ecodesk_command_starts_the_gui_to_its_first_dialog(tmp_path) -> None:
    """`ecodesk` with no command starts the desktop application (probe: leave once the dialog is shown)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ECODESK_EXIT_WHEN_READY": "1",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "ecodesk", "--vault", str(tmp_path / "vault")],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-800:]
    assert "Traceback" not in result.stderr
