"""Fixtures shared by the GUI tests (the core ones are in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from records_support import open_session

from ecodesk.ui.kit.session import Session


@pytest.fixture
def session(vault, vault_path, qtbot) -> Iterator[Session]:
    """A session holding the test vault, unlocked; locked at the end."""
    yield from open_session(vault, vault_path)
