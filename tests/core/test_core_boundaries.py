"""Architecture rules that a reviewer checks first."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_core_imports_without_loading_qt() -> None:
    core_modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for p in (ROOT / "ecodesk").rglob("*.py")
        if "ui" not in p.relative_to(ROOT / "ecodesk").parts and p.name != "__main__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for name in {core_modules!r}:\n"
        "    importlib.import_module(name.removesuffix('.__init__'))\n"
        "import ecodesk.cli\n"
        "ecodesk.cli.build_parser()\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"


def test_qt_is_imported_only_under_ecodesk_ui() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "ecodesk").rglob("*.py")
        if "ui" not in p.relative_to(ROOT / "ecodesk").parts
        and any(line.lstrip().startswith(("import PySide6", "from PySide6")) for line in p.read_text().splitlines())
    ]
    assert offenders == []


def test_the_command_line_starts_without_the_heavy_stacks() -> None:
    """HQ scripts call `ecodesk` many times: building the parser must not load PDF, signing or GUI code."""
    code = (
        "import sys, ecodesk.cli\n"
        "ecodesk.cli.build_parser()\n"
        "heavy = ('pyhanko', 'reportlab', 'PySide6')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules if m.startswith(heavy)}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"


def _python_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def test_only_storage_builds_stores_the_vault_is_the_facade() -> None:
    """Contacts, exchange, memos, records…: reached as ``vault.<store>``, never built by hand from ``vault.db``."""
    built = re.compile(r"\b\w+Store\(")
    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in _python_files(ROOT / "ecodesk")
        if "storage" not in p.relative_to(ROOT / "ecodesk").parts
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if built.search(line) and not line.lstrip().startswith(("class ", "#"))
    ]
    assert offenders == []


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_storage_imports_no_feature_package() -> None:
    """Storage sits below the features: it never reaches up into packages, memo, assessment, reports, records or the
    front ends (its messages live with it)."""
    features = ("packages", "memo", "assessment", "reports", "records", "cli", "ui", "demo")
    offenders = [
        f"{p.relative_to(ROOT)} imports {name}"
        for p in _python_files(ROOT / "ecodesk" / "storage")
        for name in sorted(_imported_modules(p))
        if name.split(".")[:2] in (["ecodesk", feature] for feature in features)
    ]
    assert offenders == []


def test_every_file_dialog_and_error_box_comes_from_the_kit() -> None:
    """One factory (ui/kit/dialogs.py): tests patch one seam, platform quirks are handled in one place."""
    kit = ROOT / "ecodesk" / "ui" / "kit" / "dialogs.py"
    offenders = [
        str(p.relative_to(ROOT))
        for p in _python_files(ROOT / "ecodesk" / "ui")
        if p != kit and ("QFileDialog" in p.read_text() or re.search(r"^def show_error\(", p.read_text(), re.M))
    ]
    assert offenders == []


def test_no_private_name_is_imported_from_another_module() -> None:
    offenders = [
        f"{p.relative_to(ROOT)}: {node.module}.{alias.name}"
        for p in _python_files(ROOT / "ecodesk")
        for node in ast.walk(ast.parse(p.read_text()))
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ecodesk")
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.startswith("__") and alias.name != "_"
    ]
    assert offenders == []


def test_widgets_follow_the_language_through_one_mixin() -> None:
    """``Retranslating`` (ui/kit/retranslate.py) replaces the changeEvent boilerplate each widget used to repeat."""
    boilerplate = re.compile(
        r"def changeEvent\(self, event: QEvent\) -> None:\n\s+if event.type\(\) == QEvent.Type.LanguageChange:\n"
        r"\s+self.retranslate_ui\(\)\n\s+super\(\).changeEvent\(event\)"
    )
    kit = ROOT / "ecodesk" / "ui" / "kit" / "retranslate.py"
    offenders = [
        str(p.relative_to(ROOT))
        for p in _python_files(ROOT / "ecodesk" / "ui")
        if p != kit and boilerplate.search(p.read_text())
    ]
    assert offenders == []
