"""Protected activities, detrimental actions, and the causal link (alleged retaliators and indicators)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from ecodesk.assessment import AssessmentAnswers, Step
from ecodesk.assessment.answers import IndicatorAnswers
from ecodesk.i18n import _, format_date
from ecodesk.models import (
    DETRIMENTAL_ACTION_LABELS,
    PROTECTED_ACTIVITY_LABELS,
    AllegedRetaliator,
    DetrimentalAction,
    DetrimentalActionKind,
    ProtectedActivity,
    ProtectedActivityKind,
)
from ecodesk.ui.wizard.controls import OptionalDate, YesNo
from ecodesk.ui.wizard.entries_page import EntriesPage
from ecodesk.ui.wizard.page import wrapped_label
from ecodesk.ui.wizard.state import AssessmentState


def _combo(page: EntriesPage, labels: dict[Any, str]) -> QComboBox:
    combo = QComboBox(page)
    for kind in labels:
        combo.addItem("", str(kind))
    combo.currentIndexChanged.connect(page.form_edited)
    return combo


def _retranslate_combo(combo: QComboBox, labels: dict[Any, str]) -> None:
    for index in range(combo.count()):
        combo.setItemText(index, _(labels[combo.itemData(index)]))


def _line(page: EntriesPage) -> QLineEdit:
    edit = QLineEdit(page)
    edit.setMaxLength(500)
    edit.textChanged.connect(page.form_edited)
    return edit


def _text(page: EntriesPage) -> QPlainTextEdit:
    edit = QPlainTextEdit(page)
    edit.setTabChangesFocus(True)
    edit.textChanged.connect(page.form_edited)
    return edit


class _EventPage(EntriesPage):
    """Protected activities and detrimental actions share a form: kind, date, description, a person."""

    labels: dict[Any, str]

    def __init__(self, state: AssessmentState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.kind = _combo(self, self.labels)
        self.date = OptionalDate(self)
        self.date.changed.connect(self.form_edited)
        self.description = _text(self)
        self.person = _line(self)
        self.form_labels = [QLabel(self) for _ in range(4)]
        for label, field in zip(self.form_labels, (self.kind, self.date, self.description, self.person), strict=True):
            label.setBuddy(field)
            self.form.addRow(label, field)
        self.description.setMaximumHeight(120)
        self.hint = wrapped_label(self)
        self.body.insertWidget(0, self.hint)
        self.body.addStretch(1)

    def field_names(self) -> list[str]:
        raise NotImplementedError

    def retranslate_ui(self) -> None:
        names = self.field_names()
        for label, name in zip(self.form_labels, names, strict=True):
            label.setText(name)
        self.kind.setAccessibleName(names[0].replace("&", ""))
        self.date.retranslate_ui(names[1].replace("&", ""))
        self.description.setAccessibleName(names[2].replace("&", ""))
        self.person.setAccessibleName(names[3].replace("&", ""))
        _retranslate_combo(self.kind, self.labels)
        super().retranslate_ui()

    def fill(self, entry: Any) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(str(entry.kind))))
        self.date.set_value(entry.date)
        self.description.setPlainText(entry.description)
        self.person.setText(self.person_of(entry))

    def person_of(self, entry: Any) -> str:
        raise NotImplementedError

    def label(self, number: int, entry: Any) -> str:
        when = format_date(entry.date) if entry.date else _("date not known")
        return f"{number}. {_(self.labels[entry.kind])} — {when}"


class ActivitiesPage(_EventPage):
    step = Step.protected_activity
    labels = PROTECTED_ACTIVITY_LABELS

    def __init__(self, state: AssessmentState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.retranslate_ui()

    def field_names(self) -> list[str]:
        return [_("&Kind of activity"), _("&Date"), _("&What was reported or done"), _("Reported &to")]

    def entry_names(self) -> tuple[str, str, str]:
        return _("Protected activities"), _("&Add an activity"), _("&Remove")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.hint.setText(
            _(
                "Record every protected activity the complainant relies on. If a date is not known, "
                "leave it unticked: the timing will be checked when it is known."
            )
        )

    def entries_of(self, answers: AssessmentAnswers) -> list[Any]:
        return list(answers.protected_activities)

    def with_entries(self, answers: AssessmentAnswers, entries: list[Any]) -> AssessmentAnswers:
        return answers.model_copy(update={"protected_activities": entries})

    def blank(self) -> ProtectedActivity:
        return ProtectedActivity(kind=ProtectedActivityKind.reported_to_oversight)

    def person_of(self, entry: Any) -> str:
        return str(entry.reported_to)

    def read(self, entry: Any) -> ProtectedActivity:
        return ProtectedActivity(
            id=entry.id,
            kind=self.kind.currentData(),
            date=self.date.value(),
            description=self.description.toPlainText(),
            reported_to=self.person.text().strip(),
        )


class ActionsPage(_EventPage):
    step = Step.detrimental_action
    labels = DETRIMENTAL_ACTION_LABELS

    def __init__(self, state: AssessmentState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.retranslate_ui()

    def field_names(self) -> list[str]:
        return [_("&Kind of action"), _("&Date"), _("&What was done, threatened or recommended"), _("&Decision-maker")]

    def entry_names(self) -> tuple[str, str, str]:
        return _("Detrimental actions"), _("&Add an action"), _("&Remove")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.hint.setText(
            _(
                "Record every detrimental action complained of, with the date it was taken or "
                "communicated. The filing limit runs from that date."
            )
        )

    def entries_of(self, answers: AssessmentAnswers) -> list[Any]:
        return list(answers.detrimental_actions)

    def with_entries(self, answers: AssessmentAnswers, entries: list[Any]) -> AssessmentAnswers:
        return answers.model_copy(update={"detrimental_actions": entries})

    def blank(self) -> DetrimentalAction:
        return DetrimentalAction(kind=DetrimentalActionKind.non_renewal)

    def person_of(self, entry: Any) -> str:
        return str(entry.decision_maker)

    def read(self, entry: Any) -> DetrimentalAction:
        return DetrimentalAction(
            id=entry.id,
            kind=self.kind.currentData(),
            date=self.date.value(),
            description=self.description.toPlainText(),
            decision_maker=self.person.text().strip(),
        )


INDICATOR_QUESTIONS = (
    "departs_from_past_treatment",
    "departs_from_comparators",
    "expressed_animus",
    "weak_or_shifting_reasons",
)


class LinkPage(EntriesPage):
    """Alleged retaliators (and whether they knew) on top, the other indicators below, the timing fact."""

    step = Step.link

    def __init__(self, state: AssessmentState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.name = _line(self)
        self.role = _line(self)
        self.knew = YesNo(allow_unknown=True, parent=self)
        self.knew.changed.connect(self.form_edited)
        self.form_labels = [QLabel(self) for _ in range(3)]
        for label, field in zip(self.form_labels, (self.name, self.role, self.knew), strict=True):
            label.setBuddy(field)
            self.form.addRow(label, field)
        self.list.setMaximumHeight(120)
        self.timing = wrapped_label(self)
        self.body.addWidget(self.timing)
        self.indicator_box = QGroupBox(self)
        box = QVBoxLayout(self.indicator_box)
        self.questions: dict[str, tuple[QLabel, YesNo]] = {}
        for field in INDICATOR_QUESTIONS:  # type: ignore[assignment]
            label, answer = wrapped_label(self.indicator_box), YesNo(allow_unknown=True, parent=self.indicator_box)
            answer.changed.connect(self.mark_edited)
            box.addWidget(label)
            box.addWidget(answer)
            self.questions[field] = (label, answer)  # type: ignore[index]
        self.notes_label = QLabel(self.indicator_box)
        self.notes = QPlainTextEdit(self.indicator_box)
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)
        self.notes.textChanged.connect(self.mark_edited)
        self.notes_label.setBuddy(self.notes)
        box.addWidget(self.notes_label)
        box.addWidget(self.notes)
        self.body.addWidget(self.indicator_box)
        self.retranslate_ui()

    def entry_names(self) -> tuple[str, str, str]:
        return _("Alleged retaliators"), _("&Add a person"), _("&Remove")

    def retranslate_ui(self) -> None:
        names = [_("&Name"), _("R&ole"), _("Knew of the protected activity?")]
        for label, text in zip(self.form_labels, names, strict=True):
            label.setText(text)
        self.name.setAccessibleName(_("Name of the alleged retaliator"))
        self.role.setAccessibleName(_("Role of the alleged retaliator"))
        self.knew.retranslate_ui(_("Knew of the protected activity"))
        self.indicator_box.setTitle(_("Other indicators of a contributing factor"))
        texts = {
            "departs_from_past_treatment": _("Does the action depart from how the complainant was treated before?"),
            "departs_from_comparators": _("Were comparable staff who made no report treated differently?"),
            "expressed_animus": _("Did the alleged retaliator express animus towards the complainant?"),
            "weak_or_shifting_reasons": _("Are the stated reasons for the action weak, or have they shifted?"),
        }
        for field, (label, answer) in self.questions.items():
            label.setText(texts[field])
            answer.retranslate_ui(texts[field])
        self.notes_label.setText(_("&Notes on the indicators (optional)"))
        self.notes.setAccessibleName(_("Notes on the indicators"))
        super().retranslate_ui()
        if self.wizard() is not None:
            self._show_timing()

    def _show_timing(self) -> None:
        facts = self.state.evaluation().facts
        if facts.causal_order == "impossible":
            text = _("Every detrimental action predates every protected activity: no causal link is possible.")
        elif facts.closest_interval_days is not None:
            text = _(
                "Timing: the closest action followed a protected activity by {days} days.",
                days=facts.closest_interval_days,
            )
        else:
            text = _("Timing: not known until the dates of the activities and actions are known.")
        self.timing.setText(text)

    def entries_of(self, answers: AssessmentAnswers) -> list[Any]:
        return list(answers.alleged_retaliators)

    def with_entries(self, answers: AssessmentAnswers, entries: list[Any]) -> AssessmentAnswers:
        values = {field: answer.value() for field, (_label, answer) in self.questions.items()}
        indicators = IndicatorAnswers(**values, notes=self.notes.toPlainText())
        return answers.model_copy(update={"alleged_retaliators": entries, "indicators": indicators})

    def blank(self) -> AllegedRetaliator:
        return AllegedRetaliator()

    def fill(self, entry: Any) -> None:
        self.name.setText(entry.name)
        self.role.setText(entry.role)
        self.knew.set_value(entry.knew_of_protected_activity)

    def read(self, entry: Any) -> AllegedRetaliator:
        return entry.model_copy(
            update={
                "name": self.name.text().strip(),
                "role": self.role.text().strip(),
                "knew_of_protected_activity": self.knew.value(),
            }
        )

    def label(self, number: int, entry: Any) -> str:
        who = " — ".join(part for part in (entry.name, entry.role) if part)
        return f"{number}. {who or _('(no name yet)')}"

    def load(self, answers: AssessmentAnswers) -> None:
        super().load(answers)
        for field, (_label, answer) in self.questions.items():
            answer.set_value(getattr(answers.indicators, field))
        self.notes.setPlainText(answers.indicators.notes)
        self._show_timing()
