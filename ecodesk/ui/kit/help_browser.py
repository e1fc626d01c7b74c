"""EcoDesk Help (F1): offline topics from ``resources/help/<lang>/<topic>.html`` in a QTextBrowser, in the current
language, opened on the topic of the page or dialog shown.

A window or dialog says which topic is its own with ``add_help_shortcut(widget, topic)`` (F1 inside a modal
dialog) or, for a page of the main window, a ``help_topic`` attribute or the window's page-to-topic table.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QListWidget, QTextBrowser, QVBoxLayout, QWidget

from ecodesk.i18n import N_, _, get_language
from ecodesk.resources import resource_path
from ecodesk.ui.kit.retranslate import Retranslating
from ecodesk.ui.kit.widgets import heading_label

# (file name, title) in the order of the contents list.
TOPICS: tuple[tuple[str, str], ...] = (
    ("overview", N_("Getting started")),
    ("cases", N_("Cases and advice")),
    ("wizard", N_("Preliminary assessment")),
    ("memos", N_("Memos and signing")),
    ("packages", N_("Packages and HQ")),
    ("reports", N_("Reports")),
    ("programme", N_("Ethics programme: YDI and training")),
    ("settings", N_("Settings and security")),
)
TOPIC_NAMES = tuple(name for name, _title in TOPICS)


def topic_html(topic: str, lang: str | None = None) -> str:
    """The help page ``topic`` in ``lang`` (default: the current language; English if that page is missing)."""
    if topic not in TOPIC_NAMES:
        raise KeyError(topic)
    for code in (lang or get_language(), "en"):
        path = resource_path("help", code, f"{topic}.html")
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise FileNotFoundError(f"help/{topic}.html")


class HelpDialog(Retranslating, QDialog):
    """The contents on the left, the topic on the right; links between topics stay in the dialog."""

    def __init__(self, topic: str = "overview", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.topic = topic if topic in TOPIC_NAMES else "overview"
        self.heading = heading_label(parent=self)
        self.contents = QListWidget(self)
        self.contents.addItems(["" for _t in TOPICS])
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.contents, 1)
        row.addWidget(self.browser, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(row, 1)
        layout.addWidget(self.buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 110, metrics.height() * 34)
        self.contents.currentRowChanged.connect(self._on_row)
        self.retranslate_ui()

    def show_topic(self, topic: str) -> None:
        self.contents.setCurrentRow(TOPIC_NAMES.index(topic))

    def _on_row(self, row: int) -> None:
        if 0 <= row < len(TOPICS):
            self.topic = TOPIC_NAMES[row]
            self.browser.setHtml(topic_html(self.topic))

    def _follow(self, url: QUrl) -> None:
        name = url.path().removesuffix(".html")
        if name in TOPIC_NAMES:
            self.show_topic(name)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("EcoDesk Help"))
        self.heading.setText(_("EcoDesk Help"))
        for index, (_name, title) in enumerate(TOPICS):
            self.contents.item(index).setText(_(title))
        self.contents.setAccessibleName(_("Help topics"))
        self.browser.setAccessibleName(_("Help text"))
        self.browser.setHtml(topic_html(self.topic))
        self.contents.blockSignals(True)
        self.contents.setCurrentRow(TOPIC_NAMES.index(self.topic))
        self.contents.blockSignals(False)


def open_help(parent: QWidget, topic: str) -> HelpDialog:
    """Show the help window on ``topic`` (not modal: it can stay open beside the work)."""
    dialog = HelpDialog(topic, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def add_help_shortcut(widget: QWidget, topic: str) -> QShortcut:
    """F1 in ``widget`` (a dialog) opens the help on ``topic``."""
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), widget)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(lambda: setattr(widget, "help_dialog", open_help(widget, topic)))
    return shortcut
