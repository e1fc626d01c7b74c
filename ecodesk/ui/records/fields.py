"""Form pieces shared by the case and advice editors: typed inputs, a form built from field specs with an error
line under each field, and the mapping of validation errors to those fields.

Forms read and write plain dicts shaped like the pydantic models (``{"complainant": {"name": ...}}``), so an
editor's state can be validated with the model, compared to what was loaded, and kept as a draft as is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ecodesk.i18n import N_, _, date_field_pattern, date_locale
from ecodesk.records.intake import field_messages
from ecodesk.ui.kit.widgets import ChoiceCombo
from ecodesk.ui.records.choice_checks import ChoiceChecks

EMPTY_DATE = QDate(1900, 1, 1)  # shown as blank: a date that was not given


class _DateEdit(QDateEdit):
    """A QDateEdit whose blank state (the minimum date) starts from today when the user begins to edit it."""

    def _start_from_today(self) -> None:
        if self.date() == EMPTY_DATE and not self.isReadOnly():
            self.setDate(QDate.currentDate())

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab leaves the field (Left/Right move between day, month and year): a blank date would
        # otherwise keep Tab inside it, a trap for keyboard users.
        return QWidget.focusNextPrevChild(self, next)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._start_from_today()
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not self.isReadOnly():
            self.setDate(EMPTY_DATE)  # the whole date, not one of its parts: the field is optional
            return
        if event.text().isdigit() or event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._start_from_today()
        super().keyPressEvent(event)


class OptionalDateEdit(QWidget):
    """A date that may be left blank (the clear button, or Delete), shown unambiguously (``12 Mar 2026``)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = _DateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDate(EMPTY_DATE)
        self.edit.setMaximumDate(QDate(2999, 12, 31))  # the range of a record date (RecordDate)
        self.edit.setSpecialValueText(" ")
        self.edit.setDate(EMPTY_DATE)
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.clear_button = QToolButton(self)
        self.clear_button.setText("×")
        self.clear_button.setAutoRaise(True)
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Delete in the field does the same
        self.clear_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self.retranslate()

    def retranslate(self) -> None:
        self.edit.setLocale(QLocale(date_locale()))
        self.edit.setDisplayFormat(date_field_pattern())
        self.clear_button.setToolTip(_("Clear the date"))
        self.clear_button.setAccessibleName(_("Clear the date"))

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def value(self) -> dt.date | None:
        date = self.edit.date()
        return None if date == EMPTY_DATE else dt.date(date.year(), date.month(), date.day())

    def set_value(self, value: dt.date | str | None) -> None:
        if isinstance(value, str):
            value = dt.date.fromisoformat(value) if value else None
        self.edit.setDate(EMPTY_DATE if value is None else QDate(value.year, value.month, value.day))

    def clear(self) -> None:
        self.edit.setDate(EMPTY_DATE)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.edit.setCalendarPopup(not read_only)
        self.clear_button.setVisible(not read_only)


TRISTATE_LABELS = {"": N_("Not known"), "true": N_("Yes"), "false": N_("No")}


