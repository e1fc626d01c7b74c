"""The application's own icons: a subset of Lucide (ISC licence, ``resources/icons/app/LICENSE-lucide.txt``),
drawn in the palette's text colour so they read on light and dark themes alike.

``app_icon("house")`` gives a QIcon; an unknown name raises ``KeyError`` (a typo must fail a test, not show a
blank button).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from ecodesk.resources import resource_path

ICON_DIR = ("icons", "app")


def icon_names() -> list[str]:
    """The names of the shipped icons (file names without ``.svg``)."""
    return sorted(p.stem for p in resource_path(*ICON_DIR).glob("*.svg"))


@cache
def _svg(name: str) -> str:
    path = resource_path(*ICON_DIR, f"{name}.svg")
    if not path.is_file():
        raise KeyError(name)
    return path.read_text(encoding="utf-8")


def _text_colour(mode: QIcon.Mode) -> QColor:
    palette = QApplication.palette()
    group = QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled else QPalette.ColorGroup.Active
    role = QPalette.ColorRole.HighlightedText if mode == QIcon.Mode.Selected else QPalette.ColorRole.WindowText
    return palette.color(group, role)


def render_icon(name: str, size: QSize, colour: QColor) -> QPixmap:
    """The icon ``name`` drawn at ``size`` in ``colour`` (a transparent pixmap)."""
    svg = _svg(name).replace("currentColor", colour.name())
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    pixmap = QPixmap(size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()
    return pixmap


class _Engine(QIconEngine):
    """Draws the SVG at the size asked, in the current palette's colour for the mode (normal, disabled, selected)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.drawPixmap(rect, self.pixmap(rect.size(), mode, state))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return render_icon(self.name, size, _text_colour(mode))

    def clone(self) -> QIconEngine:
        return _Engine(self.name)

    def iconName(self) -> str:
        return f"ecodesk-{self.name}"


def app_icon(name: str) -> QIcon:
    """The application icon ``name`` (see ``resources/icons/app``)."""
    _svg(name)  # fails now on an unknown name
    return QIcon(_Engine(name))
