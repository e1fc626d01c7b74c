"""Small forms of the Programme page: a filer, a review, a training session (each returns the data typed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ecodesk.i18n import _, date_field_pattern, date_locale
from ecodesk.models import FILER_CATEGORY_LABELS, TRAINING_AUDIENCE_LABELS


def date_edit(parent: QWidget, day: dt.date | None = None) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    follow_language(edit)
    day = day or dt.date.today()
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def follow_language(edit: QDateEdit) -> None:
    """The one date format of the current language, as in lists and editors (again after a language switch)."""
    edit.setLocale(QLocale(date_locale()))
    edit.setDisplayFormat(date_field_pattern())


def date_of(edit: QDateEdit) -> dt.date:
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())


class _Form(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish(self) -> None:
        self.form.addRow(self.buttons)


def _combo(parent: QWidget, labels: dict[Any, str]) -> QComboBox:
    combo = QComboBox(parent)
    for value, label in labels.items():
        combo.addItem(_(label), str(value))
    return combo


class FilerDialog(_Form):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Add a filer"), parent)
        self.name, self.grade, self.office, self.email = (QLineEdit(self) for _i in range(4))
        self.category = _combo(self, dict(FILER_CATEGORY_LABELS))
        self.form.addRow(_("Name:"), self.name)
        self.form.addRow(_("Why the person files:"), self.category)
        self.form.addRow(_("Grade:"), self.grade)
        self.form.addRow(_("Office:"), self.office)
        self.form.addRow(_("E-mail (optional):"), self.email)
        self.finish()

    def data(self) -> dict[str, object]:
        return {"name": self.name.text(), "category": self.category.currentData(), "grade": self.grade.text(),
                "office": self.office.text(), "email": self.email.text()}


class ReviewDialog(_Form):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(_("Review of the declaration of {name}", name=name), parent)
        self.reviewed_on = date_edit(self)
        self.conflict = QCheckBox(_("A conflict of interest was found"), self)
        self.recommendations = QPlainTextEdit(self)
        self.form.addRow(_("Reviewed on:"), self.reviewed_on)
        self.form.addRow(self.conflict)
        self.form.addRow(_("Recommendations:"), self.recommendations)
        self.finish()


class SessionDialog(_Form):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Add a training or outreach session"), parent)
        self.title, self.place = QLineEdit(self), QLineEdit(self)
        self.held_on = date_edit(self)
        self.audience = _combo(self, dict(TRAINING_AUDIENCE_LABELS))
        self.participants = QSpinBox(self)
        self.participants.setRange(0, 1_000_000)
        self.language = _combo(self, {"en": "English", "fr": "Français", "es": "Español"})
        self.planned = QCheckBox(_("Planned, not held yet"), self)
        self.form.addRow(_("Session:"), self.title)
        self.form.addRow(_("Date:"), self.held_on)
        self.form.addRow(_("Place:"), self.place)
        self.form.addRow(_("Audience:"), self.audience)
        self.form.addRow(_("Participants:"), self.participants)
        self.form.addRow(_("Language:"), self.language)
        self.form.addRow(self.planned)
        self.finish()

    def data(self) -> dict[str, object]:
        return {"title": self.title.text(), "held_on": date_of(self.held_on), "place": self.place.text(),
                "audience": self.audience.currentData(), "participants": self.participants.value(),
                "language": self.language.currentData(), "status": "planned" if self.planned.isChecked() else "held"}