class TriStateCombo(QComboBox):
    """Yes / No / Not known, for ``bool | None`` fields."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for key in TRISTATE_LABELS:
            self.addItem("", key)
        self.retranslate()

    def retranslate(self) -> None:
        for i, text in enumerate(TRISTATE_LABELS.values()):
            self.setItemText(i, _(text))

    def value(self) -> bool | None:
        return {"": None, "true": True, "false": False}[self.currentData()]

    def set_value(self, value: object) -> None:
        key = "" if value is None else ("true" if value else "false")
        self.setCurrentIndex(self.findData(key))


@dataclass
class Field:
    """One input of a form: ``key`` is a dotted path into the model dict (``complainant.name``)."""

    key: str
    label: str  # N_() text
    kind: str = "text"  # text | long | choice | multi (several choices) | date | tristate | bool | lines
    choices: Mapping[Any, str] = field(default_factory=dict)
    optional: bool = False  # for choices: 'Not set' allowed
    hint: str = ""  # N_() placeholder text
    wide: bool = False  # a whole row of a multi-column form (long choices such as advice categories stay readable)


def _get(data: Mapping[str, Any], path: str) -> Any:
    value: Any = data
    for part in path.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    for part in parts[:-1]:
        child = data.get(part)
        if not isinstance(child, dict):
            child = data[part] = {}
        data = child
    data[parts[-1]] = value


class ErrorLabel(QLabel):
    """The validation message under a field (hidden when there is none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("fieldError")
        self.setAccessibleName(_("Error"))
        self.hide()

    def show_message(self, message: str) -> None:
        from ecodesk.ui.records.model import due_colours

        self.setStyleSheet(f"color: {due_colours(self.palette())[0].name()};")
        self.setText(message)
        self.setVisible(bool(message))


class FieldForm(QWidget):
    """A form of labelled inputs built from Field specs, each with its error line; reads and writes dicts."""

    changed = Signal()

    def __init__(self, fields: list[Field], parent: QWidget | None = None, *, columns: int = 1) -> None:
        super().__init__(parent)
        self.fields = fields
        self.inputs: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, ErrorLabel] = {}
        form = QFormLayout() if columns == 1 else None
        grid = QGridLayout() if columns > 1 else None
        if form is not None:
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow panes, long French labels
            form.setContentsMargins(0, 0, 0, 0)
            self.setLayout(form)
        else:
            assert grid is not None
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setHorizontalSpacing(12)
            for c in range(columns):
                grid.setColumnStretch(c * 2 + 1, 1)
            self.setLayout(grid)
        row, col = 0, 0  # the next free cell of a multi-column grid
        for spec in fields:
            widget = self._make_input(spec)
            label = QLabel(self)
            label.setBuddy(widget)
            if spec.kind not in ("long", "lines"):
                # Level with a one-line input even when an error line opens below it.
                label.setMinimumHeight(widget.sizeHint().height())
                label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            error = ErrorLabel(self)
            cell = QWidget(self)
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(error)
            if form is not None:
                form.addRow(label, cell)
            else:
                assert grid is not None
                if spec.wide and col:
                    row, col = row + 1, 0
                grid.addWidget(label, row, col * 2, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                grid.addWidget(cell, row, col * 2 + 1, 1, columns * 2 - 1 if spec.wide else 1)
                col = columns if spec.wide else col + 1
                if col >= columns:
                    row, col = row + 1, 0
            self.inputs[spec.key], self.labels[spec.key], self.errors[spec.key] = widget, label, error
        self.retranslate()

    def _make_input(self, spec: Field) -> QWidget:
        widget: QWidget = self._make_bare_input(spec)
        if isinstance(widget, QComboBox):
            # Long choices ("Proof and date of the protected activity") must not widen the whole editor.
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            widget.setMinimumContentsLength(14)
            if spec.wide:
                widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return widget

    def _make_bare_input(self, spec: Field) -> QWidget:
        widget: QWidget
        if spec.kind == "long" or spec.kind == "lines":
            edit = QPlainTextEdit(self)
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(70)
            edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            edit.textChanged.connect(self.changed)
            widget = edit
        elif spec.kind == "choice":
            combo = ChoiceCombo(spec.choices, optional=spec.optional, parent=self)
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
            widget = combo
        elif spec.kind == "multi":
            checks = ChoiceChecks(spec.choices, self)
            checks.changed.connect(self.changed)
            widget = checks
        elif spec.kind == "date":
            date = OptionalDateEdit(self)
            date.changed.connect(self.changed)
            widget = date
        elif spec.kind == "tristate":
            tri = TriStateCombo(self)
            tri.currentIndexChanged.connect(lambda _i: self.changed.emit())
            widget = tri
        elif spec.kind == "bool":
            check = QCheckBox(self)
            check.toggled.connect(lambda _b: self.changed.emit())
            widget = check
        else:
            line = QLineEdit(self)
            line.textChanged.connect(lambda _t: self.changed.emit())
            widget = line
        return widget

    def retranslate(self) -> None:
        for spec in self.fields:
            widget, label = self.inputs[spec.key], self.labels[spec.key]
            text = _(spec.label)
            if spec.kind == "bool":
                assert isinstance(widget, QCheckBox)
                widget.setText(text)
                label.setText("")
            else:
                label.setText(text + ":")
            widget.setAccessibleName(text)
            if spec.hint and isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setPlaceholderText(_(spec.hint))
            if isinstance(widget, ChoiceCombo | TriStateCombo | OptionalDateEdit | ChoiceChecks):
                widget.retranslate()
        for error in self.errors.values():
            error.setAccessibleName(_("Error"))

    def values(self, into: dict[str, Any] | None = None) -> dict[str, Any]:
        data = into if into is not None else {}
        for spec in self.fields:
            _put(data, spec.key, self._read(spec, self.inputs[spec.key]))
        return data

    def _read(self, spec: Field, widget: QWidget) -> Any:
        if isinstance(widget, QPlainTextEdit):
            text = widget.toPlainText()
            if spec.kind == "lines":
                return [line.strip() for line in text.splitlines() if line.strip()]
            return text
        if isinstance(widget, ChoiceCombo | TriStateCombo | ChoiceChecks):
            return widget.value()
        if isinstance(widget, OptionalDateEdit):
            value = widget.value()
            return value.isoformat() if value else None
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        assert isinstance(widget, QLineEdit)
        return widget.text()

    def set_values(self, data: Mapping[str, Any]) -> None:
        blocked = self.blockSignals(True)
        try:
            for spec in self.fields:
                widget, value = self.inputs[spec.key], _get(data, spec.key)
                if isinstance(widget, QPlainTextEdit):
                    text = "\n".join(value or []) if spec.kind == "lines" else (value or "")
                    if widget.toPlainText() != text:
                        widget.setPlainText(text)
                elif isinstance(widget, ChoiceCombo | TriStateCombo | OptionalDateEdit | ChoiceChecks):
                    widget.set_value(value)
                elif isinstance(widget, QCheckBox):
                    widget.setChecked(bool(value))
                else:
                    assert isinstance(widget, QLineEdit)
                    if widget.text() != (value or ""):
                        widget.setText(str(value or ""))
        finally:
            self.blockSignals(blocked)

    def show_errors(self, errors: Mapping[str, str]) -> QWidget | None:
        """Show each message under its field; return the first field with an error (to focus it)."""
        first = None
        for spec in self.fields:
            # A list's item errors ("categories.0") show under the list.
            inner = next((m for k, m in errors.items() if k.startswith(spec.key + ".")), "")
            message = errors.get(spec.key, "") or inner
            self.errors[spec.key].show_message(message)
            if message and first is None:
                first = self.inputs[spec.key]
        return first

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.inputs.values():
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(read_only)
            elif isinstance(widget, OptionalDateEdit | ChoiceChecks):
                widget.set_read_only(read_only)
            else:
                widget.setEnabled(not read_only)


# -- validation ---------------------------------------------------------------------------------------------
FIELD_MESSAGES = {
    "title": N_("Enter a title."),
    "received_on": N_("Enter the date it was received."),
    "question": N_("Enter the question asked."),
    "category": N_("Choose a category."),
    "categories": N_("Choose at least one category."),
}


def field_errors(exc: ValidationError) -> dict[str, str]:
    """Validation errors as {dotted field path: translated message}, first error per field; never the value."""
    return field_messages(exc, FIELD_MESSAGES)


def sub_errors(errors: Mapping[str, str], prefix: str) -> dict[str, str]:
    """The errors under ``prefix.`` with the prefix removed (``evidence.2.title`` → ``2.title``)."""
    start = prefix + "."
    return {key[len(start) :]: message for key, message in errors.items() if key.startswith(start)}


# -- dialogs (one place, so tests have a single seam to patch) ------------------------------------------------
def ask_unsaved(parent: QWidget, reference: str) -> str:
    """'save', 'discard' or 'cancel' for unsaved changes."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Unsaved changes"))
    box.setText(
        _("{reference} has changes that are not saved.", reference=reference) if reference
        else _("The new record has not been saved.")
    )
    box.setInformativeText(_("Save them before leaving it?"))
    save = box.addButton(_("Save"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_("Discard changes"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return "save" if clicked is save else "discard" if clicked is discard else "cancel"


def ask_conflict(parent: QWidget, message: str) -> bool:
    """The record was changed elsewhere: True to open the newer version (dropping the edits)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Changed elsewhere"))
    box.setText(message)
    box.setInformativeText(
        _("Your edits are still in the form. Keep them to copy what you need, or open the newer version "
          "(your edits will be lost).")
    )
    keep = box.addButton(_("Keep my edits"), QMessageBox.ButtonRole.RejectRole)
    reload = box.addButton(_("Open the newer version"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is reload


Callback = Callable[[], None]

__all__ = [
    "ChoiceCombo",
    "ErrorLabel",
    "Field",
    "FieldForm",
    "OptionalDateEdit",
    "TriStateCombo",
    "ask_unsaved",
    "field_errors",
    "sub_errors",
]
