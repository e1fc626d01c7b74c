"""The main window: a sidebar of pages (Home, Cases, Advice, Packages, Reports, Programme, Contacts, Settings), the
menus, the status bar, and the lock screen.

The window is a composition: each page is its own widget taking ``(session, parent)``; the window only routes
menu actions to the current page through a small optional protocol (``new_record``, ``focus_search``,
``open_record``, ``has_unsaved_changes``, ``save_current``, ``stash_drafts``, ``restore_drafts``,
``status_message``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ecodesk.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, get_language
from ecodesk.resources import resource_path
from ecodesk.ui.kit.clipboard import confidential_clipboard
from ecodesk.ui.kit.edit_actions import EditActions
from ecodesk.ui.kit.icons import app_icon
from ecodesk.ui.kit.retranslate import Retranslating
from ecodesk.ui.kit.session import Session
from ecodesk.ui.kit.widgets import heading_label
from ecodesk.ui.language import GEOMETRY_KEY, WINDOW_STATE_KEY, apply_language, ui_settings
from ecodesk.ui.vault.autolock import LockController


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # N_() text, translated where shown
    icon: str  # one of the application's icons (resources/icons/app)


PAGES = (
    PageSpec("home", N_("Home"), "house"),
    PageSpec("cases", N_("Cases"), "folder-open"),
    PageSpec("advice", N_("Advice"), "messages-square"),
    PageSpec("packages", N_("Packages"), "package"),
    PageSpec("reports", N_("Reports"), "chart-column"),
    PageSpec("programme", N_("Programme"), "calendar-check"),
    PageSpec("contacts", N_("Contacts"), "contact"),
    PageSpec("settings", N_("Settings"), "settings"),
)


def _home() -> type[QWidget]:
    from ecodesk.ui.home_view import HomeView

    return HomeView


def _cases() -> type[QWidget]:
    from ecodesk.ui.records.cases_view import CasesView

    return CasesView


def _advice() -> type[QWidget]:
    from ecodesk.ui.records.advice_view import AdviceView

    return AdviceView


def _packages() -> type[QWidget]:
    from ecodesk.ui.exchange.packages_view import PackagesView

    return PackagesView


def _reports() -> type[QWidget]:
    from ecodesk.ui.reports.view import ReportsView

    return ReportsView


def _programme() -> type[QWidget]:
    from ecodesk.ui.programme.view import ProgrammeView

    return ProgrammeView


def _contacts() -> type[QWidget]:
    from ecodesk.ui.exchange.contacts_view import ContactsView

    return ContactsView


def _settings() -> type[QWidget]:
    from ecodesk.ui.settings_view import SettingsView

    return SettingsView


# Each page's module is imported (statically, so bundlers see it) when the page is first shown: the window
# appears without loading the reports' chart stack or the package crypto. Home and Cases are built at once.
PAGE_LOADERS: dict[str, Callable[[], type[QWidget]]] = {
    "home": _home, "cases": _cases, "advice": _advice, "packages": _packages, "reports": _reports,
    "programme": _programme, "contacts": _contacts, "settings": _settings,
}  # fmt: skip
BUILT_AT_START = ("home", "cases")
PAGE_HELP_TOPICS = {
    "home": "overview", "cases": "cases", "advice": "cases", "packages": "packages", "reports": "reports",
    "contacts": "packages", "settings": "settings", "programme": "programme",
}  # fmt: skip


def _scroll_area(parent: QWidget) -> QScrollArea:
    """A frameless scroll area for a page: a page wider than a small screen at 150% scaling scrolls instead of
    forcing the whole window wider than the screen."""
    area = QScrollArea(parent)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidgetResizable(True)
    return area


class LockedPage(Retranslating, QWidget):
    """What the window shows while the vault is locked: nothing confidential, one button to unlock."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        panel = QWidget(self)
        panel.setFixedWidth(self.fontMetrics().averageCharWidth() * 70)
        self.heading = heading_label(parent=panel)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text = QLabel(panel)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.unlock_button = QPushButton(panel)
        column = QVBoxLayout(panel)
        column.addWidget(self.heading)
        column.addWidget(self.text)
        column.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(panel, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.heading.setText(_("EcoDesk is locked"))
        self.text.setText(_("The vault is closed and its keys were dropped. Unlock it to continue."))
        margins = self.text.parentWidget().layout().contentsMargins()  # type: ignore[union-attr]
        inner = self.text.parentWidget().width() - margins.left() - margins.right()  # type: ignore[union-attr]
        self.text.setMinimumHeight(self.text.heightForWidth(inner))  # centred panels do not ask for it
        self.unlock_button.setText(_("&Unlock…"))
        self.unlock_button.setAccessibleName(_("Unlock"))


class MainWindow(Retranslating, QMainWindow):
    def __init__(
        self, session: Session, parent: QWidget | None = None, *, idle_seconds: float | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._office = ""
        self.evidence_warning: QMessageBox | None = None  # shown after an unlock that found damaged evidence
        self._closing_confirmed = False
        self.setWindowIcon(QIcon(str(resource_path("icons", "ecodesk.png"))))

        self.sidebar = QListWidget(self)
        self.sidebar.setFrameShape(QListWidget.Shape.NoFrame)
        self.sidebar.setIconSize(QSize(22, 22) * max(1.0, self.fontMetrics().height() / 16))
        self.sidebar.setUniformItemSizes(True)
        self.sidebar.setSpacing(2)
        self.sidebar.setBackgroundRole(QPalette.ColorRole.Window)
        self.sidebar.setAutoFillBackground(True)
        self.pages = QStackedWidget(self)
        self.page_by_key: dict[str, QWidget] = {}  # the pages built so far
        self._areas: dict[str, QScrollArea] = {}
        for spec in PAGES:
            area = _scroll_area(self.pages)
            self._areas[spec.key] = area
            self.pages.addWidget(area)
            QListWidgetItem(self._icon(spec), "", self.sidebar)
        for key in BUILT_AT_START:
            self.page(key)
        self.sidebar.currentRowChanged.connect(self._switch_to)

        workspace = QWidget(self)
        row = QHBoxLayout(workspace)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        line = QFrame(workspace)
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Plain)
        line.setForegroundRole(QPalette.ColorRole.Mid)  # a quiet rule, in light and dark themes
        row.addWidget(self.sidebar)
        row.addWidget(line)
        row.addWidget(self.pages, 1)
        self.locked_page = LockedPage(self)
        self.outer = QStackedWidget(self)
        self.outer.addWidget(workspace)
        self.outer.addWidget(self.locked_page)
        self.setCentralWidget(self.outer)

        self.path_label = QLabel(self)
        self.office_label = QLabel(self)
        self.state_label = QLabel(self)
        for label in (self.path_label, self.office_label, self.state_label):
            self.statusBar().addPermanentWidget(label)

        confidential_clipboard().watch()
        self.lock_controller = LockController(session, self, self.all_pages, idle_seconds=idle_seconds)
        self.locked_page.unlock_button.clicked.connect(self.lock_controller.show_unlock_dialog)
        self._create_actions()
        self._create_menus()
        self.setTabOrder(self.sidebar, self.pages)
        session.unlocked.connect(self._on_unlocked)
        session.locked.connect(self._on_locked)
        session.settings_changed.connect(self._read_office)
        self.sidebar.setCurrentRow(0)
        self._restore_geometry()
        self.retranslate_ui()
        if session.is_unlocked:
            self._on_unlocked()
        else:
            self._on_locked()

    # -- construction ----------------------------------------------------------------------------------------
    def _icon(self, spec: PageSpec) -> QIcon:
        return app_icon(spec.icon)

    def _action(
        self, handler: Callable[[], Any], shortcut: QKeySequence | str | None = None, icon: str | None = None
    ) -> QAction:
        action = QAction(self)
        if icon is not None:
            action.setIcon(app_icon(icon))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(handler)
        self.addAction(action)  # shortcuts work while the menu bar is hidden or disabled
        return action

    def _create_actions(self) -> None:
        self.new_case_action = self._action(self.new_case, QKeySequence.StandardKey.New, "file-plus")  # type: ignore[arg-type]
        self.new_advice_action = self._action(self.new_advice, "Ctrl+Shift+N", "message-square-plus")
        self.import_action = self._action(self.import_package, icon="package-open")
        self.backup_action = self._action(self.back_up, icon="archive")
        self.lock_action = self._action(self.lock_now, "Ctrl+L", "lock")
        self.quit_action = self._action(self.close, QKeySequence.StandardKey.Quit, "log-out")  # type: ignore[arg-type]
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.save_action = self._action(self.save_current, QKeySequence.StandardKey.Save, "save")  # type: ignore[arg-type]
        self.find_action = self._action(self.find, QKeySequence.StandardKey.Find, "search")  # type: ignore[arg-type]
        self.edit_actions = EditActions(self)
        self.go_actions = []
        for index, spec in enumerate(PAGES):
            go = self._action(lambda _c=False, i=index: self.show_page_index(i), f"Ctrl+{index + 1}", spec.icon)  # type: ignore[misc]
            self.go_actions.append(go)
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for lang in LANGUAGES:
            action = QAction(LANGUAGE_NAMES[lang], self.language_group)
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, code=lang: self.switch_language(code))
            self.language_actions[lang] = action
        self.help_action = self._action(self.show_help, QKeySequence.StandardKey.HelpContents, "circle-help")  # type: ignore[arg-type]
        self.about_action = self._action(self.show_about, icon="info")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.unlocked_only = [
            self.new_case_action, self.new_advice_action, self.import_action, self.backup_action, self.lock_action,
            self.save_action, self.find_action, *self.go_actions,
        ]  # fmt: skip

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        for action in (self.new_case_action, self.new_advice_action, self.import_action):
            self.file_menu.addAction(action)
        self.file_menu.aboutToShow.connect(self._offer_import)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.backup_action)
        self.file_menu.addAction(self.lock_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("")
        self.edit_actions.add_to(self.edit_menu)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.save_action)
        self.edit_menu.addAction(self.find_action)
        self.view_menu = bar.addMenu("")
        for action in self.go_actions:
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu("")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.help_action)
        self.help_menu.addAction(self.about_action)

    # -- pages ---------------------------------------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        """The page for ``key``, built now if it was not yet."""
        page = self.page_by_key.get(key)
        if page is None:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                page = PAGE_LOADERS[key]()(self.session)  # type: ignore[arg-type]
            finally:
                QApplication.restoreOverrideCursor()
            self.page_by_key[key] = page
            self._areas[key].setWidget(page)
            self._areas[key].setFocusProxy(page)
            signal = getattr(page, "status_message", None)
            if signal is not None:
                signal.connect(self._show_status)
            if key == "home":
                page.open_record_requested.connect(self.open_record)  # type: ignore[attr-defined]
                page.checklist.go_to_page.connect(self.show_page)  # type: ignore[attr-defined]
            elif key == "reports":  # the records behind a bar of a chart
                page.open_record_requested.connect(self.open_reference)  # type: ignore[attr-defined]
        return page

    def all_pages(self) -> list[QWidget]:
        """The pages built so far (a page never shown has no edits, drafts or data to clear)."""
        return list(self.page_by_key.values())

    def current_page(self) -> QWidget:
        return self.page(PAGES[max(0, self.pages.currentIndex())].key)

    def show_page(self, key: str) -> QWidget:
        page = self.page(key)
        self.sidebar.setCurrentRow(next(i for i, spec in enumerate(PAGES) if spec.key == key))
        return page

    def _switch_to(self, index: int) -> None:
        if 0 <= index < len(PAGES):
            self.page(PAGES[index].key)
            self.pages.setCurrentIndex(index)

    def show_page_index(self, index: int) -> None:
        if self.session.is_unlocked and 0 <= index < self.pages.count():
            self.sidebar.setCurrentRow(index)

    def _call(self, key: str, method: str, *args: Any) -> Any:
        if not self.session.is_unlocked:
            return None
        page = self.show_page(key)
        handler = getattr(page, method, None)
        return handler(*args) if callable(handler) else None

    def new_case(self) -> None:
        self._call("cases", "new_record")

    def new_advice(self) -> None:
        self._call("advice", "new_record")

    def _offer_import(self) -> None:
        """Show File → Import package… only if the Packages page offers an import (its module is loaded now)."""
        packages = PAGE_LOADERS["packages"]()
        self.import_action.setVisible(any(hasattr(packages, name) for name in ("import_package", "open_package")))

    def import_package(self) -> None:
        """File → Import package…: the Packages page's own import (choose a file, verify, apply)."""
        if not self.session.is_unlocked:
            return
        packages = self.show_page("packages")
        start = getattr(packages, "import_package", None) or getattr(packages, "open_package", None)
        if callable(start):
            start()

    def back_up(self) -> None:
        self._call("settings", "back_up")

    def find(self) -> None:  # type: ignore[override]
        page = self.current_page()
        if self.session.is_unlocked and callable(getattr(page, "focus_search", None)):
            page.focus_search()  # type: ignore[attr-defined]
        else:
            self._call("cases", "focus_search")

    def open_record(self, reference: str, kind: str = "retaliation") -> None:
        if kind in ("ydi", "training") or reference.upper().startswith(("YDI-", "TRN-")):
            self.show_page("programme")  # campaigns and sessions are shown on the Programme page
            return
        self._call("advice" if kind == "advice" else "cases", "open_record", reference)

    def open_reference(self, reference: str) -> None:
        """Open a record known only by its reference (ADV-… is advice, YDI-/TRN- the programme, else a case)."""
        self.open_record(reference, "advice" if reference.upper().startswith("ADV-") else "retaliation")

    def save_current(self) -> None:
        page = self.current_page()
        save = getattr(page, "save_current", None)
        if not self.session.is_unlocked or not callable(save):
            self._show_status(_("Nothing to save on this page."))
            return
        save()

    def unsaved_pages(self) -> list[QWidget]:
        if not self.session.is_unlocked:
            return []
        return [p for p in self.all_pages() if callable(getattr(p, "has_unsaved_changes", None))
                and p.has_unsaved_changes()]  # type: ignore[attr-defined]  # fmt: skip

    # -- lock ----------------------------------------------------------------------------------------------
    def lock_now(self) -> None:
        self.lock_controller.lock()

    def _on_unlocked(self) -> None:
        self._read_office()
        self.outer.setCurrentIndex(0)
        for action in self.unlocked_only:
            action.setEnabled(True)
        self._update_status()
        self.current_page().setFocus()
        self._warn_of_damaged_evidence()

    def _warn_of_damaged_evidence(self) -> None:
        """Evidence files found missing or altered at unlock are shown, never passed over in silence."""
        problems = self.session.vault.evidence_problems if self.session.is_unlocked else []
        if not problems:
            return
        lines = []
        for problem in problems[:10]:
            template, params = problem.message()
            lines.append(_(template, **params))
        box = QMessageBox(QMessageBox.Icon.Warning, _("Evidence files are missing or damaged"),
                          _("Some evidence files of this vault are missing or damaged."), parent=self)
        box.setInformativeText("\n".join(lines) + "\n\n" + _(
            "The records themselves are intact. Restore the vault from a backup, or ask HQ for a copy of these "
            "files."))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.evidence_warning = box
        box.open()  # window-modal, without blocking the event loop

    def _on_locked(self) -> None:
        self.outer.setCurrentIndex(1)
        for action in self.unlocked_only:
            action.setEnabled(False)
        self._update_status()

    def _read_office(self) -> None:
        if self.session.is_unlocked:
            self._office = self.session.vault.settings.office_code
        self.retranslate_ui()

    # -- language, help ------------------------------------------------------------------------------------
    def switch_language(self, lang: str) -> None:
        apply_language(lang)

    def help_topic(self) -> str:
        """The help topic of the page shown (a page may name its own with ``help_topic``)."""
        if not self.session.is_unlocked:
            return "overview"
        key = PAGES[max(0, self.pages.currentIndex())].key
        page = self.page_by_key.get(key)
        return str(getattr(page, "help_topic", None) or PAGE_HELP_TOPICS[key])

    def show_help(self) -> None:
        from ecodesk.ui.kit.help_browser import open_help

        self.help_dialog = open_help(self, self.help_topic())

    def show_about(self) -> None:
        from ecodesk.ui.help import AboutDialog

        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("EcoDesk — {office} office", office=self._office) if self._office else _("EcoDesk"))
        for index, spec in enumerate(PAGES):
            item = self.sidebar.item(index)
            item.setText(_(spec.title))
            item.setToolTip(_("{page} (Ctrl+{n})", page=_(spec.title), n=index + 1))
            self.go_actions[index].setText(_(spec.title))
        self._size_sidebar()
        self.sidebar.setAccessibleName(_("Pages"))
        self.pages.setAccessibleName(_("Current page"))
        self.file_menu.setTitle(_("&File"))
        self.edit_menu.setTitle(_("&Edit"))
        self.view_menu.setTitle(_("&View"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.new_case_action.setText(_("&New case"))
        self.new_advice_action.setText(_("New &advice record"))
        self.import_action.setText(_("&Import package…"))
        self.backup_action.setText(_("&Back up vault…"))
        self.lock_action.setText(_("&Lock"))
        self.quit_action.setText(_("&Quit"))
        self.save_action.setText(_("&Save"))
        self.find_action.setText(_("&Find"))
        self.edit_actions.retranslate()
        self.help_action.setText(_("EcoDesk &Help"))
        self.about_action.setText(_("&About EcoDesk"))
        current = get_language()
        for lang, action in self.language_actions.items():
            action.setChecked(lang == current)
        self.menuBar().setAccessibleName(_("Menu bar"))
        self.statusBar().setAccessibleName(_("Status bar"))
        self._update_status()

    def _size_sidebar(self) -> None:
        """Wide enough for the longest page name in the current language, at any font size or scaling."""
        metrics = self.sidebar.fontMetrics()
        longest = max(metrics.horizontalAdvance(self.sidebar.item(i).text()) for i in range(self.sidebar.count()))
        width = longest + self.sidebar.iconSize().width() + metrics.averageCharWidth() * 7
        height = max(self.sidebar.iconSize().height(), metrics.height()) + metrics.height()
        for i in range(self.sidebar.count()):
            self.sidebar.item(i).setSizeHint(QSize(width - metrics.averageCharWidth() * 2, height))
        self.sidebar.setFixedWidth(width)

    def _update_status(self) -> None:
        self.path_label.setText(_("Vault: {path}", path=str(self.session.vault_path)))
        self.office_label.setText(_("Office: {office}", office=self._office) if self._office else "")
        self.state_label.setText(_("Unlocked") if self.session.is_unlocked else _("Locked"))
        for label in (self.path_label, self.office_label, self.state_label):
            label.setAccessibleName(label.text())

    def _show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    # -- closing -------------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing_confirmed and not self.confirm_close():
            event.ignore()
            return
        self._closing_confirmed = True
        settings = ui_settings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(WINDOW_STATE_KEY, self.saveState())
        confidential_clipboard().clear_now()
        self.lock_controller.watcher.stop()
        self.session.lock()
        event.accept()

    def confirm_close(self) -> bool:
        """Ask about unsaved changes: Save (all), Discard, or Cancel. True when the window may close."""
        unsaved = self.unsaved_pages()
        if not unsaved:
            return True
        self.show_page(next(k for k, p in self.page_by_key.items() if p is unsaved[0]))
        box = QMessageBox(QMessageBox.Icon.Warning, _("Unsaved changes"), _("You have unsaved changes."), parent=self)
        box.setInformativeText(_("Save them before closing EcoDesk?"))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        self.close_prompt = box
        answer = box.exec()
        self.close_prompt = None  # type: ignore[assignment]
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            return all(p.save_current() for p in unsaved)  # type: ignore[attr-defined]
        for page in unsaved:  # Discard: the autosaved drafts must not bring the edits back at the next unlock
            discard = getattr(page, "discard_drafts", None)
            if callable(discard):
                discard()
        return True

    def _restore_geometry(self) -> None:
        settings = ui_settings()
        geometry = settings.value(GEOMETRY_KEY)
        if geometry is not None and self.restoreGeometry(geometry):
            state = settings.value(WINDOW_STATE_KEY)
            if state is not None:
                self.restoreState(state)
            return
        available = self.screen().availableGeometry()
        self.resize(min(1280, int(available.width() * 0.9)), min(860, int(available.height() * 0.9)))
