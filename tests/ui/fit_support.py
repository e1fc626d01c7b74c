"""What a user sees cut at a given window size: elided tab labels, combo boxes too narrow for their text, page
scroll areas that scroll sideways, a window that cannot shrink to the size asked."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QWidget,
)


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0


def _name(widget: QWidget) -> str:
    return widget.accessibleName() or widget.objectName() or type(widget).__name__


def elided_tabs(root: QWidget) -> list[str]:
    found = []
    for bar in root.findChildren(QTabBar):
        if not _shown(bar):
            continue
        metrics = bar.fontMetrics()
        for index in range(bar.count()):
            text = bar.tabText(index).replace("&", "")
            room = bar.tabRect(index).width() - 2 * bar.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace) // 2
            if bar.isTabVisible(index) and metrics.horizontalAdvance(text) > room:
                found.append(f"tab '{text}' elided ({room}px for {metrics.horizontalAdvance(text)}px)")
        scroller = [b for b in bar.children() if type(b).__name__ == "QToolButton" and b.isVisible()]
        if scroller:
            found.append(f"tab bar of {bar.count()} tabs scrolls ({bar.tabText(0)}…)")
    return found


def clipped_combos(root: QWidget) -> list[str]:
    found = []
    for combo in root.findChildren(QComboBox):
        if not _shown(combo) or combo.isEditable():
            continue
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        field = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
        )
        text = combo.currentText()
        if combo.fontMetrics().horizontalAdvance(text) > field.width() + 1:
            found.append(f"combo '{_name(combo)}' cuts '{text}' ({field.width()}px)")
    return found


def sideways_scrolling(root: QWidget) -> list[str]:
    """Page-level scroll areas only: a table with many columns may scroll sideways, a page may not."""
    found = []
    for area in root.findChildren(QAbstractScrollArea):
        if isinstance(area, QAbstractItemView) or not _shown(area):
            continue
        if type(area).__name__ in ("QPlainTextEdit", "QTextEdit", "QTextBrowser", "QChartView", "QGraphicsView"):
            continue
        if area.horizontalScrollBar().isVisible():
            found.append(f"{_name(area)} scrolls sideways")
    return found


def fit_problems(window: QWidget, width: int) -> list[str]:
    problems = elided_tabs(window) + clipped_combos(window) + sideways_scrolling(window)
    if window.width() > width:
        problems.append(f"the window is {window.width()}px wide, more than {width}px")
    return problems
