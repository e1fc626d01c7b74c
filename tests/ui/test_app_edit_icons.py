"""The Edit menu acts on the focused field; every page and menu action has one of the application's icons."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from app_support import isolated_settings, open_window, stand_in_pages  # noqa: F401  (fixtures)
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import QApplication

from ecodesk.ui.kit.icons import app_icon, icon_names
from ecodesk.ui.main_window import PAGES, MainWindow

pytestmark = pytest.mark.usefixtures("isolated_settings", "stand_in_pages")


@pytest.fixture
def window(qtbot, created) -> Iterator[MainWindow]:
    yield from open_window(qtbot, created.vault)


def _focused_field(qtbot, window: MainWindow):
    window.show_page("cases")
    field = window.page("cases").editor  # the stand-in page's one text field
    window.activateWindow()
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    return field


def test_edit_menu_commands_act_on_the_focused_field(qtbot, window: MainWindow) -> None:
    field = _focused_field(qtbot, window)
    actions = window.edit_actions.actions
    assert [a for a in window.edit_menu.actions() if a in actions.values()] == list(actions.values())
    qtbot.keyClicks(field, "Complaint filed late")
    actions["selectAll"].trigger()
    assert field.selectedText() == "Complaint filed late"
    actions["copy"].trigger()
    assert QApplication.clipboard().text() == "Complaint filed late"
    actions["cut"].trigger()
    assert field.text() == ""
    actions["undo"].trigger()
    assert field.text() == "Complaint filed late"
    actions["redo"].trigger()
    assert field.text() == ""
    actions["paste"].trigger()
    assert field.text() == "Complaint filed late"


def test_edit_menu_shortcuts_and_enabled_state(qtbot, window: MainWindow) -> None:
    field = _focused_field(qtbot, window)
    actions = window.edit_actions.actions
    assert actions["copy"].shortcut() == QKeySequence(QKeySequence.StandardKey.Copy)
    assert actions["undo"].shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    window.edit_actions.update_enabled()  # as when the menu opens: nothing typed, nothing selected
    assert not actions["undo"].isEnabled() and not actions["copy"].isEnabled()
    field.setText("x")
    field.selectAll()
    window.edit_actions.update_enabled()
    assert actions["copy"].isEnabled() and actions["cut"].isEnabled()
    window.edit_actions.enable_all()
    assert all(a.isEnabled() for a in actions.values())


def test_edit_menu_in_french(qtbot, window: MainWindow) -> None:
    window.language_actions["fr"].trigger()
    qtbot.waitUntil(lambda: window.edit_menu.title() == "&Édition")
    texts = [a.text().replace("&", "") for a in window.edit_actions.actions.values()]
    assert texts == ["Annuler", "Rétablir", "Couper", "Copier", "Coller", "Tout sélectionner"]


def _drawn_pixels(image: QImage) -> int:
    return sum(1 for x in range(image.width()) for y in range(image.height()) if image.pixelColor(x, y).alpha())


def test_every_sidebar_page_and_menu_action_has_an_app_icon(window: MainWindow) -> None:
    shipped = set(icon_names())
    for index, spec in enumerate(PAGES):
        icon = window.sidebar.item(index).icon()
        assert spec.icon in shipped
        assert icon.name() == f"ecodesk-{spec.icon}", spec.key
        assert _drawn_pixels(icon.pixmap(QSize(24, 24)).toImage()) > 20
    for menu in (window.file_menu, window.edit_menu, window.help_menu):
        for action in menu.actions():
            if not action.isSeparator() and action.menu() is None:
                assert action.icon().name().startswith("ecodesk-"), action.text()


def test_icons_render_and_licence_is_shipped() -> None:
    from ecodesk.resources import resource_path

    assert (resource_path("icons", "app", "LICENSE-lucide.txt")).read_text().startswith("ISC License")
    for name in icon_names():
        assert _drawn_pixels(app_icon(name).pixmap(QSize(16, 16)).toImage()) > 5, name
    with pytest.raises(KeyError):
        app_icon("no-such-icon")


def test_copy_in_a_table_keeps_the_table_s_own_copy(qtbot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

    table = QTableWidget(1, 1, window.page("cases"))
    table.setItem(0, 0, QTableWidgetItem("RET-2026-DKR-0001"))
    table.show()
    table.setCurrentCell(0, 0)
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    QApplication.clipboard().clear()
    window.edit_actions.actions["copy"].trigger()
    assert QApplication.clipboard().text() == "RET-2026-DKR-0001"
