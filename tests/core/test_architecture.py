"""docs/architecture.md: its diagram is the code's, and the code keeps the one-way import rule it states."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _diagram_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_diagram", ROOT / "docs" / "architecture" / "make_diagram.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_diagram_matches_the_imports_in_the_code() -> None:
    tool = _diagram_tool()
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert tool.rendered_document(text) == text, "docs/architecture.md is out of date: run `make architecture`"


def test_imports_point_down_the_layers_only() -> None:
    tool = _diagram_tool()
    assert tool.violations() == []
    boxes = {box for pair in tool.edges() for box in pair}
    assert {"storage", "records", "ui/kit", "ui/records", "ui/exchange", "cli"} <= boxes


def test_a_backward_import_is_reported() -> None:
    tool = _diagram_tool()
    tool.edges = lambda: {("storage", "packages"), ("packages", "storage")}
    assert tool.violations() == ["storage imports packages", "packages and storage import each other"]
